"""Events of a text: named (``Havdagene 2024``, a quoted title after an event noun) or unnamed
(``et oppstartsseminar i Florø tirsdag 23. august``), each with its date and place.

Examples
--------
>>> from graph.draft.stubs import find_dates
>>> doc = Document.of("Seminaret holdes i Fjellbyen 12. mars 2025 for alle.")
>>> evs = find_events(doc, [], find_dates(doc.text, "2025-01-01", "nb"))
>>> [(e.name, e.date, e.place) for e in evs]
[('seminar', '2025-03-12', 'Fjellbyen')]
"""

from __future__ import annotations

import re

from .document import Document
from .entities import Entity, slug
from .facts import EventFact
from .lexicon import event_noun
from .stubs import DateMention

__all__ = ["find_events"]

_QUOTED = re.compile(r"[«”\"]([^»”\"\n]{2,80})[»”\"]")
_NAMED_EVENT = re.compile(
    r"\b([A-ZÆØÅÄÖ][\wæøåäö]*(?:dagen|dagene|dagarna|konferansen|konferensen|festivalen|mässan|"
    r"messen|veckan|uka|uken|forum|summit))((?: i [A-ZÆØÅÄÖ][\wæøåäö]+)|(?: [A-ZÆØÅÄÖ][\wæøåäö]+)?(?: \d{4})?)"
)
_YEAR_NAME = re.compile(r"\b((?:[A-ZÆØÅÄÖ][\wæøåäö]+ ){1,3}\d{4})\b")


_EVENT_CUE = re.compile(
    r"\b(?:arranger\w*|inviter\w*|bjuder in|inbjuder|vertskap|värd|innled\w*|inled\w*|talar\w*)\b",
    re.I,
)


def find_events(doc: Document, entities: list[Entity], dates: list[DateMention]) -> list[EventFact]:
    """The events of ``doc``, with the dates and places said near them."""
    events: list[EventFact] = []
    taken: list[tuple[int, int]] = [m for e in entities for m in e.mentions]
    text = doc.text

    def add(name: str, a: int, b: int, rule: str, conf: float, noun: str = "") -> EventFact | None:
        if a < doc.body_start or any(a < y and x < b for x, y in taken):
            return None
        for ev in events:
            if ev.name.lower() == name.lower():
                ev.spans.append((a, b))
                return ev
        ev = EventFact(slug(name), name, [(a, b)], rule, conf, noun=noun)
        events.append(ev)
        taken.append((a, b))
        return ev

    for m in _QUOTED.finditer(text):
        before = text[max(0, m.start() - 40): m.start()].split()
        noun = event_noun(before[-1]) if before else None
        if noun and m.start() >= doc.body_start:
            add(m[1], m.start(1), m.end(1), "event:quoted-title", 0.85, noun)
    for m in _NAMED_EVENT.finditer(text):
        if doc.in_title_quotes(m.start()):
            continue
        if m.start() in doc.sentence_starts and not any(
            x.start() not in doc.sentence_starts for x in re.finditer(rf"\b{re.escape(m[1])}", text)
        ):
            continue
        name = (m[1] + m[2]).strip()
        add(name, m.start(1), m.start(1) + len(name), "event:name", 0.8)
    for m in _YEAR_NAME.finditer(text):
        words = m[1].split()
        if doc.in_title_quotes(m.start()) or words[0].lower() in ("i", "siden", "sedan", "fra", "från") \
                or words[0] in ("I", "Siden", "Sedan", "Fra", "Från", "År", "Året"):
            continue
        lead = text[max(0, m.start() - 30): m.start()].lower()
        if re.search(r"(konferanse|konferens|seminar|møte|möte|festival|mässa|messe)\w*,?\s*$", lead):
            add(m[1], m.start(1), m.end(1), "event:name-year", 0.75)
    # unnamed events: «et oppstartsseminar i Florø tirsdag 23. august», «invigningen»
    for sent in doc.sentences:
        if sent.end <= doc.body_start:
            continue
        for k, t in enumerate(sent.tokens):
            noun = event_noun(t.text)
            if noun is None and k + 1 < len(sent.tokens) and f"{t.text.lower()} {sent.tokens[k + 1].text.lower()}" in (
                "åpent hus", "öppet hus", "åpen dag", "öppen dag", "åpen fagdag"
            ):
                noun = f"{t.text.lower()} {sent.tokens[k + 1].text.lower()}"
            if not noun or doc.in_title_quotes(t.start) or any(t.start < y and x < t.end for x, y in taken):
                continue
            phrase = " " in noun
            end = sent.tokens[k + 1].end if phrase else t.end
            definite = t.text.lower() != noun and not phrase
            earlier = [ev for ev in events if min(a for a, _ in ev.spans) < t.start]
            if definite and earlier:
                target = max(earlier, key=lambda ev: max(a for a, _ in ev.spans if a < t.start))
                target.spans.append((t.start, t.end))
                continue
            named_here = [ev for ev in events if ev.rule != "event:noun"
                          and any(sent.start <= a < sent.end for a, _ in ev.spans)]
            if named_here:
                named_here[0].spans.append((t.start, t.end))
                continue
            has_date = any(sent.start <= d.start < sent.end for d in dates)
            cue = _EVENT_CUE.search(doc.text[sent.start: sent.end]) is not None
            if has_date or definite or cue:
                add(noun, t.start, end, "event:noun", 0.6, noun)
    for ev in events:
        _event_details(doc, ev, dates)
    return events


def _event_details(doc: Document, ev: EventFact, dates: list[DateMention]) -> None:
    for a, _ in sorted(ev.spans):
        sent = next((s for s in doc.sentences if s.start <= a < s.end), None)
        if sent is None:
            continue
        near = [d for d in dates if sent.start <= d.start < sent.end]
        if near and not (ev.date or ev.date_start):
            d = min(near, key=lambda d: abs(d.start - a))
            ev.date, ev.date_start, ev.date_end = d.value, d.interval_start, d.interval_end
            ev.date_text = d.text
            ev.spans.append((d.start, d.end))
        if not ev.place:
            after = doc.text[a: sent.end]
            m = re.search(r"\b(?:i|på|holdes i|hålls i)\s+((?:[A-ZÆØÅÄÖ][\w\-æøåäö]*)(?:\s+(?:på|i|og)?\s*[A-ZÆØÅÄÖ][\w\-æøåäö]*)*)", after)
            if m:
                ev.place = m[1]

