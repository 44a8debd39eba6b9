"""Organisations named in a text: by the form of their names (legal-form words, municipal,
county and regional names, universities, names that end in an organisation word, descriptor
nouns before a name), nationally known names, and names known only by what is said of them.

Examples
--------
>>> doc = Document.of("Hun leder inkubatoren Fjellstart i Testvik kommune.")
>>> [(m.name, m.org_kind) for m in find_organisations(doc, doc.sentences[0].tokens)]
[('Fjellstart', 'incubator'), ('Testvik kommune', 'municipality')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .document import Document, Mention
from .gazetteer import gazetteers
from .lexicon import DESCRIPTOR_ENDINGS, DESCRIPTORS, FUNCTION_WORDS, STREET_WORDS, event_noun
from .names import DIRECTIONS, NAME_WORD, ORG_HEADS, is_given
from .roles import role_at
from .text import Sentence, Token

__all__ = ["HEAD_KINDS", "context_organisations", "find_organisations", "known_organisations"]


def _org_word(doc: Document, tok: Token) -> bool:
    """A word that can be part of an organisation's name."""
    t = tok.text
    if not t[:1].isupper() or t.lower() in FUNCTION_WORDS:
        return False
    if tok.start in doc.sentence_starts and t.lower() in doc.lowercase_words:
        return False
    return not role_at([tok], 0)


def find_organisations(doc: Document, toks: tuple[Token, ...]) -> list[Mention]:
    """The organisations named in one sentence by the form of their names."""
    out: list[Mention | None] = []
    for i, tok in enumerate(toks):
        if doc.in_title_quotes(tok.start):
            continue
        for rules in (_companies, _public_bodies, _institutions, _name_head, _descriptor_name):
            rules(doc, toks, i, out)
    return [m for m in out if m]


def _companies(doc: Document, toks: tuple[Token, ...], i: int, out: list[Mention | None]) -> None:
    """A name with a legal-form word (``AS``, ``AB``); an association named with its place."""
    g = gazetteers()
    n, tok = len(toks), toks[i]
    t, low = tok.text, tok.text.lower()
    # companies: name words + a legal-form word
    if t in g.legal_forms and i > 0 and (t not in _SHORT_FORMS or (
            t.isupper() and _org_word(doc, toks[i - 1]) and not is_given(toks[i - 1].text)
            and toks[i - 1].text not in g.places and toks[i].start - toks[i - 1].end == 1)):
        j = i
        while j > 0 and i - j < 5 and (_org_word(doc, toks[j - 1]) or (
            toks[j - 1].text in ("i", "på") and j > 1 and _org_word(doc, toks[j - 2])
            and toks[j - 2].start not in doc.sentence_starts and j < i
        )) and toks[j - 1].text not in g.legal_forms and (
            not _descriptor(toks[j - 1].text) or _inner_descriptor(doc, toks, j - 1)
        ):
            j -= 1
        if j < i:
            out.append(_org(doc, toks, j, i + 1, "company", "org:legal-form", 0.95))
    # an association or council named with its place: «Næringsforeningen i Vassbygd»
    if t[:1].isupper() and low.endswith(_PLACED_BODIES) and i + 2 < n \
            and toks[i + 1].text in ("i", "på", "för", "for") and NAME_WORD.match(toks[i + 2].text) \
            and toks[i + 2].text.lower() not in FUNCTION_WORDS and not is_given(toks[i + 2].text) \
            and not (tok.start in doc.sentence_starts and low in doc.lowercase_words):
        out.append(_org(doc, toks, i, i + 3, "association", "org:placed-body", 0.8))


