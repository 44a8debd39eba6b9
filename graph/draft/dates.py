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

import calendar
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.errors import InputError

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


# ---------------------------------------------------------------------------------------------
# Vocabulary

MONTHS: dict[str, int] = {
    "januar": 1, "januari": 1, "februar": 2, "februari": 2, "mars": 3, "april": 4, "mai": 5,
    "maj": 5, "juni": 6, "juli": 7, "august": 8, "augusti": 8, "september": 9, "oktober": 10,
    "november": 11, "desember": 12, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "des": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "mandag": 0, "måndag": 0, "tirsdag": 1, "tysdag": 1, "tisdag": 1, "onsdag": 2, "torsdag": 3,
    "fredag": 4, "lørdag": 5, "laurdag": 5, "lördag": 5, "søndag": 6, "sundag": 6, "söndag": 6,
}
SEASONS: dict[str, str] = {
    "høst": "autumn", "høsten": "autumn", "höst": "autumn", "hösten": "autumn",
    "haust": "autumn", "hausten": "autumn",
    "vår": "spring", "våren": "spring",
    "sommer": "summer", "sommeren": "summer", "sommar": "summer", "sommaren": "summer",
    "vinter": "winter", "vinteren": "winter", "vintern": "winter",
}
PAST_SEASONS: dict[str, str] = {
    "höstas": "autumn", "høstes": "autumn", "våras": "spring", "våres": "spring",
    "somras": "summer", "sommers": "summer", "vintras": "winter", "vinters": "winter",
}
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2),
}

PAST_MARKERS = frozenset(
    # bokmål / nynorsk
    "var ble vart hadde holdt møttes møtte fikk sa åpnet åpna signerte deltok gikk kom ledet "
    "la vant tok skjedde samlet fant besøkte avsluttet feiret startet starta grunnla etablerte "
    "kunngjorde uttalte fortalte tiltrådte overtok begynte sluttet ansatte valgte inngikk "
    "mottok arrangerte presenterte lanserte vært blitt "
    # svenska
    "blev blevs hade höll hölls träffades träffade sade fick ledde vann tog skedde fann "
    "besökte grundade grundades deltog berättade tillträdde började slutade valdes invigdes "
    "ingick mottog anställde varit blivit".split()
)
FUTURE_MARKERS = frozenset(
    "skal ska vil kommer blir bli holdes hålls arrangeres arrangeras planlegger planerar "
    "inviterer bjuder åpner öppnar starter startar tiltrer tillträder begynner börjar invigs "
    "åpnes öppnas lanseres lanseras presenteres presenteras markeres markeras neste nästa "
    "snart kommende kommande gjennomføres genomförs avholdes".split()
)
# a word after a four-digit number that shows it is a count, not a year
_COUNT_FOLLOWERS = frozenset(
    "kroner kronor kr euro dollar meter kilometer km mil tonn ton liter kilo gram hektar dekar "
    "prosent procent personer mennesker människor deltakere deltagare besøkende besökare "
    "ansatte anställda medarbeidere medarbetare innbyggere invånare husstander hushåll "
    "kommuner bedrifter företag selskaper bolag arbeidsplasser arbetstillfällen jobber boliger "
    "bostäder studenter elever barn søkere sökande medlemmer medlemmar plasser platser timer "
    "timmar minutter minuter dager dagar uker veckor måneder månader år land länder".split()
)
# words ending like a plural noun that still follow a year (`i 1856 var`, `i 1920 etter`)
_YEAR_FOLLOWERS = frozenset(
    "etter efter under over der där her här har var er når när før for eller mer fler "
    "senere senare tidigare tidligere sier säger blir får gir ger går kommer".split()
)
# a word after `i vår` that shows `vår` is the possessive "our", not the season
_SEASON_FOLLOWERS = frozenset(
    "og och men da då der där når när som i på til till med for för av fra från om ble blev "
    "var er är skal ska vil kommer har hadde hade blir kan".split()
)
_REPEATERS = frozenset("hver hvert varje alle alla annenhver varannan hverandre".split())


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = f"(?-i:{_alternation(MONTHS)})"
_MONTH_CAP = f"(?-i:{_alternation(MONTHS)}|{_alternation(m.capitalize() for m in MONTHS)})"
_MONTH_ANY = f"(?-i:{_alternation(list(MONTHS) + list(MONTH_ABBREVIATIONS))})"
_WEEKDAY = _alternation(WEEKDAYS)
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_PART = r"(?:slutten|begynnelsen|starten|midten|slutet|början|mitten|løpet)"
_PREP = (r"(?:i|fra|från|frå|til|till|innen|inntil|under|siden|sedan|før|före|etter|efter"
         r"|fram\s+til|frem\s+til|fram\s+till)")
