"""From mentions to entities: one person or organisation with every mention of it.

Later mentions attach to the entity first named in full: a surname alone (``Aasen Tveit``,
``Lidén``), a genitive (``Sydsmaks``), an organisation's name without its legal form or its
place (``Fjordlys Energi`` for ``Fjordlys Energi AS``, ``Vekstverket`` for ``Vekstverket Agder``).
Persons named only inside someone's quoted words (a figure of history, a character) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..search import fold
from .document import Document, Mention
from .gazetteer import gazetteers
from .lexicon import FUNCTION_WORDS

__all__ = ["Entity", "build_entities", "org_key", "slug"]


@dataclass
class Entity:
    """A person or an organisation of the text, with all its mentions (start, end)."""

    kind: str
    id: str
    name: str
    rule: str
    confidence: float
    mentions: list[tuple[int, int]] = field(default_factory=list)
    org_kind: str = ""
    gender: str = ""
    first: int = 0
    #: the mentions written in the genitive (``Sydsmaks``)
    genitive: set[tuple[int, int]] = field(default_factory=set)

    def covers(self, pos: int) -> bool:
        """True when a mention of the entity contains ``pos``."""
        return any(a <= pos < b for a, b in self.mentions)


def slug(text: str) -> str:
    """An id from a name.

    Examples
    --------
    >>> slug("Høgskulen på Vestlandet"), slug("J. Lidén")
    ('hogskulen-pa-vestlandet', 'j-liden')
    """
    return fold(text).replace(" ", "-") or "x"


@lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    """A loose key of an organisation's name: folded, without legal form, genitive or doubled
    consonants, æ/ä and ø/ö alike (``Svinesundskommitténs`` and ``Svinesundskomiteen`` meet).

    Examples
    --------
    >>> org_key("Svinesundskommitténs") == org_key("Svinesundskomiteen")
    True
    >>> org_key("Fjordlys Energi AS") == org_key("Fjordlys Energi")
    True
    """
    legal = {f.lower() for f in gazetteers().legal_forms}
    words = [w for w in fold(name).split() if w not in legal]
    key = " ".join(words).replace("ae", "a").replace("aa", "a")
    key = re.sub(r"(.)\1+", r"\1", key)
    if key.endswith("s") and len(key) > 4:
        key = key[:-1]
    key = re.sub(r"(en|n)$", "", key) if len(key) > 6 else key
    return key


def _alias_rx(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(alias)}s?(?![\w-])")


def build_entities(doc: Document, mentions: list[Mention], quote_speech: list[tuple[int, int]]
                   ) -> list[Entity]:
    """Group mentions into entities and find their later, shorter mentions."""
    people, orgs = _group(doc, mentions)
    taken = [(a, b) for e in people + orgs for a, b in e.mentions]
    _later_person_mentions(doc, people, taken)
    _later_org_mentions(doc, orgs, taken)

    def outside_speech(e: Entity) -> bool:
        return any(not any(a <= s < b for a, b in quote_speech) for s, _ in e.mentions)

    people = [p for p in people if outside_speech(p)]
    for e in people + orgs:
        e.mentions.sort()
    return people + orgs


def _group(doc: Document, mentions: list[Mention]) -> tuple[list[Entity], list[Entity]]:
    """The persons and organisations the mentions name, each mention added to its entity."""
    g = gazetteers()
    people: list[Entity] = []
    orgs: list[Entity] = []
    ids: set[str] = set()

    def new_id(name: str) -> str:
        base = slug(name)
        out, n = base, 2
        while out in ids:
            out, n = f"{base}-{n}", n + 1
        ids.add(out)
        return out

    full_names = [m.name for m in mentions if m.kind == "person" and m.rule != "person:context"]
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind == "person":
            key = fold(m.name)
            same = next((p for p in people if fold(p.name) == key), None)
            if same is None and m.rule == "person:context":
                # «sier Aasen Tveit»: the surname of a person named in full elsewhere
                owner = [n for n in full_names if fold(n).endswith(" " + key)]
                if len(owner) == 1:
                    same = next((p for p in people if p.name == owner[0]), None)
                    if same is None:
                        continue
            if same is None:
                last = m.name.split()[-1]
                initial = re.match(r"^([A-ZÆØÅÄÖ])\. ", m.name)
                same = next((p for p in people if initial and p.name.split()[-1] == last
                             and p.name.startswith(initial[1])), None)
            if same is None:
                first = m.name.split()[0]
                same = Entity("person", new_id(m.name), m.name, m.rule, m.confidence,
                              gender=g.given_names.get(first.split("-")[0], ""), first=m.start)
                people.append(same)
            same.mentions.append((m.start, m.end))
            same.confidence = max(same.confidence, m.confidence)
            if doc.text[m.start:m.end] == m.name + "s":
                same.genitive.add((m.start, m.end))
        else:
            key = org_key(m.name)
            same = next((o for o in orgs if org_key(o.name) == key), None)
            if same is None:
                same = Entity("organisation", new_id(m.name), m.name, m.rule, m.confidence,
                              org_kind=m.org_kind, first=m.start)
                orgs.append(same)
            elif len(m.name) > len(same.name) and m.rule != "org:known-name":
                same.name = m.name
            same.mentions.append((m.start, m.end))
            same.confidence = max(same.confidence, m.confidence)
            surface = doc.text[m.start:m.end]
            if surface.endswith("s") and (surface[:-1] == m.name or fold(surface[:-1]) == fold(m.name)):
                same.genitive.add((m.start, m.end))
    return people, orgs


def _free(doc: Document, taken: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when ``a:b`` lies in the body and overlaps no mention taken."""
    return a >= doc.body_start and not any(a < y and x < b for x, y in taken)