def _public_bodies(doc: Document, toks: tuple[Token, ...], i: int, out: list[Mention | None]) -> None:
    """Municipalities, county councils, regions, national bodies (``Norges forskningsråd``)."""
    g = gazetteers()
    n, tok = len(toks), toks[i]
    t, low = tok.text, tok.text.lower()
    # municipalities, county councils, regions
    base = low[:-1] if low.endswith("s") and low[:-1] in ("kommune", "kommun", "fylkeskommune") else low
    if base in ("kommune", "kommun", "fylkeskommune", "landsting") and i > 0:
        j = i
        while j > 0 and i - j < 3 and _org_word(doc, toks[j - 1]) or (
            j > 0 and i - j < 3 and toks[j - 1].text in g.places
        ):
            j -= 1
        if j < i:
            kind = "county" if base in ("fylkeskommune", "landsting") else "municipality"
            out.append(_org(doc, toks, j, i + 1, kind, f"org:{base}", 0.95))
    if t in ("Norges", "Sveriges", "Danmarks", "Finlands") and i + 1 < n and toks[i + 1].cap \
            and _org_word(doc, toks[i + 1]):
        j = i + 2
        while j < n and j - i < 4 and _org_word(doc, toks[j]):
            j += 1
        out.append(_org(doc, toks, i, j, "organisation", "org:national", 0.8))
    if low == "stad" and i > 0 and (toks[i - 1].text in g.places or (
        toks[i - 1].text.endswith("s") and toks[i - 1].text[:-1] in g.places
    )):
        out.append(_org(doc, toks, i - 1, i + 1, "municipality", "org:stad", 0.85))
    if t == "Region" and i + 1 < n and toks[i + 1].cap:
        j = i + 2
        if j < n and toks[j].text in g.places and toks[j].cap:
            j += 1
        if j < n and toks[j].text == "län":
            j += 1      # «Region Örebro län»
        out.append(_org(doc, toks, i, j, "region", "org:region", 0.9))
    # regional bodies written as one compound: «Västra Götalandsregionen»
    if t[:1].isupper() and low.endswith(("regionen", "regionens")) and len(low) > 10 \
            and not (tok.start in doc.sentence_starts and low in doc.lowercase_words):
        j = i - 1 if i > 0 and toks[i - 1].text in _COMPASS_ADJECTIVES else i
        if j < i:
            out.append(_org(doc, toks, j, i + 1, "region", "org:region-compound", 0.85))


def _institutions(doc: Document, toks: tuple[Token, ...], i: int, out: list[Mention | None]) -> None:
    """Schools, hospitals, county agencies, universities and university colleges, funds."""
    g = gazetteers()
    n, tok = len(toks), toks[i]
    t, low = tok.text, tok.text.lower()
    # upper secondary schools: «Fjellbyen videregående skole», «Strandviks gymnasium»
    if low in ("skole", "skule", "skola", "gymnasium", "gymnas") and i > 1 \
            and toks[i - 1].text.lower() in ("videregående", "vidaregåande", "folkhögskola") \
            and toks[i - 2].cap and toks[i - 2].text.lower() not in FUNCTION_WORDS \
            and toks[i - 2].start not in doc.sentence_starts:
        out.append(_org(doc, toks, i - 2, i + 1, "organisation", "org:school", 0.85))
    # universities and university colleges
    if low.endswith(("sjukhuset", "sykehuset", "sjukhus", "sykehus")) and i > 0 \
            and _org_word(doc, toks[i - 1]) and toks[i - 1].start not in doc.sentence_starts:
        out.append(_org(doc, toks, i - 1, i + 1, "organisation", "org:hospital", 0.8))
    if t in ("Länsstyrelsen", "Statsforvalteren", "Fylkesmannen") and i + 2 < n \
            and toks[i + 1].text in ("i", "för") and toks[i + 2].cap:
        j = i + 3
        while j < n and (toks[j].cap or toks[j].text in ("og", "och")) and j - i < 6:
            j += 1
        if j < n and toks[j].text in ("län", "fylke"):
            j += 1
        out.append(_org(doc, toks, i, j, "public-agency", "org:county-agency", 0.9))
    if low in ("universitet", "universitetet", "universitets", "högskola", "högskolas", "høgskole"):
        j = i
        while j > 0 and i - j < 3 and (_org_word(doc, toks[j - 1]) or (
            toks[j - 1].text.islower() and toks[j - 1].text.endswith(("tekniska", "tekniske"))
            and j > 1 and toks[j - 2].cap
        )):
            j -= 1
        if j < i:
            kind = "university" if low.startswith("universitet") else "university-college"
            out.append(_org(doc, toks, j, i + 1, kind, "org:university", 0.9))
    if t in ("Universitetet", "Høgskolen", "Høgskulen", "Högskolan", "Høyskolen",
             "Handelshögskolan", "Handelshøyskolen") and i + 2 < n \
            and toks[i + 1].text in ("i", "på", "vid", "ved") and toks[i + 2].cap:
        j = i + 3
        while j < n and toks[j].cap and toks[j].text in g.places:
            j += 1
        kind = "university" if t == "Universitetet" else "university-college"
        out.append(_org(doc, toks, i, j, kind, "org:university", 0.9))
    if t[:1].isupper() and low.endswith("universitetet") and len(low) > 14:
        out.append(_org(doc, toks, i, i + 1, "university", "org:university", 0.85))
    if low in ("forskingsfond", "forskningsfond") and i > 0 and toks[i - 1].text in (
        "Regionalt", "Regionale"
    ) and i + 1 < n and toks[i + 1].cap:
        out.append(_org(doc, toks, i - 1, i + 2, "public-agency", "org:fund", 0.85))


