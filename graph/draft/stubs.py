"""Dates and quotations as the relation rules use them, from :mod:`graph.draft.dates` and
:mod:`graph.draft.quotes`: a date as a day or an interval, a quotation with the span of the
speech and of the speaker phrase.

Examples
--------
>>> [d.value for d in find_dates("Hun tiltrer 1. april.", "2023-01-11", "nb")]
['2023-04-01']
>>> [q.speaker_text for q in find_quotes("– Det går bra, sier Kari Nordmann.\\n", "nb")]
['Kari Nordmann']
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .text import _MONTHS

__all__ = ["DateMention", "QuoteMention", "find_dates", "find_quotes"]


@dataclass(frozen=True)
class DateMention:
    """A date in the text: its span, the ISO value (a day), or an interval start/end."""

    start: int
    end: int
    text: str
    value: str = ""
    interval_start: str = ""
    interval_end: str = ""


@dataclass(frozen=True)
class QuoteMention:
    """A quotation paragraph: its span, and the speaker phrase with its span."""

    start: int
    end: int
    speaker_text: str
    speaker_start: int
    speaker_end: int
    speech_end: int = 0


_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(?:den )?(\d{{1,2}})\.? ({_MONTH_NAMES})\b(?:\.? (\d{{4}}))?(?: (i år|i fjor))?", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SEASON = re.compile(r"\b(?:(høsten|våren|sommeren|vinteren|hösten|våren|sommaren|vintern) (\d{4})|(?:i )?(uke|vecka) (\d{1,2}))\b", re.I)


def find_dates(text: str, published: str | None, lang: str) -> list[DateMention]:
    """Dates of ``text`` (by :func:`graph.draft.dates.find_dates`), resolved against
    ``published``: a day as ``value``, a week, month, season or year as an interval."""
    from . import dates

    pub = _dt.date.fromisoformat(published) if published else None
    out = []
    for d in dates.find_dates(text, pub, lang):
        if d.precision in ("day", "time"):
            out.append(DateMention(d.start, d.end, d.text, d.begin.isoformat()))
        else:
            out.append(DateMention(d.start, d.end, d.text, "", d.begin.isoformat(),
                                   d.end_date.isoformat()))
    return out


def find_quotes(text: str, lang: str) -> list[QuoteMention]:
    """Quotations of ``text`` (by :func:`graph.draft.quotes.find_quotes`) with the span of the
    speaker phrase (empty for a continuation of the previous speaker)."""
    from . import quotes

    out = []
    for q in quotes.find_quotes(text, lang if lang in ("nb", "sv") else "nb"):
        s = q.speaker_start if q.speaker_start is not None else q.end
        e = q.speaker_end if q.speaker_end is not None else q.end
        speaker = text[s:e] if q.speaker_start is not None else (q.speaker or "")
        out.append(QuoteMention(q.start, q.end, speaker, s, e, q.end))
    return out


def simple_dates(text: str, published: str | None, lang: str) -> list[DateMention]:
    """Dates in ``text``; a day and month without a year take the year that puts them nearest
    after the publication date (or up to about seven months before it)."""
    pub = _dt.date.fromisoformat(published) if published else None
    out: list[DateMention] = []
    for m in _DAY_MONTH.finditer(text):
        day, month = int(m[1]), _MONTHS[m[2].lower()]
        if m[3]:
            year = int(m[3])
        elif pub is None:
            continue
        else:
            year = pub.year
            try:
                if m[4] is None and _dt.date(year, month, day) < pub - _dt.timedelta(days=210):
                    year += 1
                if m[4] and m[4].lower() == "i fjor":
                    year -= 1
            except ValueError:
                continue
        try:
            out.append(DateMention(m.start(), m.end(), m.group(), _dt.date(year, month, day).isoformat()))
        except ValueError:
            continue
    for m in _ISO.finditer(text):
        try:
            out.append(DateMention(m.start(), m.end(), m.group(), _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()))
        except ValueError:
            continue
    for m in _SEASON.finditer(text):
        if m[1]:
            year = int(m[2])
            season = m[1].lower()
            months = {"høsten": (9, 11), "hösten": (9, 11), "våren": (3, 5), "sommeren": (6, 8),
                      "sommaren": (6, 8), "vinteren": (12, 2), "vintern": (12, 2)}[season]
            a = _dt.date(year, months[0], 1)
            b = _dt.date(year + (1 if months[1] < months[0] else 0), months[1] % 12 + 1, 1) - _dt.timedelta(days=1)
            out.append(DateMention(m.start(), m.end(), m.group(), "", a.isoformat(), b.isoformat()))
        elif pub is not None:
            week = int(m[4])
            try:
                a = _dt.date.fromisocalendar(pub.year, week, 1)
            except ValueError:
                continue
            if a < pub - _dt.timedelta(days=14):
                a = _dt.date.fromisocalendar(pub.year + 1, week, 1)
            out.append(DateMention(m.start(), m.end(), m.group(), "", a.isoformat(), (a + _dt.timedelta(days=6)).isoformat()))
    return sorted(out, key=lambda d: d.start)


_SPEECH = re.compile(r",\s*(?:sier|sa|sa hun|sa han|säger|sade|skriver|skriv|seier)\s+([^.!?\n]{1,80}?)\s*[.!]?\s*$")


def simple_quotes(text: str, lang: str) -> list[QuoteMention]:
    """Dash-style quotation paragraphs (``– …, sier X.``) and their speaker phrase."""
    out = []
    for m in re.finditer(r"(?m)^[–—-] [^\n]+", text):
        para = m.group()
        sm = _SPEECH.search(para)
        if sm:
            out.append(QuoteMention(m.start(), m.end(), sm[1], m.start() + sm.start(1),
                                    m.start() + sm.end(1), m.start() + sm.start()))
        else:
            out.append(QuoteMention(m.start(), m.end(), "", m.end(), m.end(), m.end()))
    return out
