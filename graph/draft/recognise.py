"""Recognisers: text → mentions of persons and organisations.

A :class:`Recogniser` is any callable that takes a :class:`Document` and returns
:class:`Mention` objects; the drafter merges what its recognisers return, so a statistical
recogniser can be added beside the rules. :class:`RuleRecogniser` is the one that ships: given
names from the gazetteer and capitalisation, legal-form words (``AS``, ``AB``), municipal,
county and regional names, universities and university colleges, descriptor nouns
(``inkubatoren X``, ``klustret X``), nationally known organisations, and roles as context.

Examples
--------
>>> doc = Document.of("Kari Nordmann er daglig leder i Fjellbyen Teknikk AS i Testvik kommune.")
>>> sorted((m.kind, m.name) for m in RuleRecogniser()(doc))
[('organisation', 'Fjellbyen Teknikk AS'), ('organisation', 'Testvik kommune'), ('person', 'Kari Nordmann')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from .gazetteer import gazetteers
from .lexicon import (
    DESCRIPTOR_ENDINGS,
    DESCRIPTORS,
    FUNCTION_WORDS,
    STREET_WORDS,
    event_noun,
)
from .text import Sentence, Token, detect_language, parse_header, sentences

__all__ = ["Document", "GraphRecogniser", "Mention", "Recogniser", "RuleRecogniser", "role_at"]


@dataclass
class Mention:
    """A stretch of text that names something.

    Attributes
    ----------
    kind : str
        ``person`` or ``organisation``.
    start, end : int
        Code-point offsets (end exclusive).
    name : str
        The base form of the name (a genitive -s removed).
    rule : str
        The rule or recogniser that found it.
    confidence : float
        How sure the rule is, 0..1.
    org_kind : str
        For organisations: the kind (``company``, ``municipality``...).
    """

    kind: str
    start: int
    end: int
    name: str
    rule: str
    confidence: float
    org_kind: str = ""


@dataclass
class Document:
    """A text to draft from, split once: language, header, sentences, tokens."""

    text: str
    lang: str
    sentences: list[Sentence]
    body_start: int = 0
    title: str = ""
    author: str = ""
    published: str = ""
    kind: str = "news-article"
    lowercase_words: set[str] = field(default_factory=set)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, lang: str = "auto", published: str | None = None) -> Document:
        """Split ``text``: header (when line 2 is a byline), language, sentences."""
        header = parse_header(text) if "\n" in text else None
        body_start = header.body_start if header and (header.author or header.published) else 0
        language = detect_language(text) if lang == "auto" else lang
        sents = sentences(text, 0)
        lower = {m.group() for m in re.finditer(r"\b[a-zæøåäöéü]\w*", text)}
        quoted = [(m.start(), m.end()) for m in re.finditer(r"«[^»\n]*»|”[^”\n]*”|\"[^\"\n]*\"", text)]
        return cls(
            text, language, sents, body_start,
            header.title if header else "",
            header.author if header else "",
            published or (header.published if header else ""),
            header.kind if header else "news-article",
            lower, quoted, {s.tokens[0].start for s in sents},
        )

    def in_title_quotes(self, start: int) -> bool:
        """True when ``start`` lies inside a quoted title («…», ”…”)."""
        return any(a < start < b for a, b in self.quoted)


class Recogniser(Protocol):
    """Anything that finds mentions in a document."""

    def __call__(self, doc: Document) -> list[Mention]: ...


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X{1,3}|XI{0,3})$")
_NAME_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáóíúñç]+(?:-[A-ZÆØÅÄÖÜÉ]?[a-zæøåäöüéèáóíúñç]+)*$")
_ROLE_SUFFIXES = (
    ("direktør", "director"), ("direktör", "director"), ("rådgiver", "adviser"),
    ("rådgivare", "adviser"), ("forsker", "researcher"), ("forskare", "researcher"),
    ("utvikler", "business-developer"), ("utvecklare", "business-developer"),
    ("koordinator", "coordinator"), ("sjef", "leader"), ("chef", "leader"),
    ("ledare", "leader"), ("leder", "leader"), ("professor", "professor"),
    ("ansvarlig", "leader"), ("ansvarig", "leader"), ("ordförande", "chair"),
    ("ordfører", "mayor"), ("biolog", "professional"), ("ingeniør", "professional"),
    ("ingenjör", "professional"), ("analytiker", "professional"), ("økonom", "professional"),
    ("ekonom", "professional"), ("konsulent", "professional"), ("arkitekt", "professional"),
)
_NOT_ROLES = frozenset(
    "gründerne ledere forskere chefer sjefer forskarna ledarna innleder inleder innledere "
    "inledare".split()
)
#: Last words of organisation names (``Mo Industripark``, ``Rana Utvikling``): never a surname.
ORG_HEADS = (
    "park", "parken", "klynge", "klyngen", "kluster", "klustret", "senter", "senteret", "center",
    "centret", "centrum", "lab", "labb", "hub", "inkubator", "utvikling", "utveckling", "invest",
    "holding", "gruppen", "næringshage", "kompetanse", "kompetens", "innovasjon", "innovation",
    "teknologi", "teknik", "teknikk", "energi", "kraft", "nett", "nät", "data", "consult",
    "kammer", "kammaren", "kammare", "forbund", "förbund", "forening", "förening", "bondelag",
    "sällskap", "stiftelse", "stiftelsen", "institutt", "institut", "instituttet", "institutet",
    "akademi", "akademien", "foods", "group", "solutions", "systems", "technologies", "partners",
    "ventures", "capital",
)


#: Adjectives that belong to a role phrase (``regional utvecklingsdirektör``).
ROLE_ADJECTIVES = frozenset(
    "regional regionale kommunal kommunale teknisk tekniska tekniske vitenskapelig vetenskaplig "
    "administrativ administrative biträdande assisterende assisterande konstituert tillförordnad "
    "fungerende fungerande ekonomisk økonomisk adjungert adjungerad affiliert affilierad "
    "gjesteprofessor".split()
)


def role_at(tokens: tuple[Token, ...] | list[Token], i: int) -> tuple[str, str, int, bool] | None:
    """The role word or phrase starting at token ``i``: (base form, concept slug, tokens used,
    definite), else None.

    Examples
    --------
    >>> from graph.draft.text import tokenize
    >>> role_at(tokenize("daglig leder i X"), 0)
    ('daglig leder', 'chief-executive', 2, False)
    >>> role_at(tokenize("VD:n för X"), 0)
    ('VD', 'chief-executive', 1, True)
    >>> role_at(tokenize("kvalitetssjef"), 0)[:2]
    ('kvalitetssjef', 'leader')
    """
    roles = gazetteers().roles
    if i >= len(tokens):
        return None
    w = tokens[i].text
    if w.lower() in ROLE_ADJECTIVES and i + 1 < len(tokens):
        inner = role_at(tokens, i + 1)
        if inner and not inner[3] and inner[0] not in ("leder", "ledare", "sjef", "chef"):
            return f"{w.lower()} {inner[0]}", inner[1], inner[2] + 1, False
    if i + 1 < len(tokens):
        two = f"{w.lower()} {tokens[i + 1].text.lower()}"
        for phrase in (two, f"{w} {tokens[i + 1].text}"):
            if phrase in roles:
                return phrase, roles[phrase], 2, False
        if w.lower() in ("daglige", "administrerende", "verkställande") and tokens[i + 1].text.lower() in (
            "leder", "lederen", "direktør", "direktøren", "direktör", "direktören"
        ):
            base = {"daglige": "daglig leder", "administrerende": "administrerende direktør"}.get(
                w.lower(), "verkställande direktör")
            return base, roles[base], 2, True
        if two.endswith(("en", "n")) and two[: -2] in roles and two.startswith("daglig"):
            return two[:-2], roles[two[:-2]], 2, True
    return _role_word(w)


@lru_cache(maxsize=8192)
def _role_word(w: str) -> tuple[str, str, int, bool] | None:
    roles = gazetteers().roles
    if w in ("VD", "vd", "VD:n", "vd:n", "CEO"):
        return "VD", "chief-executive", 1, w.endswith(":n")
    low = w.lower()
    if low in _NOT_ROLES or not low.isalpha():
        return None
    if low in roles:
        return low, roles[low], 1, False
    for suffix in ("en", "n", "et"):
        if low.endswith(suffix) and low[: -len(suffix)] in roles and len(low) > 6:
            base = low[: -len(suffix)]
            return base, roles[base], 1, True
    for ending, slug in _ROLE_SUFFIXES:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return low, slug, 1, False
    return None


class RuleRecogniser:
    """Persons and organisations by the rules of the language and the gazetteers."""

    name = "rules"

    def __call__(self, doc: Document) -> list[Mention]:
        out: list[Mention] = []
        for sent in doc.sentences:
            if sent.end <= doc.body_start:
                continue
            toks = sent.tokens
            out.extend(self._persons(doc, toks))
            out.extend(self._organisations(doc, toks))
        out.extend(self._named(doc))
        out = _dedupe(out)
        out.extend(self._context(doc, out))
        return _dedupe(out)

    def _context(self, doc: Document, found: list[Mention]) -> list[Mention]:
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
                while j < n and j - i < 3 and _NAME_WORD.match(toks[j].text) \
                        and toks[j].text.lower() not in FUNCTION_WORDS and not role_at(toks, j) \
                        and not any(toks[j].start < b and a < toks[j].end for a, b in taken):
                    j += 1
                if j == i or (i > 0 and _NAME_WORD.match(toks[i - 1].text)):
                    continue
                if j < n and any(toks[j].start < b and a < toks[j].end for a, b in taken):
                    continue    # «Klustret Norrskog»: a descriptor before a known name
                words = [t.text for t in toks[i:j]]
                if all(w in g.places or w in g.given_names for w in words):
                    continue
                if toks[i].start in doc.sentence_starts and words[0].lower() in doc.lowercase_words:
                    continue
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
                    and any(m.kind == "organisation" and m.start <= toks[i - 2].start < m.end for m in found + out)
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
                if rule:
                    m = Mention("organisation", toks[i].start, toks[j - 1].end,
                                doc.text[toks[i].start: toks[j - 1].end], rule, 0.7, kind)
                    out.append(m)
                    taken.append((m.start, m.end))
        return out

    # ------------------------------------------------------------------ persons

    def _name_word(self, doc: Document, tok: Token, first_in_sentence: bool) -> bool:
        if not _NAME_WORD.match(tok.text) or tok.text.lower() in FUNCTION_WORDS:
            return False
        if tok.text.lower().endswith(ORG_HEADS):
            return False
        g = gazetteers()
        if tok.text in g.legal_forms or role_at([tok], 0) or event_noun(tok.text):
            return False
        return not (first_in_sentence and tok.text.lower() in doc.lowercase_words)

    def _persons(self, doc: Document, toks: tuple[Token, ...]) -> list[Mention]:
        g = gazetteers()
        out: list[Mention | None] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            given = _given(tok.text)
            initial = (
                len(tok.text) == 1 and tok.text.isupper() and i + 2 < len(toks)
                and toks[i + 1].text == "." and toks[i + 1].start == tok.end
            )
            if initial:
                surname = toks[i + 2]
                if self._name_word(doc, surname, False) and not _given(surname.text):
                    out.append(self._person(doc, toks, i, i + 3, "person:initial-surname", 0.8))
                    i += 3
                    continue
            if given and not doc.in_title_quotes(tok.start):
                j = i + 1
                while j < len(toks) and j - i < 5 and toks[j].start - toks[j - 1].end == 1 and (
                    self._name_word(doc, toks[j], j == 0) or (
                        toks[j].text in PARTICLES and j + 1 < len(toks)
                        and self._name_word(doc, toks[j + 1], False)
                    )
                ):
                    j += 1
                if j > i + 1:
                    m = self._person(doc, toks, i, j, "person:given-name-gazetteer", 0.95)
                    if m:
                        out.append(m)
                    i = j
                    continue
            # unknown given name: two or three name words after a verb of saying, or before
            # «, som er» / «(44)»
            if tok.cap and not doc.in_title_quotes(tok.start):
                k = i
                while k < len(toks) and k - i < 3 and self._name_word(doc, toks[k], k == 0) \
                        and toks[k].text not in g.places:
                    k += 1
                prev = toks[i - 1].text.lower() if i else ""
                after = [t.text.lower() for t in toks[k: k + 3]]
                if k - i >= 2 and (
                    prev in ("sier", "säger", "sa", "sade", "seier", "ifølge", "enligt")
                    or after[:2] == [",", "som"]
                    or (len(after) == 3 and after[0] == "(" and after[1].isdigit() and after[2] == ")")
                ):
                    m = self._person(doc, toks, i, k, "person:context", 0.75)
                    if m:
                        out.append(m)
                    i = k
                    continue
            # unknown given name: two or three name words right after a role word
            r = role_at(toks, i)
            if r and not r[3]:
                j = k = i + r[2]
                while k < len(toks) and k - j < 3 and self._name_word(doc, toks[k], False) \
                        and toks[k].text not in g.places:
                    k += 1
                if k - j >= 2 and not _given(toks[j].text):
                    m = self._person(doc, toks, j, k, "person:after-role", 0.75)
                    if m:
                        out.append(m)
                    i = k
                    continue
            i += 1
        return [m for m in out if m]

    def _person(self, doc: Document, toks: tuple[Token, ...], i: int, j: int, rule: str,
                conf: float) -> Mention | None:
        nxt = toks[j].text if j < len(toks) else ""
        if _ROMAN.match(nxt) or nxt.lower() in STREET_WORDS:
            return None
        start, end = toks[i].start, toks[j - 1].end
        name = doc.text[start:end]
        last = toks[j - 1].text
        if last.endswith("s") and not last.endswith(("ss", "son", "sen", "ns")) and nxt[:1].islower() \
                and len(last) > 3 and nxt not in FUNCTION_WORDS:
            name = name[:-1]
        return Mention("person", start, end, name, rule, conf)

    # ------------------------------------------------------------------ organisations

    def _org_word(self, doc: Document, tok: Token) -> bool:
        t = tok.text
        if not t[:1].isupper() or t.lower() in FUNCTION_WORDS:
            return False
        if tok.start in doc.sentence_starts and t.lower() in doc.lowercase_words:
            return False
        return not role_at([tok], 0)

    def _organisations(self, doc: Document, toks: tuple[Token, ...]) -> list[Mention]:
        g = gazetteers()
        out: list[Mention | None] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            t = tok.text
            low = t.lower()
            if doc.in_title_quotes(tok.start):
                continue
            # companies: name words + a legal-form word
            if t in g.legal_forms and i > 0 and (t not in _SHORT_FORMS or (
                    t.isupper() and self._org_word(doc, toks[i - 1]) and not _given(toks[i - 1].text)
                    and toks[i - 1].text not in g.places and toks[i].start - toks[i - 1].end == 1)):
                j = i
                while j > 0 and i - j < 5 and (self._org_word(doc, toks[j - 1]) or (
                    toks[j - 1].text in ("i", "på") and j > 1 and self._org_word(doc, toks[j - 2])
                    and toks[j - 2].start not in doc.sentence_starts and j < i
                )) and toks[j - 1].text not in g.legal_forms and (
                    not _descriptor(toks[j - 1].text) or _inner_descriptor(doc, toks, j - 1)
                ):
                    j -= 1
                if j < i:
                    out.append(self._org(doc, toks, j, i + 1, "company", "org:legal-form", 0.95))
            # an association or council named with its place: «Næringsforeningen i Vassbygd»
            if t[:1].isupper() and low.endswith(_PLACED_BODIES) and i + 2 < n \
                    and toks[i + 1].text in ("i", "på", "för", "for") and _NAME_WORD.match(toks[i + 2].text) \
                    and toks[i + 2].text.lower() not in FUNCTION_WORDS and not _given(toks[i + 2].text) \
                    and not (tok.start in doc.sentence_starts and low in doc.lowercase_words):
                out.append(self._org(doc, toks, i, i + 3, "association", "org:placed-body", 0.8))
            # municipalities, county councils, regions
            base = low[:-1] if low.endswith("s") and low[:-1] in ("kommune", "kommun", "fylkeskommune") else low
            if base in ("kommune", "kommun", "fylkeskommune", "landsting") and i > 0:
                j = i
                while j > 0 and i - j < 3 and self._org_word(doc, toks[j - 1]) or (
                    j > 0 and i - j < 3 and toks[j - 1].text in g.places
                ):
                    j -= 1
                if j < i:
                    kind = "county" if base in ("fylkeskommune", "landsting") else "municipality"
                    out.append(self._org(doc, toks, j, i + 1, kind, f"org:{base}", 0.95))
            if t in ("Norges", "Sveriges", "Danmarks", "Finlands") and i + 1 < n and toks[i + 1].cap \
                    and self._org_word(doc, toks[i + 1]):
                j = i + 2
                while j < n and j - i < 4 and self._org_word(doc, toks[j]):
                    j += 1
                out.append(self._org(doc, toks, i, j, "organisation", "org:national", 0.8))
            if low == "stad" and i > 0 and (toks[i - 1].text in g.places or (
                toks[i - 1].text.endswith("s") and toks[i - 1].text[:-1] in g.places
            )):
                out.append(self._org(doc, toks, i - 1, i + 1, "municipality", "org:stad", 0.85))
            if t == "Region" and i + 1 < n and toks[i + 1].cap:
                j = i + 2
                if j < n and toks[j].text in g.places and toks[j].cap:
                    j += 1
                if j < n and toks[j].text == "län":
                    j += 1      # «Region Örebro län»
                out.append(self._org(doc, toks, i, j, "region", "org:region", 0.9))
            # regional bodies written as one compound: «Västra Götalandsregionen»
            if t[:1].isupper() and low.endswith(("regionen", "regionens")) and len(low) > 10 \
                    and not (tok.start in doc.sentence_starts and low in doc.lowercase_words):
                j = i - 1 if i > 0 and toks[i - 1].text in _COMPASS_ADJECTIVES else i
                if j < i:
                    out.append(self._org(doc, toks, j, i + 1, "region", "org:region-compound", 0.85))
            # upper secondary schools: «Fjellbyen videregående skole», «Strandviks gymnasium»
            if low in ("skole", "skule", "skola", "gymnasium", "gymnas") and i > 1 \
                    and toks[i - 1].text.lower() in ("videregående", "vidaregåande", "folkhögskola") \
                    and toks[i - 2].cap and toks[i - 2].text.lower() not in FUNCTION_WORDS \
                    and toks[i - 2].start not in doc.sentence_starts:
                out.append(self._org(doc, toks, i - 2, i + 1, "organisation", "org:school", 0.85))
            # universities and university colleges
            if low.endswith(("sjukhuset", "sykehuset", "sjukhus", "sykehus")) and i > 0 \
                    and self._org_word(doc, toks[i - 1]) and toks[i - 1].start not in doc.sentence_starts:
                out.append(self._org(doc, toks, i - 1, i + 1, "organisation", "org:hospital", 0.8))
            if t in ("Länsstyrelsen", "Statsforvalteren", "Fylkesmannen") and i + 2 < n \
                    and toks[i + 1].text in ("i", "för") and toks[i + 2].cap:
                j = i + 3
                while j < n and (toks[j].cap or toks[j].text in ("og", "och")) and j - i < 6:
                    j += 1
                if j < n and toks[j].text in ("län", "fylke"):
                    j += 1
                out.append(self._org(doc, toks, i, j, "public-agency", "org:county-agency", 0.9))
            if low in ("universitet", "universitetet", "universitets", "högskola", "högskolas", "høgskole"):
                j = i
                while j > 0 and i - j < 3 and (self._org_word(doc, toks[j - 1]) or (
                    toks[j - 1].text.islower() and toks[j - 1].text.endswith(("tekniska", "tekniske"))
                    and j > 1 and toks[j - 2].cap
                )):
                    j -= 1
                if j < i:
                    kind = "university" if low.startswith("universitet") else "university-college"
                    out.append(self._org(doc, toks, j, i + 1, kind, "org:university", 0.9))
            if t in ("Universitetet", "Høgskolen", "Høgskulen", "Högskolan", "Høyskolen",
                     "Handelshögskolan", "Handelshøyskolen") and i + 2 < n \
                    and toks[i + 1].text in ("i", "på", "vid", "ved") and toks[i + 2].cap:
                j = i + 3
                while j < n and toks[j].cap and toks[j].text in g.places:
                    j += 1
                kind = "university" if t == "Universitetet" else "university-college"
                out.append(self._org(doc, toks, i, j, kind, "org:university", 0.9))
            if t[:1].isupper() and low.endswith("universitetet") and len(low) > 14:
                out.append(self._org(doc, toks, i, i + 1, "university", "org:university", 0.85))
            if low in ("forskingsfond", "forskningsfond") and i > 0 and toks[i - 1].text in (
                "Regionalt", "Regionale"
            ) and i + 1 < n and toks[i + 1].cap:
                out.append(self._org(doc, toks, i - 1, i + 2, "public-agency", "org:fund", 0.85))
            # a name that ends in an organisation word: «Mo Industripark», «Rana Utvikling»
            if i > 0 and t[:1].isupper() and low.endswith(ORG_HEADS) and self._org_word(doc, toks[i - 1]) \
                    and (toks[i - 1].start not in doc.sentence_starts or (
                        any(low.endswith(e) for e, _ in HEAD_KINDS) and not _given(toks[i - 1].text)
                        and toks[i - 1].text.lower() not in doc.lowercase_words)) or (
                        i > 0 and t[:1].isupper() and low.endswith(ORG_HEADS)
                        and toks[i - 1].text in g.places):
                j = i - 1
                while j > 0 and i - j < 3 and self._org_word(doc, toks[j - 1]) \
                        and not _given(toks[j - 1].text) and toks[j - 1].text not in g.legal_forms:
                    j -= 1
                k = i + 1
                while k < n and toks[k].text in g.places and k - i < 3:
                    k += 1
                if not (k < n and toks[k].text in g.legal_forms):
                    head = next((k for e, k in HEAD_KINDS if low.endswith(e)), "organisation")
                    out.append(self._org(doc, toks, j, k, head, "org:name-head", 0.7))
            # a descriptor noun before a name: «inkubatoren Vekstverket Agder», «Klustret Fiberdalen»
            kind = DESCRIPTORS.get(low) or next(
                (k for e, k in DESCRIPTOR_ENDINGS if low.endswith(e)), ""
            )
            if kind and low not in ("kommunen", "kommun") and i + 1 < n and toks[i + 1].cap \
                    and self._org_word(doc, toks[i + 1]) and not event_noun(toks[i + 1].text):
                j = i + 1
                while j < n and j - i <= 3 and (self._org_word(doc, toks[j]) or toks[j].text in g.places) \
                        and toks[j].start - toks[j - 1].end == 1:
                    j += 1
                if toks[j - 1].text in g.legal_forms:
                    continue
                if j < n and toks[j].text.lower() in STREET_WORDS:
                    continue
                name_words = [x.text for x in toks[i + 1: j]]
                compound = low not in DESCRIPTORS      # «Skogsklustret», not «Klustret»
                if t[:1].isupper() and ((compound and tok.start not in doc.sentence_starts) or all(
                    w in g.places or w in DIRECTIONS for w in name_words
                )):
                    # «Skogsklustret Norr»: the descriptor is part of a name that is otherwise a place
                    out.append(self._org(doc, toks, i, j, kind, "org:descriptor-name", 0.8))
                    continue
                out.append(self._org(doc, toks, i + 1, j, kind, "org:descriptor", 0.85))
        return [m for m in out if m]

    def _org(self, doc: Document, toks: tuple[Token, ...], i: int, j: int, kind: str, rule: str,
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

    def _named(self, doc: Document) -> list[Mention]:
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
                if not (alias.isupper() and len(alias) >= 3 and not _given(branch[1])):
                    continue    # «Telenor Arena»: part of a longer name
            if branch and alias.isupper() and len(alias) >= 3 and m.end() == m.end(1) \
                    and branch[1].lower() not in FUNCTION_WORDS and not _given(branch[1]) \
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


class GraphRecogniser:
    """Organisations the graph already holds, by any of their names (folded, genitive -s,
    Norwegian and Swedish spellings alike)."""

    name = "graph-labels"

    def __init__(self, keys: dict[str, tuple[str, str]]) -> None:
        #: loose name key → (display name, kind)
        self.keys = keys

    def __call__(self, doc: Document) -> list[Mention]:
        from .entities import org_key

        places = gazetteers().places
        out = []
        for sent in doc.sentences:
            if sent.end <= doc.body_start:
                continue
            toks = sent.tokens
            for i, tok in enumerate(toks):
                if not tok.cap or tok.text.lower() in FUNCTION_WORDS:
                    continue
                for j in range(min(len(toks), i + 5), i, -1):
                    surface = doc.text[tok.start: toks[j - 1].end]
                    if surface in places or surface.rstrip("s") in places:
                        continue    # a town is not its municipality
                    key = org_key(surface)
                    if key in self.keys:
                        name, kind = self.keys[key]
                        out.append(Mention("organisation", tok.start, toks[j - 1].end, name,
                                           "org:graph-label", 0.9, kind))
                        break
        return out


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
    return k > 0 and toks[k].text[:1].isupper() and _NAME_WORD.match(toks[k - 1].text) is not None \
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

#: Particles inside surnames (``Henrik von Krogh``, ``Eva af Klint``).
PARTICLES = frozenset("von van af de der den la le du di da zu".split())

#: Words of direction that make a regional name (``Almi Mitt``, ``Skogsklustret Norr``).
DIRECTIONS = frozenset(
    "Nord Sør Syd Øst Vest Midt Mitt Norr Söder Öst Väst Nordvest Sørvest Nordost Sydost Sydväst "
    "Nordväst Indre Ytre Øvre Nedre".split()
)


def _given(word: str) -> bool:
    names = gazetteers().given_names
    return word in names or ("-" in word and all(p in names for p in word.split("-")))


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that overlap a longer (or more confident) one."""
    mentions.sort(key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    kept: list[Mention] = []
    for m in mentions:
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
