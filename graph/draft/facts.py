"""The facts the relation rules find: posts, events, who took part in them, quotations, and
the items of a sentence row that the rules read.

Examples
--------
>>> Item("P", 0, 13, "Kari Nordmann").code
'P'
>>> Relations().posts
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities import Entity

__all__ = ["EventFact", "Item", "PartFact", "PostFact", "QuoteFact", "Relations"]


@dataclass
class Item:
    """One item of a sentence row."""

    code: str
    start: int
    end: int
    text: str
    ref: Entity | None = None
    role: tuple[str, str] | None = None


@dataclass
class PostFact:
    """A post: a person holds a role (base word, concept slug) at an organisation, since ``start``."""

    person: Entity
    role: str
    role_slug: str
    org: Entity | None
    spans: list[tuple[int, int]]
    rule: str
    confidence: float
    start: str = ""


@dataclass
class EventFact:
    """An event with its name, date (a day, or an interval) and place."""

    id: str
    name: str
    spans: list[tuple[int, int]]
    rule: str
    confidence: float
    date: str = ""
    date_start: str = ""
    date_end: str = ""
    date_text: str = ""
    place: str = ""
    noun: str = ""


@dataclass
class PartFact:
    """An agent's part in an event: organiser, host, speaker, facilitator or attendee."""

    event: EventFact
    agent: Entity
    role: str
    spans: list[tuple[int, int]]
    rule: str
    confidence: float


@dataclass
class QuoteFact:
    """A quotation (its span) and the person who said it."""

    speaker: Entity
    span: tuple[int, int]
    rule: str
    confidence: float


@dataclass
class Relations:
    """Everything the relation rules found in one document."""

    posts: list[PostFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    parts: list[PartFact] = field(default_factory=list)
    quotes: list[QuoteFact] = field(default_factory=list)
