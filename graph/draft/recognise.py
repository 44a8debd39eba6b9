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

from .document import Document, Mention, Recogniser
from .entities import org_key
from .gazetteer import gazetteers
from .lexicon import FUNCTION_WORDS
from .organisations import context_organisations, find_organisations, known_organisations
from .persons import find_persons
from .roles import role_at

__all__ = ["Document", "GraphRecogniser", "Mention", "Recogniser", "RuleRecogniser", "dedupe", "role_at"]


class RuleRecogniser:
    """Persons and organisations by the rules of the language and the gazetteers."""

    name = "rules"

    def __call__(self, doc: Document) -> list[Mention]:
        out: list[Mention] = []
        for sent in doc.sentences:
            if sent.end <= doc.body_start:
                continue
            toks = sent.tokens
            out.extend(find_persons(doc, toks))
            out.extend(find_organisations(doc, toks))
        out.extend(known_organisations(doc))
        out = dedupe(out)
        out.extend(context_organisations(doc, out))
        return dedupe(out)


class GraphRecogniser:
    """Organisations the graph already holds, by any of their names (folded, genitive -s,
    Norwegian and Swedish spellings alike)."""

    name = "graph-labels"

    def __init__(self, keys: dict[str, tuple[str, str]]) -> None:
        #: loose name key → (display name, kind)
        self.keys = keys

    def __call__(self, doc: Document) -> list[Mention]:
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


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that overlap a longer (or more confident) one."""
    mentions.sort(key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    kept: list[Mention] = []
    for m in mentions:
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
