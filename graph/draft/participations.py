"""Who did what at the events of a text: organisers, hosts, speakers, facilitators and
attendees, by patterns over the sentence rows of :mod:`graph.draft.rows`, and the speakers of
the lines of a programme.

Examples
--------
>>> _programme_item([Item("x", 0, 2, "kl"), Item("x", 3, 8, "09.30")])
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .document import Document
from .entities import Entity
from .facts import EventFact, Item, PartFact, PostFact, Relations
from .posts import APPOINTMENTS

__all__ = ["participations"]

#: A list of agents: persons, organisations or references to them, with roles before them.
AGENTS = r"(?:[rR]?[POD](?:(?:,|&|,&)[rR]?[POD])*)"

#: (role, rule, pattern over a row): the pattern's first group that matched holds the agents.
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("organiser", "event:organised-by", re.compile(rf"Ay?({AGENTS})")),
    ("organiser", "event:organisers-before", re.compile(rf"(?:^|[^PODgd])({AGENTS})a*x?B")),
    ("organiser", "event:organisers-after", re.compile(rf"(?:^|[^PODgd&])x*B({AGENTS})")),
    ("organiser", "event:co-organisers", re.compile(rf"B[eE]?&({AGENTS})")),
    ("organiser", "event:holds", re.compile(rf"({AGENTS})a*[oq]x{{0,3}}[eE]")),
    ("speaker", "event:gives-talk", re.compile(
        r"(?:^|[^PODgd])((?:[PODp]|x?n?[Rr])(?:(?:,|&|,&)(?:[PODp]|x?n?[Rr]))*)a*[oq]x{0,3}I"
        r"|[oq]((?:[PODp]|x?n?[Rr])(?:(?:,|&|,&)(?:[PODp]|x?n?[Rr]))*)x{0,3}I")),
    ("attendee", "event:attends", re.compile(rf"({AGENTS})a*U")),
    ("organiser", "event:organiser-noun", re.compile(rf"({AGENTS})(?:s|v|t)Q")),
    ("organiser", "event:stands-behind", re.compile(rf"({AGENTS})tb")),
    ("host", "event:host", re.compile(rf"({AGENTS})(?:s|v|t|vt)a*H")),
    ("host", "event:host-is", re.compile(rf"H(?:@[xe])?va*({AGENTS})")),
    ("speaker", "event:speakers-noun", re.compile(r"S(?:v|x)*([^F]*)")),
    ("speaker", "event:among-speakers", re.compile(rf"({AGENTS})va*[@xa]{{0,2}}S")),
    ("speaker", "event:speaks", re.compile(rf"({AGENTS}|p)(?:@[OD])?(?:,[^,]{{1,8}},)?,?x?a*T|[Eexw]x?T({AGENTS})")),
    ("organiser", "event:genitive", re.compile(r"([gd])x?[eE]")),
    ("facilitator", "event:facilitator", re.compile(rf"Fv?({AGENTS})|({AGENTS})v?F|({AGENTS})a*M|(p)a*M")),
]


class _Adder:
    """Adds a participation once per event, agent and role."""

    def __init__(self, rel: Relations, org_of: Callable[[Item], Entity | None]) -> None:
        self.rel, self.org_of = rel, org_of
        self.seen: set[tuple[str, str, str]] = set()

    def __call__(self, ev: EventFact, item: Item, role: str, rule: str, conf: float,
                 span: tuple[int, int]) -> None:
        agent = item.ref if item.ref is not None else self.org_of(item)
        if agent is None:
            return
        key = (ev.id, agent.id, role)
        if key in self.seen:
            return
        self.seen.add(key)
        self.rel.parts.append(PartFact(ev, agent, role, [span], rule, conf))


def participations(doc: Document, rel: Relations, rows: list[list[Item]],
                   org_of: Callable[[Item], Entity | None], people_all: list[Entity]) -> None:
    """Add to ``rel.parts`` who did what at ``rel.events``: each row speaks of the event named
    last (nothing said before the first event is about it)."""
    if not rel.events:
        return
    events_by_id = {e.id: e for e in rel.events}
    first_at = min(a for e in rel.events for a, _ in e.spans)
    current = rel.events[0]
    add = _Adder(rel, org_of)
    prev_item_end: int | None = None
    for row in rows:
        code = "".join(it.code for it in row)
        in_row = [it for it in row if it.code == "E" or it.code == "e"]
        for it in in_row:
            if it.code == "E" and it.role:
                current = events_by_id.get(it.role[0], current)
            elif it.code == "e":
                for ev in rel.events:
                    if any(a == it.start for a, _ in ev.spans):
                        current = ev
        if row and row[-1].end < first_at:
            continue    # nothing said before the first event is about it
        item_line = bool(row) and (_programme_item(row) or (
            prev_item_end is not None and "\n" not in doc.text[prev_item_end: row[0].start]))
        prev_item_end = row[-1].end if item_line else None
        if item_line:
            # a line of a programme («09.30 Havvind i nord v/ X, ORG»): the people on it speak,
            # unless the line names them as its chair
            for k, it in enumerate(row):
                if it.code == "P" and "F" not in code[:k] and "M" not in code[k:]:
                    add(current, it, "speaker", "event:programme-item", 0.7, (row[0].start, row[-1].end))
        _row_parts(row, code, current, add, rel.posts, people_all)


def _row_parts(row: list[Item], code: str, current: EventFact, add: _Adder, posts: list[PostFact],
               people_all: list[Entity]) -> None:
    """The participations the patterns find in one row."""
    for role, rule, rx in _PATTERNS:
        for m in rx.finditer(code):
            group = next((g for g in range(1, (rx.groups or 0) + 1) if m.group(g)), None)
            if group is None:
                continue
            span = (row[m.start()].start, row[m.end() - 1].end)
            for it in row[m.start(group): m.end(group)]:
                if it.code in "Rr" and role in ("speaker", "facilitator") and rule == "event:gives-talk":
                    who = _person_of_role(posts, it)
                    if who is not None:
                        add(current, Item("P", it.start, it.end, it.text, who), role, rule, 0.6, span)
                    continue
                if it.code == "p":
                    who = _person_before(people_all, it)
                    if who is not None:
                        add(current, Item("P", it.start, it.end, it.text, who), role, rule, 0.65, span)
                    continue
                if it.code in "PODgd":
                    if role in ("speaker", "facilitator") and it.code != "P":
                        continue
                    add(current, it, role, rule, 0.75, span)


_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")


def _programme_item(row: list[Item]) -> bool:
    """True when a row is a line of a programme: it begins with a clock time, after «kl.»."""
    k = 0
    while k < len(row) and row[k].text.lower() in ("kl", "kl.", ".", "–", "-"):
        k += 1
    return k < len(row) and _CLOCK.match(row[k].text) is not None


def _person_of_role(posts: list[PostFact], item: Item) -> Entity | None:
    """The person a role noun refers to («kommunedirektøren», «den nye lederen»): the one person
    with that role, or for a plain «leader» the person last appointed."""
    if item.role is None:
        return None
    base = item.role[0]
    if base in ("leder", "ledare", "sjef", "chef"):
        new = [f for f in posts if f.rule in APPOINTMENTS] or [f for f in posts if f.start]
        return new[-1].person if new else None
    people = {id(f.person): f.person for f in posts if f.role == base}
    return next(iter(people.values())) if len(people) == 1 else None


def _person_before(people: list[Entity], item: Item) -> Entity | None:
    """The person a pronoun refers to: the last one of fitting gender named before it."""
    want = item.role[0] if item.role else ""
    best: tuple[int, Entity] | None = None
    for p in people:
        if want and p.gender not in (want, "u", ""):
            continue
        before = [a for a, _ in p.mentions if a < item.start and (a, _) != (item.start, item.end)]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), p)
    return best[1] if best else None

