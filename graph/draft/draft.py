"""Draft claims from a Norwegian or Swedish text: persons, organisations, posts, events and
who did what at them, quotations — each a suggestion with evidence spans, a confidence, the
rule that made it, and a link to the graph's entity or ``new``.

Examples
--------
>>> cf = draft("Kari Nordmann, daglig leder i Fjellbyen Teknikk AS, åpnet dagen.", source_id="demo")
>>> [p.name for p in cf.persons], [o.name for o in cf.organisations]
(['Kari Nordmann'], ['Fjellbyen Teknikk AS'])
>>> [(p.person, p.role, p.organisation) for p in cf.posts]
[('kari-nordmann', 'daglig leder', 'fjellbyen-teknikk-as')]
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ..claims.format import (
    Candidate,
    ClaimsFile,
    Event,
    Organisation,
    Participation,
    Person,
    Post,
    Quotation,
    Source,
)
from ..errors import InputError
from ..evidence import Span
from ..vocab import ID
from .entities import Entity, build_entities, slug
from .posts import former_post
from .recognise import Document, Recogniser, RuleRecogniser, dedupe
from .relations import Relations, relate
from .stubs import find_dates, find_quotes

__all__ = ["DRAFTED_BY", "draft", "short_title", "source_slug"]

DRAFTED_BY = "innograph 0.1.0 draft (rules)"


def draft(
    text: str,
    *,
    lang: str = "auto",
    published: str | None = None,
    source_id: str | None = None,
    kg: Any = None,
    recognisers: Sequence[Recogniser] | None = None,
    text_path: str = "",
) -> ClaimsFile:
    """Suggest claims for ``text``.

    Parameters
    ----------
    text : str
        The source text (headline on line 1, byline on line 2 when there is one).
    lang : {"auto", "nb", "sv"}
        The language; ``auto`` decides by function words and letters.
    published : str, optional
        The publication date (``YYYY-MM-DD``); by default the byline's date.
    source_id : str, optional
        The source's id (a slug); by default ``source-`` and the first 12 hex digits of the
        sha256 of the text.
    kg : graph.KnowledgeGraph, optional
        A graph to link mentions to; without it every mention is ``new``.
    recognisers : sequence of Recogniser, optional
        What finds persons and organisations (default: the rules).
    text_path : str
        Where the text is, relative to the claims file (written into ``[source]``).

    Raises
    ------
    InputError
        For an unknown language or a published date that is not ``YYYY-MM-DD``.
    """
    _check(lang, published)
    doc = Document.of(text, lang, published)
    dates = find_dates(text, doc.published or None, doc.lang)
    quotes = find_quotes(text, doc.lang)
    speech = [(q.start, q.speech_end) for q in quotes]
    linker = None
    if kg is not None:
        from .resolve import Linker

        linker = Linker(kg)
    active = list(recognisers or [RuleRecogniser()])
    if linker is not None:
        active.append(linker.recogniser())
    mentions = [m for r in active for m in r(doc)]
    if len(active) > 1:
        mentions = dedupe(mentions)
    entities = build_entities(doc, mentions, speech)
    rel = relate(doc, entities, dates, quotes)

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sid = source_slug(source_id or f"source-{digest[:12]}") or "source"
    source = Source(
        id=sid, iri=f"{ID}source/{sid}", title=short_title(doc.title, _title_names(entities, rel)), language=doc.lang,
        kind=doc.kind, published=doc.published, author=doc.author, sha256=digest, length=len(text),
        text=text_path,
    )
    cf = ClaimsFile(source, drafted={"by": DRAFTED_BY,
                                     "at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()})
    _add_entities(cf, entities, rel, linker, text)
    _add_facts(cf, rel, doc.lang, text)
    return cf


def _check(lang: str, published: str | None) -> None:
    if lang not in ("auto", "nb", "sv"):
        raise InputError(f"unknown language {lang!r}: give nb, sv or auto")
    if published:
        try:
            _dt.date.fromisoformat(published)
        except ValueError:
            raise InputError(f"--published takes a date as YYYY-MM-DD; got {published!r}") from None


def _add_entities(cf: ClaimsFile, entities: list[Entity], rel: Relations, linker: Any,
                  text: str) -> None:
    """The organisations, then the persons, each linked to the graph when there is a linker (a
    person by the organisations of their posts too; an organisation by a number written after
    it, when there is one)."""
    from .resolve import written_number

    links: dict[str, str] = {}
    post_orgs: dict[str, set[str]] = {}
    for e in entities:
        if e.kind != "organisation":
            continue
        rec = Organisation(id=e.id, name=e.name, kind=e.org_kind or "organisation",
                           spans=_spans(e.mentions), confidence=round(e.confidence, 2), rule=e.rule)
        if linker is not None:
            _apply(rec, linker.organisation(e.name, written_number(text, e.mentions)))
            links[e.id] = rec.link
        cf.add(rec)
    for f in rel.posts:
        if f.org is not None:
            post_orgs.setdefault(f.person.id, set()).add(links.get(f.org.id, ""))
    for e in entities:
        if e.kind != "person":
            continue
        prec = Person(id=e.id, name=e.name, spans=_spans(e.mentions),
                      confidence=round(e.confidence, 2), rule=e.rule)
        if linker is not None:
            _apply(prec, linker.person(e.name, post_orgs.get(e.id, set()) - {""}, set()))
        cf.add(prec)


def _add_facts(cf: ClaimsFile, rel: Relations, lang: str, text: str) -> None:
    """Posts (those the text speaks of as over marked ``ended``), events, participations and
    quotations, each with an id not yet used."""
    ids = {r.id for r in cf.records()}

    def unique(base: str) -> str:
        out, n = base, 2
        while out in ids:
            out, n = f"{base}-{n}", n + 1
        ids.add(out)
        return out

    for f in rel.posts:
        assert f.org is not None
        cf.add(Post(
            id=unique(f"post-{f.person.id}-{slug(f.role)}-{f.org.id}"), person=f.person.id,
            role=f.role, role_concept=f"ig:role-{f.role_slug}", organisation=f.org.id,
            start=f.start, spans=_spans(f.spans), confidence=f.confidence, rule=f.rule,
            ended=not f.start and former_post(text, f.spans),
        ))
    for ev in rel.events:
        eid = unique(f"event-{ev.id}")
        ev.id = eid
        cf.add(Event(
            id=eid, name=ev.name, date=ev.date, start=ev.date_start, end=ev.date_end,
            date_text=ev.date_text, place=ev.place, spans=_spans(ev.spans),
            confidence=ev.confidence, rule=ev.rule,
        ))
    for p in rel.parts:
        cf.add(Participation(
            id=unique(f"{p.event.id}-{p.role}-{p.agent.id}"), event=p.event.id, agent=p.agent.id,
            role=p.role, spans=_spans(p.spans), confidence=p.confidence, rule=p.rule,
        ))
    counts: dict[str, int] = {}
    for q in rel.quotes:
        counts[q.speaker.id] = counts.get(q.speaker.id, 0) + 1
        cf.add(Quotation(
            id=unique(f"quote-{q.speaker.id}-{counts[q.speaker.id]}"), speaker=q.speaker.id,
            paraphrase="", language=lang, spans=_spans([q.span]), confidence=q.confidence,
            rule=q.rule,
        ))


def short_title(headline: str, names: Sequence[str], words: int = 6) -> str:
    """A short title for a source, at most ``words`` words: the ``names`` its headline gives,
    in the headline's order, else the first of ``names`` (the ones the text is most about);
    empty when there are no names. A draft never stores the headline itself: it is a sentence
    of the source.

    Examples
    --------
    >>> names = ["Kari Nordmann", "Fjellbyen Teknikk AS", "Testvik kommune"]
    >>> short_title("Fjellbyen Teknikk AS får Kari Nordmann som ny sjef", names)
    'Fjellbyen Teknikk AS, Kari Nordmann'
    >>> short_title("Ny sjef på plass", names)
    'Kari Nordmann, Fjellbyen Teknikk AS'
    """
    found = []
    for name in dict.fromkeys(names):
        m = re.search(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", headline)
        if m:
            found.append((m.start(), name))
    chosen = [name for _, name in sorted(found)] or list(dict.fromkeys(names))
    out: list[str] = []
    count = 0
    for name in chosen:
        n = len(name.split())
        if count + n > words:
            break
        out.append(name)
        count += n
    return ", ".join(out)


def _title_names(entities: Sequence[Entity], rel: Relations) -> list[str]:
    """The names of a text for its title: persons, organisations and named events, the most
    mentioned first (the first named first among equals)."""
    named = [(len(e.mentions), -e.first, e.name) for e in entities]
    named += [(len(ev.spans), -min(a for a, _ in ev.spans), ev.name) for ev in rel.events
              if ev.rule != "event:noun"]
    return [name for _, _, name in sorted(named, key=lambda t: (-t[0], -t[1]))]


def source_slug(text: str) -> str:
    """A source id from a file name or headline: lower case, ASCII, ``[a-z0-9._-]``.

    Examples
    --------
    >>> source_slug("nb-test-12-kulturnæring-bergen"), source_slug("Ny sjef i Växjö!")
    ('nb-test-12-kulturnaering-bergen', 'ny-sjef-i-vaxjo')
    """
    parts = re.split(r"([._-])", text)
    out = "".join(p if p in "._-" else slug(p) if p.strip() else "" for p in parts)
    return re.sub(r"-{2,}", "-", out).strip("-._")


def _spans(pairs: Sequence[tuple[int, int]]) -> list[Span | tuple[str, ...]]:
    return [Span(a, b) for a, b in sorted(set(pairs))]


def _apply(rec: Person | Organisation, result: Any) -> None:
    rec.link = result.link
    if result.iri:
        rec.match = Candidate(result.iri, result.score, dict(result.features))
    rec.candidates = [Candidate(i, s, dict(f)) for i, s, f in result.candidates]
    if result.note:
        rec.note = result.note
