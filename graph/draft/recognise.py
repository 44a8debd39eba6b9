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
    ("ansvarlig", "leader"), ("ansvarig", "leader"),
)
_NOT_ROLES = frozenset("gründerne ledere forskere chefer sjefer forskarna ledarna".split())


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
    if i + 1 < len(tokens):
        two = f"{w.lower()} {tokens[i + 1].text.lower()}"
        for phrase in (two, f"{w} {tokens[i + 1].text}"):
            if phrase in roles:
                return phrase, roles[phrase], 2, False
        if two.endswith(("en", "n")) and two[: -2] in roles and two.startswith("daglig"):
            return two[:-2], roles[two[:-2]], 2, True
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
                words = [t.text for t in toks[i:j]]
                if all(w in g.places or w in g.given_names for w in words):
                    continue
                if toks[i].start in doc.sentence_starts and words[0].lower() in doc.lowercase_words:
                    continue
                nxt = [t.text.lower() for t in toks[j: j + 3]]
                prev = [t.text.lower() for t in toks[max(0, i - 4): i]]
                kind, rule = "organisation", ""
                if nxt[:2] in (["leds", "av"], ["ledes", "av"]) or nxt[:2] == ["bjuder", "in"] \
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
                elif len(prev) >= 2 and prev[-1] == "," and role_at(toks, i - 2) and j - i >= 2 \
                        and (j == n or toks[j].text in ".,\n"):
                    rule = "org:after-role"
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
        g = gazetteers()
        if tok.text in g.legal_forms or role_at([tok], 0) or event_noun(tok.text):
            return False
        return not (first_in_sentence and tok.text.lower() in doc.lowercase_words)

    def _persons(self, doc: Document, toks: tuple[Token, ...]) -> list[Mention]:
        g = gazetteers()
        out: list[Mention] = []
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
                while j < len(toks) and j - i < 4 and self._name_word(doc, toks[j], j == 0) \
                        and toks[j].start - toks[j - 1].end == 1:
                    j += 1
                if j > i + 1:
                    m = self._person(doc, toks, i, j, "person:given-name-gazetteer", 0.95)
                    if m:
                        out.append(m)
                    i = j
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
        out: list[Mention] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            t = tok.text
            low = t.lower()
            if doc.in_title_quotes(tok.start):
                continue
            # companies: name words + a legal-form word
            if t in g.legal_forms and t not in ("SE", "SA", "DA", "BA", "KF") and i > 0:
                j = i
                while j > 0 and i - j < 4 and self._org_word(doc, toks[j - 1]) \
                        and toks[j - 1].text not in g.legal_forms:
                    j -= 1
                if j < i:
                    out.append(self._org(doc, toks, j, i + 1, "company", "org:legal-form", 0.95))
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
            if t == "Region" and i + 1 < n and toks[i + 1].cap:
                j = i + 2
                if j < n and toks[j].text in g.places and toks[j].cap:
                    j += 1
                out.append(self._org(doc, toks, i, j, "region", "org:region", 0.9))
            # universities and university colleges
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
            # a descriptor noun before a name: «inkubatoren Vekstverket Agder», «Klustret Fiberdalen»
            kind = DESCRIPTORS.get(low) or next(
                (k for e, k in DESCRIPTOR_ENDINGS if low.endswith(e)), None
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
        for alias, (name, kind) in known.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}s?(?![\w-])", doc.text):
                if m.start() < doc.body_start or doc.in_title_quotes(m.start()):
                    continue
                out.append(Mention("organisation", m.start(), m.end(), name, "org:known-name", 0.95, kind))
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

        out = []
        for sent in doc.sentences:
            if sent.end <= doc.body_start:
                continue
            toks = sent.tokens
            for i, tok in enumerate(toks):
                if not tok.cap or tok.text.lower() in FUNCTION_WORDS:
                    continue
                for j in range(min(len(toks), i + 5), i, -1):
                    key = org_key(doc.text[tok.start: toks[j - 1].end])
                    if key in self.keys:
                        name, kind = self.keys[key]
                        out.append(Mention("organisation", tok.start, toks[j - 1].end, name,
                                           "org:graph-label", 0.9, kind))
                        break
        return out


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
