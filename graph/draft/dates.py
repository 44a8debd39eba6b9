"""Dates and times written in Norwegian (bokmål, nynorsk) and Swedish text.

:func:`find_dates` finds every date expression in a text and resolves it to an interval of days
against the source's publication date; :func:`find_publication_date` reads the publication date
from the byline near the top of a source.

What is found
-------------
========================================  ==========  ==========================================
written                                   precision   label
========================================  ==========  ==========================================
``12. mars 2024``, ``14 mars 2024``,      day         ``2024-03-12``
``12.03.2024``, ``2024-03-12``
``12. mars``, ``tirsdag 12. mars``,       day         the year is chosen (see below)
``den 14 mars``, ``tisdagen den 14 mars``
``12.–14. mars``                          day         ``2024-03-12/2024-03-14``
``i dag``/``idag``, ``i morgen``/         day         the publication day, the day after, before
``i morgon``, ``i går``/``igår``
``på torsdag``, ``neste fredag``          day         the first such day after publication
``i fredags``, ``forrige fredag``         day         the last such day before publication
``torsdag`` alone                         day         after or before, by the verb tense
any of the above with ``kl. 09.15``,      time        ``2024-03-12T09:15``,
``klockan 10``, ``kl. 08.00–10.00``                   ``2024-03-12T08:00/10:00``
``uke 43``, ``vecka 43``, ``neste uke``,  week        ``2024 (week 43)`` (ISO weeks)
``nästa vecka``, ``forrige uke``
``i høst``, ``i vår``, ``til våren``,     season      ``2020 (autumn)``
``nästa vår``, ``i höstas``,
``høsten 2020``, ``i fjor sommer``
``i april``, ``i slutten av mai``,        month       ``2024-04``, ``2024-05 (late)``
``april 2024``
``i 2015``, ``siden 2013``, ``i år``,     year        ``2015``
``neste år``, ``i fjor``/``i fjol``
========================================  ==========  ==========================================

Seasons are meteorological: spring March–May, summer June–August, autumn September–November,
winter December–February; the winter of year *Y* begins on 1 December of *Y* − 1.

The rule for a date without a year
----------------------------------
A day, week, month or weekday without a year is placed relative to the publication date. The
verb tense decides the direction: the tense marker nearest the mention in its sentence (a past
form such as ``var``, ``ble``, ``holdt``, ``hölls``, ``startade``; or a future or present marker
such as ``skal``, ``ska``, ``vil``, ``holdes``, ``hålls``) says past or future; no marker counts as
future. Future: the nearest such date on or after the publication date; past: the nearest on or
before. A weekday written with the day (``tirsdag 12. mars``) picks the year in which that day
is that weekday, when one of the neighbouring years fits. ``i høst``, ``i vår`` and ``i sommer``
are the season of the publication year; ``i vinter`` is the winter around the publication date
(past tense: the one before). Without a publication date only expressions with a year are found.

A four-digit number is a year only in a full date, after a season or month, or after a word
such as ``i``, ``siden``, ``fra``, ``innen``, ``år``; and not when a counted noun follows it
(``i 2000 kommuner``, ``fra 1500 kroner``; outside 1900–2099, any word that ends like a plural
noun). A bare number (``40 søkere``, ``28 selskaper``, ``1500 ansatte``) is never a date.

Examples
--------
>>> import datetime
>>> [m.label for m in find_dates("Møtet holdes tirsdag 12. mars kl. 10.", datetime.date(2024, 2, 1), "nb")]
['2024-03-12T10:00']
>>> find_publication_date("Vinterseminar i Bodø\\nAv Kari Nordmann, 9. januar 2018\\n")
datetime.date(2018, 1, 9)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from graph.errors import InputError

from .date_rules import PATTERNS, Ctx, Resolved, with_time

__all__ = ["DateMention", "find_dates", "find_publication_date"]

LANGS = ("nb", "nn", "no", "sv", "auto")


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text and the days it can mean.

    Attributes
    ----------
    start, end : int
        The code-point span of the expression in the text, end exclusive.
    text : str
        The words as written, ``text[start:end]``.
    begin : datetime.date
        The first day the expression can mean.
    end_date : datetime.date
        The last day it can mean (equal to `begin` for an exact day).
    precision : str
        ``"day"``, ``"week"``, ``"month"``, ``"season"``, ``"year"`` or ``"time"`` (a day with a
        clock time).
    label : str
        The normalised value: ``"2024-03-14"``, ``"2024-03-14T09:15"``, ``"2024 (week 43)"``,
        ``"2020 (autumn)"``, ``"2024-05"``, ``"2015"``.
    """

    start: int
    end: int
    text: str
    begin: datetime.date
    end_date: datetime.date
    precision: str
    label: str


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InputError(
            f"unknown language {lang!r}: give one of {', '.join(LANGS)} "
            "(nb and nn for Norwegian, sv for Swedish, auto for either)"
        )
    return lang