def _later_person_mentions(doc: Document, people: list[Entity], taken: list[tuple[int, int]]) -> None:
    """Later mentions of persons: surname(s), then a given name used alone."""
    surname_owner: dict[str, list[Entity]] = {}
    for p in people:
        words = p.name.split()
        for k in range(1, len(words)):
            if words[k][:1].isupper() or k == len(words) - 1 or words[k] in ("von", "van", "af", "de"):
                surname_owner.setdefault(" ".join(words[k:]), []).append(p)
    for alias, owners in sorted(surname_owner.items(), key=lambda kv: -len(kv[0])):
        if len(owners) != 1 or alias.endswith(".") or len(alias) < 3:
            continue
        for hit in _alias_rx(alias).finditer(doc.text):
            if _free(doc, taken, hit.start(), hit.end()):
                owners[0].mentions.append((hit.start(), hit.end()))
                taken.append((hit.start(), hit.end()))
                if hit.group() == alias + "s":
                    owners[0].genitive.add((hit.start(), hit.end()))
    firsts: dict[str, list[Entity]] = {}
    for p in people:
        if not p.name[1:2] == ".":
            firsts.setdefault(p.name.split()[0], []).append(p)
    for alias, owners in firsts.items():
        if len(owners) != 1:
            continue
        for hit in _alias_rx(alias).finditer(doc.text):
            if _free(doc, taken, hit.start(), hit.end()) and hit.start() > owners[0].first:
                nxt = doc.text[hit.end(): hit.end() + 2]
                if not nxt.strip()[:1].isupper():
                    owners[0].mentions.append((hit.start(), hit.end()))
                    taken.append((hit.start(), hit.end()))


def _later_org_mentions(doc: Document, orgs: list[Entity], taken: list[tuple[int, int]]) -> None:
    """Later mentions of organisations: without legal form, without place, genitive."""
    g = gazetteers()
    for o in orgs:
        words = o.name.split()
        aliases = {o.name}
        if words[-1] in g.legal_forms and len(words) > 1:
            aliases.add(" ".join(words[:-1]))
        if len(words) > 1 and words[-1] in g.places and words[0] not in ("Region",) \
                and o.org_kind not in ("municipality", "county"):
            if words[0].lower() not in FUNCTION_WORDS and words[0] not in g.places:
                aliases.add(" ".join(words[:-1]))
        for alias in sorted(aliases, key=len, reverse=True):
            for hit in _alias_rx(alias).finditer(doc.text):
                if _free(doc, taken, hit.start(), hit.end()) and not doc.in_title_quotes(hit.start()):
                    o.mentions.append((hit.start(), hit.end()))
                    if hit.group() == alias + "s":
                        o.genitive.add((hit.start(), hit.end()))
                    taken.append((hit.start(), hit.end()))