def _name_head(doc: Document, toks: tuple[Token, ...], i: int, out: list[Mention | None]) -> None:
    """A name that ends in an organisation word: ``Mo Industripark``, ``Rana Utvikling``."""
    g = gazetteers()
    n, tok = len(toks), toks[i]
    t, low = tok.text, tok.text.lower()
    # a name that ends in an organisation word: «Mo Industripark», «Rana Utvikling»
    if i > 0 and t[:1].isupper() and low.endswith(ORG_HEADS) and _org_word(doc, toks[i - 1]) \
            and (toks[i - 1].start not in doc.sentence_starts or (
                any(low.endswith(e) for e, _ in HEAD_KINDS) and not is_given(toks[i - 1].text)
                and toks[i - 1].text.lower() not in doc.lowercase_words)) or (
                i > 0 and t[:1].isupper() and low.endswith(ORG_HEADS)
                and toks[i - 1].text in g.places):
        j = i - 1
        while j > 0 and i - j < 3 and _org_word(doc, toks[j - 1]) \
                and not is_given(toks[j - 1].text) and toks[j - 1].text not in g.legal_forms:
            j -= 1
        k = i + 1
        while k < n and toks[k].text in g.places and k - i < 3:
            k += 1
        if not (k < n and toks[k].text in g.legal_forms):
            head = next((k for e, k in HEAD_KINDS if low.endswith(e)), "organisation")
            out.append(_org(doc, toks, j, k, head, "org:name-head", 0.7))


def _descriptor_name(doc: Document, toks: tuple[Token, ...], i: int, out: list[Mention | None]) -> None:
    """A descriptor noun before a name: ``inkubatoren Vekstverket Agder``, ``Klustret Fiberdalen``."""
    g = gazetteers()
    n, tok = len(toks), toks[i]
    t, low = tok.text, tok.text.lower()
    # a descriptor noun before a name: «inkubatoren Vekstverket Agder», «Klustret Fiberdalen»
    kind = DESCRIPTORS.get(low) or next(
        (k for e, k in DESCRIPTOR_ENDINGS if low.endswith(e)), ""
    )
    if kind and low not in ("kommunen", "kommun") and i + 1 < n and toks[i + 1].cap \
            and _org_word(doc, toks[i + 1]) and not event_noun(toks[i + 1].text):
        j = i + 1
        while j < n and j - i <= 3 and (_org_word(doc, toks[j]) or toks[j].text in g.places) \
                and toks[j].start - toks[j - 1].end == 1:
            j += 1
        if toks[j - 1].text in g.legal_forms:
            return
        if j < n and toks[j].text.lower() in STREET_WORDS:
            return
        name_words = [x.text for x in toks[i + 1: j]]
        compound = low not in DESCRIPTORS      # «Skogsklustret», not «Klustret»
        if t[:1].isupper() and ((compound and tok.start not in doc.sentence_starts) or all(
            w in g.places or w in DIRECTIONS for w in name_words
        )):
            # «Skogsklustret Norr»: the descriptor is part of a name that is otherwise a place
            out.append(_org(doc, toks, i, j, kind, "org:descriptor-name", 0.8))
            return
        out.append(_org(doc, toks, i + 1, j, kind, "org:descriptor", 0.85))