_FLAGS = re.IGNORECASE

_TIME_RE = re.compile(
    r",?\s+(?:(?:fra|från|frå)\s+)?(?:kl\.?|klokka|klokken|klockan)\s*"
    r"(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?(?!\d)"
    r"(?:\s*(?:[-–]|til|till)\s*(?:(?:kl\.?|klokka|klokken|klockan)\s*)?"
    r"(?P<h2>\d{1,2})(?:[.:](?P<mi2>\d{2}))?(?!\d))?",
    _FLAGS,
)


# ---------------------------------------------------------------------------------------------
# Intervals


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _season_interval(year: int, season: str) -> tuple[datetime.date, datetime.date]:
    first, last = SEASON_MONTHS[season]
    if season == "winter":
        return datetime.date(year - 1, 12, 1), _month_end(year, 2)
    return datetime.date(year, first, 1), _month_end(year, last)


def _season_containing(day: datetime.date) -> tuple[int, str]:
    if day.month == 12:
        return day.year + 1, "winter"
    for season, (first, last) in SEASON_MONTHS.items():
        if season != "winter" and first <= day.month <= last:
            return day.year, season
    return day.year, "winter"


def _iso_week_interval(year: int, week: int) -> tuple[datetime.date, datetime.date] | None:
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + datetime.timedelta(days=6)


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Tense


_SENTENCE_END = re.compile(r"[.!?…](?=\s+[^\s\da-zæøåäöü])|\n")
_WORD = re.compile(r"\w+")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        lo = m.end()
    m2 = _SENTENCE_END.search(text, end)
    hi = m2.start() if m2 else len(text)
    return lo, hi


def _tense(text: str, start: int, end: int, lang: str) -> str | None:
    """``"past"``, ``"future"`` or None for the sentence around ``text[start:end]``.

    >>> _tense("Seminaret ble holdt tirsdag.", 20, 27, "nb")
    'past'
    >>> _tense("Seminaret holdes tirsdag.", 17, 24, "nb") is None
    False
    """
    lo, hi = _sentence(text, start, end)
    best: tuple[int, str] | None = None
    for m in _WORD.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        word = m.group().lower()
        kind = None
        if word in FUTURE_MARKERS:
            kind = "future"
        elif word in PAST_MARKERS:
            kind = "past"
        elif len(word) >= 6 and lang in ("sv", "auto") and word.endswith(("ade", "ades")):
            kind = "past"
        elif len(word) >= 6 and lang != "sv" and word.endswith("erte"):
            kind = "past"
        if kind is None:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# Resolution helpers


def _nearest(candidates: list[datetime.date], published: datetime.date,
             tense: str | None) -> datetime.date:
    if tense == "past":
        before = [d for d in candidates if d <= published]
        return max(before) if before else min(candidates)
    after = [d for d in candidates if d >= published]
    return min(after) if after else max(candidates)


def _weekday_after(published: datetime.date, weekday: int) -> datetime.date:
    delta = (weekday - published.weekday()) % 7 or 7
    return published + datetime.timedelta(days=delta)


def _weekday_before(published: datetime.date, weekday: int) -> datetime.date:
    delta = (published.weekday() - weekday) % 7 or 7
    return published - datetime.timedelta(days=delta)


def _relative_year(words: str, published: datetime.date) -> int | None:
    w = " ".join(words.lower().split())
    if w in ("i år", "i år,"):
        return published.year
    if w in ("neste år", "nästa år", "næste år"):
        return published.year + 1
    if w in ("i fjor", "i fjol", "forrige år", "förra året", "i fjord"):
        return published.year - 1
    return None


def _weekday_key(word: str) -> int | None:
    w = word.lower()
    if w in WEEKDAYS:
        return WEEKDAYS[w]
    if w.endswith("en") and w[:-2] in WEEKDAYS:
        return WEEKDAYS[w[:-2]]
    if w.endswith("s") and w[:-1] in WEEKDAYS:
        return WEEKDAYS[w[:-1]]
    return None


def _day_label(begin: datetime.date, end: datetime.date) -> str:
    return begin.isoformat() if begin == end else f"{begin.isoformat()}/{end.isoformat()}"


@dataclass
class _Ctx:
    text: str
    published: datetime.date | None
    lang: str

    def tense(self, m: re.Match[str]) -> str | None:
        return _tense(self.text, m.start(), m.end(), self.lang)


