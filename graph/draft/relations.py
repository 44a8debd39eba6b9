"""Relations between the entities of a text: posts, events and who did what at them,
quotations and their speakers.

Each sentence becomes a row of items (see :mod:`graph.draft.rows`), and the patterns of the
language are regular expressions over that row: :mod:`graph.draft.posts` for posts,
:mod:`graph.draft.events` and :mod:`graph.draft.participations` for events and roles at them.

Examples
--------
>>> from graph.draft.recognise import RuleRecogniser
>>> from graph.draft.entities import build_entities
>>> doc = Document.of("Kari Nordmann er daglig leder i Fjellbyen Teknikk AS.")
>>> rel = relate(doc, build_entities(doc, RuleRecogniser()(doc), []), [], [])
>>> [(f.person.name, f.role, f.org.name if f.org else "") for f in rel.posts]
[('Kari Nordmann', 'daglig leder', 'Fjellbyen Teknikk AS')]
"""

from __future__ import annotations

from ..search import fold
from .document import Document
from .entities import Entity
from .events import find_events
from .facts import EventFact, Item, PartFact, PostFact, QuoteFact, Relations
from .lexicon import PRONOUNS
from .participations import participations
from .posts import PostFinder
from .rows import sentence_rows
from .stubs import DateMention, QuoteMention

__all__ = ["EventFact", "Item", "PartFact", "PostFact", "QuoteFact", "Relations", "relate"]


def relate(doc: Document, entities: list[Entity], dates: list[DateMention],
           quotes: list[QuoteMention]) -> Relations:
    """Posts, events, participations and quotations of a document."""
    rel = Relations()
    people = [e for e in entities if e.kind == "person"]
    rel.events = find_events(doc, entities, dates)
    rows = sentence_rows(doc, entities, rel.events)
    finder = PostFinder(doc, entities, rows, dates, rel)
    finder.find()
    participations(doc, rel, rows, finder.org_of, people)
    _quotations(rel, quotes, people)
    return rel


def _quotations(rel: Relations, quotes: list[QuoteMention], people: list[Entity]) -> None:
    """The speaker of each quotation: the person named in its attribution, else the one a
    pronoun refers to (the last person of fitting gender named before)."""
    for q in quotes:
        speaker = None
        rule = "quote:speaker-name"
        for p in people:
            if any(q.speaker_start <= a < q.speaker_end for a, _ in p.mentions):
                speaker = p
                break
        if speaker is None and q.speaker_text:
            said = fold(q.speaker_text)
            named = [p for p in people if fold(p.name).endswith(said) or said.endswith(fold(p.name))]
            if len(named) == 1:
                speaker = named[0]
        if speaker is None:
            words = q.speaker_text.lower().split()
            gender = next((PRONOUNS[w] for w in words if w in PRONOUNS), None)
            if gender is not None or not words:
                rule = "quote:pronoun"
                before = [(max(a for a, _ in p.mentions if a < q.start), p) for p in people
                          if any(a < q.start for a, _ in p.mentions)
                          and (gender is None or p.gender in (gender, "u", ""))]
                if before:
                    speaker = max(before, key=lambda x: x[0])[1]
        if speaker is None:
            continue
        if rule == "quote:pronoun" and q.speaker_end > q.speaker_start \
                and (q.speaker_start, q.speaker_end) not in speaker.mentions:
            speaker.mentions.append((q.speaker_start, q.speaker_end))
        rel.quotes.append(QuoteFact(speaker, (q.start, q.end), rule, 0.9 if rule.endswith("name") else 0.7))