def _org(doc: Document, toks: tuple[Token, ...], i: int, j: int, kind: str, rule: str,
     conf: float) -> Mention | None:
    start, end = toks[i].start, toks[j - 1].end
    name = doc.text[start:end]
    last = toks[j - 1].text
    nxt = toks[j].text if j < len(toks) else ""
    if last.endswith("s") and (
        last.lower() in ("kommunes", "kommuns", "fylkeskommunes", "universitets", "högskolas")
        or (rule in ("org:region", "org:descriptor") and nxt[:1].islower() and len(last) > 3
            and not last.endswith("ss"))
    ):
        name = name[:-1]
    if rule == "org:region" and name.endswith("s") and nxt[:1].islower():
        name = name[:-1]
    return Mention("organisation", start, end, name, rule, conf, kind)


def known_organisations(doc: Document) -> list[Mention]:
    """Nationally known organisations by name or abbreviation."""
    out = []
    known = gazetteers().known_orgs
    places = gazetteers().places
    for m in _known_rx().finditer(doc.text):
        if m.start() < doc.body_start or doc.in_title_quotes(m.start()):
            continue
        alias = m.group(1)
        name, kind = known[alias]
        end = m.end()
        branch = re.match(r" ([A-ZÆØÅÄÖ][\wæøåäö-]+)", doc.text[m.end(1):])
        if branch and not (branch[1] in DIRECTIONS or branch[1] in places) and m.end() == m.end(1) \
                and branch[1].lower() not in FUNCTION_WORDS and not role_at([Token(branch[1], 0, 0)], 0):
            if not (alias.isupper() and len(alias) >= 3 and not is_given(branch[1])):
                continue    # «Telenor Arena»: part of a longer name
        if branch and alias.isupper() and len(alias) >= 3 and m.end() == m.end(1) \
                and branch[1].lower() not in FUNCTION_WORDS and not is_given(branch[1]) \
                and not role_at([Token(branch[1], 0, 0)], 0):
            # a division of a body known by its acronym: «SINTEF Ocean», «RISE Processum»
            end = m.end(1) + branch.end()
            out.append(Mention("organisation", m.start(), end, doc.text[m.start():end],
                               "org:known-name-division", 0.85, kind))
            continue
        if branch and (branch[1] in DIRECTIONS or branch[1] in places) and m.end() == m.end(1):
            # a regional branch: «Almi Mitt», «Almi Stockholm»
            end = m.end(1) + branch.end()
            name = doc.text[m.start():end]
        out.append(Mention("organisation", m.start(), end, name, "org:known-name", 0.95, kind))
    return out