_Resolved = tuple[datetime.date, datetime.date, str, str]
_Handler = Callable[[re.Match[str], _Ctx], _Resolved | None]


# ---------------------------------------------------------------------------------------------
# Patterns and their handlers


def _day_month(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    day = int(m["d"])
    day2 = int(m["d2"]) if m["d2"] else None
    key = m["m"].lower()
    month = MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)
    if month is None:
        return None
    weekday = _weekday_key(m["wd"]) if m["wd"] else None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["rel"]:
        year = _relative_year(m["rel"], ctx.published) if ctx.published else None
        if year is None:
            return None
    else:
        year = None
    if year is None:
        if ctx.published is None:
            return None
        years = [y for y in range(ctx.published.year - 1, ctx.published.year + 2)
                 if _date(y, month, day)]
        if not years:
            return None
        if weekday is not None:
            fitting = [y for y in years if datetime.date(y, month, day).weekday() == weekday]
            if len(fitting) == 1:
                years = fitting
        candidates = [datetime.date(y, month, day) for y in years]
        begin = _nearest(candidates, ctx.published, ctx.tense(m))
    else:
        found = _date(year, month, day)
        if found is None:
            return None
        begin = found
    end = begin
    if day2 is not None:
        found2 = _date(begin.year, month, day2)
        if found2 is None or found2 <= begin:
            return None
        end = found2
    return begin, end, "day", _day_label(begin, end)