def find_dates(text: str, published: datetime.date | None, lang: str) -> list[DateMention]:
    """Find the date expressions in `text` and resolve them against `published`.

    Parameters
    ----------
    text : str
        The source text.
    published : datetime.date or None
        The source's publication date; relative expressions and days without a year are
        resolved against it and left out when it is None.
    lang : str
        ``"nb"``, ``"nn"``, ``"no"``, ``"sv"`` or ``"auto"``. Both languages' words are
        recognised in every case; the language tunes the tense rule.

    Returns
    -------
    list of DateMention
        Non-overlapping mentions sorted by start; where two expressions overlap, the longer wins.

    Raises
    ------
    graph.errors.InputError
        An unknown `lang`.

    Examples
    --------
    >>> pub = datetime.date(2024, 2, 20)
    >>> [(m.text, m.label) for m in find_dates("Vi ses den 14 mars, och i höst igen.", pub, "sv")]
    [('den 14 mars', '2024-03-14'), ('i höst', '2024 (autumn)')]
    >>> find_dates("De har 2000 medlemmer i 40 kommuner.", pub, "nb")
    []
    """
    _check_lang(lang)
    ctx = Ctx(text, published, lang)
    found: list[tuple[int, int, Resolved]] = []
    for pattern, handler, timed in PATTERNS:
        for m in pattern.finditer(text):
            resolved = handler(m, ctx)
            if resolved is None:
                continue
            end = m.end()
            if timed:
                end, resolved = with_time(text, end, resolved)
            found.append((m.start(), end, resolved))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, Resolved]] = []
    for start, end, resolved in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, resolved))
    taken.sort(key=lambda f: f[0])
    return [DateMention(start, end, text[start:end], *resolved) for start, end, resolved in taken]


_BYLINE_MARKER = re.compile(
    r"\b(?:av|tekst|skrevet|skrive|publisert|publicerad|publ|oppdatert|uppdaterad|foto|text)\b"
    r"|[|·/–—]", re.IGNORECASE)
_PUBLISHED_WORD = re.compile(r"\b(?:publisert|publicerad|publ\.?)\b", re.IGNORECASE)
_UPDATED_WORD = re.compile(r"\b(?:oppdatert|uppdaterad|endret|ändrad)\b", re.IGNORECASE)


def _full_date(line: str) -> datetime.date | None:
    mentions = [m for m in find_dates(line, None, "auto") if m.precision in ("day", "time")
                and m.begin == m.end_date]
    if not mentions:
        return None
    published = _PUBLISHED_WORD.search(line)
    if published:
        after = [m for m in mentions if m.start >= published.end()]
        if after:
            return after[0].begin
    updated = _UPDATED_WORD.search(line)
    before = [m for m in mentions if updated is None or m.start < updated.start()]
    return (before or mentions)[0].begin


def find_publication_date(text: str) -> datetime.date | None:
    """Read the publication date from the byline near the top of `text`.

    The byline is one of the five lines after the headline (the first non-empty line): the first
    of them that holds a full date (day, month and year) and looks like a byline (it names an
    author with ``Av``/``Tekst:``/``Publisert``/``Publicerad``, has a separator such as ``|``,
    ``·``, ``/``, ``–``, or does not end like a sentence). After ``Publisert``/``Publicerad`` that
    date is taken; a date after ``Oppdatert``/``Uppdaterad`` only when the line has no other. The
    headline itself counts only when it starts like a byline.

    Returns
    -------
    datetime.date or None
        None when no byline with a full date is found.

    Examples
    --------
    >>> find_publication_date("Ny leder\\nTekst: Kari Li · Publisert 11.01.2023 kl. 09.15\\n")
    datetime.date(2023, 1, 11)
    >>> find_publication_date("Nytt inkubatorprogram\\nANNA BERG · 20 februari 2024\\n")
    datetime.date(2024, 2, 20)
    >>> find_publication_date("Uten dato\\nAv Kari Li\\n") is None
    True
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:6]
    for index, line in enumerate(lines):
        if len(line) > 160:
            continue
        looks_like_byline = bool(_BYLINE_MARKER.search(line)) or not line.endswith((".", "!", "?"))
        if index == 0:
            looks_like_byline = bool(re.match(
                r"(?:av|tekst|skrevet|publisert|publicerad)\b", line, re.IGNORECASE))
        if not looks_like_byline:
            continue
        day = _full_date(line)
        if day is not None:
            return day
    return None