def context_organisations(doc: Document, found: list[Mention]) -> list[Mention]:
    """Organisations known only by what is said of them: a capitalised name that leads,
    invites or stands behind something, one in the organisation slot after a role word,
    and a name given to an organisation just mentioned (``inkubatoren … får namnet X``)."""
    g = gazetteers()
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found]
    for sent in doc.sentences:
        if sent.end <= doc.body_start:
            continue
        toks = sent.tokens
        n = len(toks)
        for i in range(n):
            if any(toks[i].start < b and a < toks[i].end for a, b in taken):
                continue
            j = i
            while j < n and j - i < 3 and NAME_WORD.match(toks[j].text) \
                    and toks[j].text.lower() not in FUNCTION_WORDS and not role_at(toks, j) \
                    and not any(toks[j].start < b and a < toks[j].end for a, b in taken):
                j += 1
            if j == i or (i > 0 and NAME_WORD.match(toks[i - 1].text)):
                continue
            if j < n and any(toks[j].start < b and a < toks[j].end for a, b in taken):
                continue    # «Klustret Norrskog»: a descriptor before a known name
            words = [t.text for t in toks[i:j]]
            if all(w in g.places or w in g.given_names for w in words):
                continue
            if toks[i].start in doc.sentence_starts and words[0].lower() in doc.lowercase_words:
                continue
            kind, rule, j = _context_rule(doc, sent, found + out, i, j, words)
            if rule:
                m = Mention("organisation", toks[i].start, toks[j - 1].end,
                            doc.text[toks[i].start: toks[j - 1].end], rule, 0.7, kind)
                out.append(m)
                taken.append((m.start, m.end))
    return out

def _context_rule(doc: Document, sent: Sentence, known: list[Mention], i: int, j: int,
                  words: list[str]) -> tuple[str, str, int]:
    """The kind and rule of a name at tokens ``i:j`` by what is said of it (the rule empty when
    nothing fits), and where the name ends."""
    g = gazetteers()
    toks = sent.tokens
    n = len(toks)
    nxt = [t.text.lower() for t in toks[j: j + 3]]
    prev = [t.text.lower() for t in toks[max(0, i - 4): i]]
    kind, rule = "organisation", ""
    if nxt[:2] in (["har", "ansatt"], ["har", "anställt"], ["har", "utsett"],
                   ["har", "rekruttert"], ["har", "rekryterat"], ["har", "tilsatt"]) \
            or nxt[:3] in (["har", "fått", "ny"], ["har", "fått", "nytt"], ["har", "fått", "nya"]) \
            or nxt[:2] in (["leds", "av"], ["ledes", "av"]) or nxt[:2] == ["bjuder", "in"] \
            or nxt[:1] == ["inviterer"] or nxt[:2] in (["står", "bak"], ["stod", "bak"]):
        if j - i >= 2 or toks[i].start not in doc.sentence_starts:
            rule = "org:context-subject"
    elif prev[-1:] in (["namnet"], ["navnet"]) and len(prev) >= 2 \
            and prev[-2] in ("får", "fått", "fikk", "fick"):
        before = doc.text[max(doc.body_start, sent.start - 200): toks[i].start].lower()
        last = None
        for w in re.findall(r"\w+", before):
            k = DESCRIPTORS.get(w) or next((k for e, k in DESCRIPTOR_ENDINGS if w.endswith(e)), None)
            if k or w.startswith(("prosjekt", "projekt", "program")):
                last = k
        if last:
            kind, rule = last, "org:named-as"
    elif (len(prev) >= 2 and prev[-1] == "av" and re.match(r"(arranger|organiser|anordna)", prev[-2])) or (
        len(prev) == 4 and prev[1:] in (["i", "samarbeid", "med"], ["i", "samarbete", "med"])
        and re.match(r"(arranger|organiser|anordna)", prev[0])
    ) or (
        prev[-1:] in (["og"], ["och"], ["samt"]) and i >= 2
        and any(m.kind == "organisation" and m.start <= toks[i - 2].start < m.end for m in known)
        and re.search(r"\b(?:arranger|organiser|anordna)\w* av\b",
                      doc.text[max(sent.start, toks[i].start - 80): toks[i].start])
    ) and not all(w in g.places for w in words):
        rule = "org:organiser-slot"
    elif len(prev) >= 2 and prev[-1] in ("på", "i", "hos", "for", "för") and prev[-2] in (
        "arbetat", "arbeidet", "jobbet", "jobbat", "arbetar", "jobber", "jobbar", "arbeider"
    ) and not all(w in g.places for w in words):
        rule = "org:works-at"
    elif prev[-1:] in (["fra"], ["från"]) and not all(w in g.places for w in words) and (
        nxt[:2] in ([",", "der"], [",", "där"]) or prev[-2:-1] in (["kommer"], ["kom"], ["närmast"])
    ):
        rule = "org:came-from"
    elif len(prev) >= 2 and prev[-1] in ("i", "ved", "vid", "på", "for", "för", "hos", "av") \
            and role_at(toks, i - 2) and not all(w in g.places for w in words) \
            and not (j < n and toks[j].text.lower() in STREET_WORDS):
        rule = "org:role-slot"
    elif len(prev) >= 2 and prev[-1] == "," and role_at(toks, i - 2) and j - i >= 2 \
            and (j == n or toks[j].text in ".,\n"):
        rule = "org:after-role"
    if not rule and nxt[:1] == [","] and len(nxt) > 2 and nxt[1] in ("en", "ett", "et", "ei") \
            and nxt[2].rstrip("et") in _KIND_NOUNS:
        rule = "org:apposition"      # «Kreativt Senter, et nettverk for …»
    elif not rule and j < n and toks[j].text.islower() and toks[j].text.endswith(("et", "en", "an")) \
            and [t.text.lower() for t in toks[j + 1: j + 3]][:1] == [","] and j + 3 < n \
            and toks[j + 2].text in ("en", "ett", "et", "ei") \
            and toks[j + 3].text.rstrip("et") in _KIND_NOUNS:
        j += 1
        rule = "org:apposition"      # «Kreativa huset, ett centrum för …»
    return kind, rule, j