def _numeric(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    found = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    if found is None:
        return None
    return found, found, "day", found.isoformat()


def _slash(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    day, month = int(m["d"]), int(m["m"])
    if m["y"]:
        found = _date(int(m["y"]), month, day)
    elif ctx.published is not None:
        years = [y for y in range(ctx.published.year - 1, ctx.published.year + 2)
                 if _date(y, month, day)]
        weekday = _weekday_key(m["wd"]) if m["wd"] else None
        if weekday is not None:
            fitting = [y for y in years if datetime.date(y, month, day).weekday() == weekday]
            if len(fitting) == 1:
                years = fitting
        found = _nearest([datetime.date(y, month, day) for y in years], ctx.published,
                         ctx.tense(m)) if years else None
    else:
        return None
    if found is None:
        return None
    return found, found, "day", found.isoformat()


_RELATIVE_DAYS = {
    "idag": 0, "i dag": 0, "ikveld": 0, "i kveld": 0, "ikväll": 0, "i kväll": 0,
    "i morges": 0, "i morse": 0, "imorse": 0,
    "imorgen": 1, "i morgen": 1, "imorgon": 1, "i morgon": 1,
    "igår": -1, "i går": -1, "i forgårs": -2, "i förrgår": -2, "iförrgår": -2,
    "i overmorgen": 2, "i övermorgon": 2,
}


def _relative_day(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    offset = _RELATIVE_DAYS[" ".join(m.group().lower().split())]
    day = ctx.published + datetime.timedelta(days=offset)
    return day, day, "day", day.isoformat()


def _weekday_relative(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    weekday = _weekday_key(m["wd"] or m["past"])
    if weekday is None:
        return None
    pre = " ".join((m["pre"] or "").lower().split())
    if m["past"]:
        direction = "past"
    elif pre in ("forrige", "förra", "sist", "sista", "siste"):
        direction = "past"
    elif pre:
        direction = "future"
    else:
        before = ctx.text[max(0, m.start() - 20):m.start()].split()
        if before and before[-1].lower() in _REPEATERS:
            return None
        direction = ctx.tense(m) or "future"
    day = (_weekday_before if direction == "past" else _weekday_after)(ctx.published, weekday)
    return day, day, "day", day.isoformat()


def _week(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    week = int(m["n"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.published is None:
        return None
    else:
        iso_year, iso_week, _ = ctx.published.isocalendar()
        if ctx.tense(m) == "past":
            year = iso_year if week <= iso_week else iso_year - 1
        else:
            year = iso_year if week >= iso_week else iso_year + 1
    interval = _iso_week_interval(year, week)
    if interval is None:
        return None
    return interval[0], interval[1], "week", f"{year} (week {week})"


def _week_relative(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    rel = (m["rel"] or "denne").lower()
    if rel in ("neste", "nästa", "kommende", "kommande"):
        shift = 7
    elif rel in ("forrige", "förra", "siste", "sista"):
        shift = -7
    else:
        shift = 0
    day = ctx.published + datetime.timedelta(days=shift)
    year, week, _ = day.isocalendar()
    interval = _iso_week_interval(year, week)
    assert interval is not None
    return interval[0], interval[1], "week", f"{year} (week {week})"


def _season_result(year: int, season: str) -> _Resolved:
    begin, end = _season_interval(year, season)
    return begin, end, "season", f"{year} ({season})"


def _season_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    return _season_result(int(m["y"]), SEASONS[m["s"].lower()])


def _season_relative(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    pub = ctx.published
    word = m["s"].lower()
    pre = " ".join((m["pre"] or "").lower().split())
    if word in PAST_SEASONS:
        season = PAST_SEASONS[word]
        year = pub.year + 1
        while _season_interval(year, season)[1] >= pub:
            year -= 1
        return _season_result(year, season)
    season = SEASONS[word]
    if word == "vår" and pre in ("i", "til", "till"):
        follower = re.match(r"\s*(\w+)", ctx.text[m.end():])
        if follower and follower.group(1).lower() not in _SEASON_FOLLOWERS:
            return None
    if pre in ("i fjor", "i fjol"):
        return _season_result(pub.year - 1, season)
    if pre in ("neste", "nästa", "kommende", "kommande", "til", "till"):
        year = pub.year - 1
        while _season_interval(year, season)[0] <= pub:
            year += 1
        return _season_result(year, season)
    if pre in ("forrige", "förra", "sist", "siste"):
        year = pub.year + 1
        while _season_interval(year, season)[1] >= pub:
            year -= 1
        return _season_result(year, season)
    # `i høst`, `i vår`, `i sommer`: the publication year; `i vinter`: the winter around it
    if season != "winter":
        return _season_result(pub.year, season)
    current_year, current = _season_containing(pub)
    if current == "winter":
        return _season_result(current_year, "winter")
    if ctx.tense(m) == "past":
        return _season_result(pub.year, "winter")
    return _season_result(pub.year + 1, "winter")


def _month_result(year: int, month: int, part: str | None) -> _Resolved:
    begin, end = datetime.date(year, month, 1), _month_end(year, month)
    label = f"{year}-{month:02d}"
    p = (part or "").lower()
    if p in ("begynnelsen", "starten", "början"):
        end = datetime.date(year, month, 10)
        label += " (early)"
    elif p in ("midten", "mitten"):
        begin, end = datetime.date(year, month, 11), datetime.date(year, month, 20)
        label += " (mid)"
    elif p in ("slutten", "slutet"):
        begin = datetime.date(year, month, 21)
        label += " (late)"
    return begin, end, "month", label


def _month_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    return _month_result(int(m["y"]), MONTHS[m["m"].lower()], m["part"])


def _month_alone(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    month = MONTHS[m["m"].lower()]
    pub = ctx.published
    if ctx.tense(m) == "past":
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        year = pub.year if month >= pub.month else pub.year + 1
    return _month_result(year, month, m["part"] or m["part2"])


def _year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    year = int(m["y"])
    follower = re.match(r"\s+(\w+)", ctx.text[m.end():])
    if follower:
        word = follower.group(1)
        if word.lower() in _COUNT_FOLLOWERS:
            return None
        plural = word.islower() and word.endswith(("er", "ar", "or")) and word not in _YEAR_FOLLOWERS
        if plural and not 1900 <= year <= 2099:
            return None
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year)


def _year_relative(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    if ctx.published is None:
        return None
    year = _relative_year(m.group(), ctx.published)
    if year is None:
        return None
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year)


_WD_PREFIX = rf"(?:(?P<wd>(?:{_WEEKDAY})(?:en)?),?\s+(?:den\s+)?|den\s+)?"
_PATTERNS: list[tuple[re.Pattern[str], _Handler, bool]] = [
    # (pattern, handler, may carry a clock time)
    (re.compile(
        rf"\b{_WD_PREFIX}(?<![\d.,])(?P<d>[0-3]?\d)\.?(?:\s*[-–]\s*(?P<d2>[0-3]?\d)\.?)?\s*"
        rf"(?P<m>{_MONTH_ANY})\b\.?"
        rf"(?:\s+(?P<y>{_YEAR})(?![\d.,]\d)|\s+(?P<rel>i\s+år|i\s+fjor|i\s+fjol|neste\s+år"
        rf"|nästa\s+år))?\b", _FLAGS), _day_month, True),
    (re.compile(rf"\b{_WD_PREFIX}(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})"
                r"(?![\d])", _FLAGS), _numeric, True),
    (re.compile(rf"\b{_WD_PREFIX}(?<![\d-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])",
                _FLAGS), _numeric, True),
    (re.compile(rf"\b(?:(?P<wd>(?:{_WEEKDAY})(?:en)?)\s+(?:den\s+)?|den\s+)"
                rf"(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:[\s-](?P<y>{_YEAR}))?(?![\d/])", _FLAGS),
     _slash, True),
    (re.compile(r"\b(?:i\s*dag|i\s*kveld|i\s*kväll|i\s+morges|i\s*morse|i\s*morgen|i\s*morgon"
                r"|i\s*går|i\s+forgårs|i\s*förrgår|i\s+overmorgen|i\s+övermorgon)\b", _FLAGS),
     _relative_day, True),
    (re.compile(rf"\b(?:i\s+(?P<past>(?:{_WEEKDAY})s)"
                rf"|(?:(?P<pre>på|nå\s+på|nu\s+på|neste|nästa|kommende|kommande|forrige|förra"
                rf"|sist|siste|sista)\s+)?(?P<wd>(?:{_WEEKDAY})(?:en)?))\b", _FLAGS),
     _weekday_relative, True),
    (re.compile(rf"\b(?:uke|veke|vecka|v\.)\s*(?P<n>[1-5]?\d)\b"
                rf"(?:(?:,\s*|\s+i\s+|\s+)(?P<y>{_YEAR})\b)?", _FLAGS), _week, False),
    (re.compile(r"\b(?:(?:i|om)\s+)?(?P<rel>neste|nästa|denne|denna|forrige|förra|kommende"
                r"|kommande)\s+(?:uke|veke|vecka|uken|veka|veckan|veken)\b"
                r"|\b(?P<rel2>den\s+här)\s+veckan\b", _FLAGS),
     _week_relative, False),
    (re.compile(rf"\b(?P<s>{_alternation(s for s in SEASONS if s.endswith(('en', 'n')))})"
                rf"\s+(?P<y>{_YEAR})\b", _FLAGS), _season_year, False),
    (re.compile(rf"\b(?:(?P<pre>i\s+fjor|i\s+fjol|i|til|till|neste|nästa|kommende|kommande"
                rf"|forrige|förra|sist|siste)\s+)(?P<s>{_alternation(SEASONS)}"
                rf"|{_alternation(PAST_SEASONS)})\b", _FLAGS), _season_relative, False),
    (re.compile(rf"\b(?:(?:{_PREP})\s+)?(?:(?:i|på|mot)\s+)?(?:(?P<part>{_PART})\s+av\s+)?"
                rf"(?P<m>{_MONTH_CAP})\s+(?P<y>{_YEAR})\b", _FLAGS), _month_year, False),
    (re.compile(rf"\b(?:(?:{_PREP})\s+(?:(?P<part>{_PART})\s+av\s+)?"
                rf"|(?:(?:i|på|mot)\s+)?(?P<part2>{_PART})\s+av\s+)(?P<m>{_MONTH})\b(?!\.?\s*\d)",
                _FLAGS), _month_alone, False),
    (re.compile(rf"\b(?:{_PREP}|år|året|gjennom|genom)\s+(?P<y>{_YEAR})\b(?![.,]\d)(?!\s*[-–]\d)",
                _FLAGS), _year, False),
    (re.compile(r"\b(?:i\s+år|i\s+fjor|i\s+fjol|neste\s+år|nästa\s+år|forrige\s+år"
                r"|förra\s+året)\b", _FLAGS), _year_relative, False),
]


def _with_time(text: str, end: int, resolved: _Resolved) -> tuple[int, _Resolved]:
    m = _TIME_RE.match(text, end)
    if not m:
        return end, resolved
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if hour > 24 or minute > 59:
        return end, resolved
    begin, end_date, precision, label = resolved
    if precision != "day" or begin != end_date:
        return end, resolved
    label = f"{begin.isoformat()}T{hour:02d}:{minute:02d}"
    if m["h2"]:
        hour2, minute2 = int(m["h2"]), int(m["mi2"] or 0)
        if hour2 > 24 or minute2 > 59:
            return end, resolved
        label += f"/{hour2:02d}:{minute2:02d}"
    return m.end(), (begin, end_date, "time", label)


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
    ctx = _Ctx(text, published, lang)
    found: list[tuple[int, int, _Resolved]] = []
    for pattern, handler, timed in _PATTERNS:
        for m in pattern.finditer(text):
            resolved = handler(m, ctx)
            if resolved is None:
                continue
            end = m.end()
            if timed:
                end, resolved = _with_time(text, end, resolved)
            found.append((m.start(), end, resolved))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, _Resolved]] = []
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