@lru_cache(maxsize=1)
def _known_rx() -> re.Pattern[str]:
    aliases = sorted(gazetteers().known_orgs, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, aliases)) + r")s?(?![\w-])")


#: Nouns that say what kind of body a name in apposition is («X, ett centrum för …»).
_KIND_NOUNS = frozenset(
    "centrum senter center selskap företag bolag nettverk nätverk inkubator klynge kluster "
    "testbädd testarena forening förening stiftelse organisasjon organisation samarbeid "
    "forum institutt institut".split()
)

HEAD_KINDS = (("park", "science-park"), ("parken", "science-park"), ("klynge", "cluster"),
              ("klyngen", "cluster"), ("kluster", "cluster"), ("klustret", "cluster"),
              ("inkubator", "incubator"), ("næringshage", "science-park"))


def _inner_descriptor(doc: Document, toks: tuple[Token, ...], k: int) -> bool:
    """True when the capitalised descriptor noun at ``k`` is a word inside a name, not a noun
    before one: a name word stands right before it (``Fjellbyen Næringshage AS``)."""
    return k > 0 and toks[k].text[:1].isupper() and NAME_WORD.match(toks[k - 1].text) is not None \
        and toks[k - 1].text.lower() not in FUNCTION_WORDS and not _descriptor(toks[k - 1].text) \
        and not role_at(toks, k - 1) and toks[k].start - toks[k - 1].end == 1


def _descriptor(word: str) -> bool:
    low = word.lower()
    return low in DESCRIPTORS or any(low.endswith(e) for e, _ in DESCRIPTOR_ENDINGS)


#: Short legal forms that are also ordinary words or initials: taken only after a name word.
_SHORT_FORMS = frozenset("SE SA DA BA KF".split())

#: Definite nouns of bodies whose name goes on with a place: «Næringsforeningen i Vassbygd».
_PLACED_BODIES = ("foreningen", "föreningen", "forbundet", "förbundet", "rådet", "nettverket",
                  "nätverket", "kammeret", "kammaren", "selskapet", "sällskapet")

#: Adjectives of direction that begin a regional name (``Västra Götalandsregionen``).
_COMPASS_ADJECTIVES = frozenset("Västra Östra Norra Södra Vestre Østre Nordre Søndre".split())
