"""The date patterns and what each resolves to: a day, a week, a season, a month or a year,
placed relative to the publication date when the year is not written.

Examples
--------
>>> ctx = Ctx("Vi ses i höst.", datetime.date(2024, 2, 20), "sv")
>>> [handler(m, ctx) for rx, handler, _ in PATTERNS for m in rx.finditer(ctx.text)]
[(datetime.date(2024, 9, 1), datetime.date(2024, 11, 30), 'season', '2024 (autumn)')]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from .date_words import (
    COUNT_FOLLOWERS,
    FLAGS,
    MONTH,
    MONTH_ABBREVIATIONS,
    MONTH_ANY,
    MONTH_CAP,
    MONTHS,
    PART,
    PAST_SEASONS,
    PREP,
    REPEATERS,
    SEASON_FOLLOWERS,
    SEASONS,
    TIME_RE,
    WEEKDAY,
    YEAR,
    YEAR_FOLLOWERS,
    alternation,
    day_label,
    iso_week_interval,
    month_end,
    nearest,
    relative_year,
    safe_date,
    season_containing,
    season_interval,
    tense_around,
    weekday_after,
    weekday_before,
    weekday_key,
)

__all__ = ["PATTERNS", "Ctx", "Resolved", "with_time"]



@dataclass
class Ctx:
    text: str
    published: datetime.date | None
    lang: str

    def tense(self, m: re.Match[str]) -> str | None:
        return tense_around(self.text, m.start(), m.end(), self.lang)


Resolved = tuple[datetime.date, datetime.date, str, str]
_Handler = Callable[[re.Match[str], Ctx], Resolved | None]


# ---------------------------------------------------------------------------------------------
# Patterns and their handlers


def _day_month(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    day = int(m["d"])
    day2 = int(m["d2"]) if m["d2"] else None
    key = m["m"].lower()
    month = MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)
    if month is None:
        return None
    weekday = weekday_key(m["wd"]) if m["wd"] else None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["rel"]:
        year = relative_year(m["rel"], ctx.published) if ctx.published else None
        if year is None:
            return None
    else:
        year = None
    if year is None:
        if ctx.published is None:
            return None
        years = [y for y in range(ctx.published.year - 1, ctx.published.year + 2)
                 if safe_date(y, month, day)]
        if not years:
            return None
        if weekday is not None:
            fitting = [y for y in years if datetime.date(y, month, day).weekday() == weekday]
            if len(fitting) == 1:
                years = fitting
        candidates = [datetime.date(y, month, day) for y in years]
        begin = nearest(candidates, ctx.published, ctx.tense(m))
    else:
        found = safe_date(year, month, day)
        if found is None:
            return None
        begin = found
    end = begin
    if day2 is not None:
        found2 = safe_date(begin.year, month, day2)
        if found2 is None or found2 <= begin:
            return None
        end = found2
    return begin, end, "day", day_label(begin, end)


def _numeric(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    found = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if found is None:
        return None
    return found, found, "day", found.isoformat()


def _slash(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    day, month = int(m["d"]), int(m["m"])
    if m["y"]:
        found = safe_date(int(m["y"]), month, day)
    elif ctx.published is not None:
        years = [y for y in range(ctx.published.year - 1, ctx.published.year + 2)
                 if safe_date(y, month, day)]
        weekday = weekday_key(m["wd"]) if m["wd"] else None
        if weekday is not None:
            fitting = [y for y in years if datetime.date(y, month, day).weekday() == weekday]
            if len(fitting) == 1:
                years = fitting
        found = nearest([datetime.date(y, month, day) for y in years], ctx.published,
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


def _relative_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    offset = _RELATIVE_DAYS[" ".join(m.group().lower().split())]
    day = ctx.published + datetime.timedelta(days=offset)
    return day, day, "day", day.isoformat()


def _weekday_relative(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    weekday = weekday_key(m["wd"] or m["past"])
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
        if before and before[-1].lower() in REPEATERS:
            return None
        direction = ctx.tense(m) or "future"
    day = (weekday_before if direction == "past" else weekday_after)(ctx.published, weekday)
    return day, day, "day", day.isoformat()


def _week(m: re.Match[str], ctx: Ctx) -> Resolved | None:
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
    interval = iso_week_interval(year, week)
    if interval is None:
        return None
    return interval[0], interval[1], "week", f"{year} (week {week})"


def _week_relative(m: re.Match[str], ctx: Ctx) -> Resolved | None:
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
    interval = iso_week_interval(year, week)
    assert interval is not None
    return interval[0], interval[1], "week", f"{year} (week {week})"


def _season_result(year: int, season: str) -> Resolved:
    begin, end = season_interval(year, season)
    return begin, end, "season", f"{year} ({season})"


def _season_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _season_result(int(m["y"]), SEASONS[m["s"].lower()])


def _season_relative(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    pub = ctx.published
    word = m["s"].lower()
    pre = " ".join((m["pre"] or "").lower().split())
    if word in PAST_SEASONS:
        season = PAST_SEASONS[word]
        year = pub.year + 1
        while season_interval(year, season)[1] >= pub:
            year -= 1
        return _season_result(year, season)
    season = SEASONS[word]
    if word == "vår" and pre in ("i", "til", "till"):
        follower = re.match(r"\s*(\w+)", ctx.text[m.end():])
        if follower and follower.group(1).lower() not in SEASON_FOLLOWERS:
            return None
    if pre in ("i fjor", "i fjol"):
        return _season_result(pub.year - 1, season)
    if pre in ("neste", "nästa", "kommende", "kommande", "til", "till"):
        year = pub.year - 1
        while season_interval(year, season)[0] <= pub:
            year += 1
        return _season_result(year, season)
    if pre in ("forrige", "förra", "sist", "siste"):
        year = pub.year + 1
        while season_interval(year, season)[1] >= pub:
            year -= 1
        return _season_result(year, season)
    # `i høst`, `i vår`, `i sommer`: the publication year; `i vinter`: the winter around it
    if season != "winter":
        return _season_result(pub.year, season)
    current_year, current = season_containing(pub)
    if current == "winter":
        return _season_result(current_year, "winter")
    if ctx.tense(m) == "past":
        return _season_result(pub.year, "winter")
    return _season_result(pub.year + 1, "winter")


def _month_result(year: int, month: int, part: str | None) -> Resolved:
    begin, end = datetime.date(year, month, 1), month_end(year, month)
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


def _month_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _month_result(int(m["y"]), MONTHS[m["m"].lower()], m["part"])


def _month_alone(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    month = MONTHS[m["m"].lower()]
    pub = ctx.published
    if ctx.tense(m) == "past":
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        year = pub.year if month >= pub.month else pub.year + 1
    return _month_result(year, month, m["part"] or m["part2"])


def _year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    year = int(m["y"])
    follower = re.match(r"\s+(\w+)", ctx.text[m.end():])
    if follower:
        word = follower.group(1)
        if word.lower() in COUNT_FOLLOWERS:
            return None
        plural = word.islower() and word.endswith(("er", "ar", "or")) and word not in YEAR_FOLLOWERS
        if plural and not 1900 <= year <= 2099:
            return None
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year)


def _year_relative(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    year = relative_year(m.group(), ctx.published)
    if year is None:
        return None
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year)


_WD_PREFIX = rf"(?:(?P<wd>(?:{WEEKDAY})(?:en)?),?\s+(?:den\s+)?|den\s+)?"
PATTERNS: list[tuple[re.Pattern[str], _Handler, bool]] = [
    # (pattern, handler, may carry a clock time)
    (re.compile(
        rf"\b{_WD_PREFIX}(?<![\d.,])(?P<d>[0-3]?\d)\.?(?:\s*[-–]\s*(?P<d2>[0-3]?\d)\.?)?\s*"
        rf"(?P<m>{MONTH_ANY})\b\.?"
        rf"(?:\s+(?P<y>{YEAR})(?![\d.,]\d)|\s+(?P<rel>i\s+år|i\s+fjor|i\s+fjol|neste\s+år"
        rf"|nästa\s+år))?\b", FLAGS), _day_month, True),
    (re.compile(rf"\b{_WD_PREFIX}(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{YEAR})"
                r"(?![\d])", FLAGS), _numeric, True),
    (re.compile(rf"\b{_WD_PREFIX}(?<![\d-])(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])",
                FLAGS), _numeric, True),
    (re.compile(rf"\b(?:(?P<wd>(?:{WEEKDAY})(?:en)?)\s+(?:den\s+)?|den\s+)"
                rf"(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:[\s-](?P<y>{YEAR}))?(?![\d/])", FLAGS),
     _slash, True),
    (re.compile(r"\b(?:i\s*dag|i\s*kveld|i\s*kväll|i\s+morges|i\s*morse|i\s*morgen|i\s*morgon"
                r"|i\s*går|i\s+forgårs|i\s*förrgår|i\s+overmorgen|i\s+övermorgon)\b", FLAGS),
     _relative_day, True),
    (re.compile(rf"\b(?:i\s+(?P<past>(?:{WEEKDAY})s)"
                rf"|(?:(?P<pre>på|nå\s+på|nu\s+på|neste|nästa|kommende|kommande|forrige|förra"
                rf"|sist|siste|sista)\s+)?(?P<wd>(?:{WEEKDAY})(?:en)?))\b", FLAGS),
     _weekday_relative, True),
    (re.compile(rf"\b(?:uke|veke|vecka|v\.)\s*(?P<n>[1-5]?\d)\b"
                rf"(?:(?:,\s*|\s+i\s+|\s+)(?P<y>{YEAR})\b)?", FLAGS), _week, False),
    (re.compile(r"\b(?:(?:i|om)\s+)?(?P<rel>neste|nästa|denne|denna|forrige|förra|kommende"
                r"|kommande)\s+(?:uke|veke|vecka|uken|veka|veckan|veken)\b"
                r"|\b(?P<rel2>den\s+här)\s+veckan\b", FLAGS),
     _week_relative, False),
    (re.compile(rf"\b(?P<s>{alternation(s for s in SEASONS if s.endswith(('en', 'n')))})"
                rf"\s+(?P<y>{YEAR})\b", FLAGS), _season_year, False),
    (re.compile(rf"\b(?:(?P<pre>i\s+fjor|i\s+fjol|i|til|till|neste|nästa|kommende|kommande"
                rf"|forrige|förra|sist|siste)\s+)(?P<s>{alternation(SEASONS)}"
                rf"|{alternation(PAST_SEASONS)})\b", FLAGS), _season_relative, False),
    (re.compile(rf"\b(?:(?:{PREP})\s+)?(?:(?:i|på|mot)\s+)?(?:(?P<part>{PART})\s+av\s+)?"
                rf"(?P<m>{MONTH_CAP})\s+(?P<y>{YEAR})\b", FLAGS), _month_year, False),
    (re.compile(rf"\b(?:(?:{PREP})\s+(?:(?P<part>{PART})\s+av\s+)?"
                rf"|(?:(?:i|på|mot)\s+)?(?P<part2>{PART})\s+av\s+)(?P<m>{MONTH})\b(?!\.?\s*\d)",
                FLAGS), _month_alone, False),
    (re.compile(rf"\b(?:{PREP}|år|året|gjennom|genom)\s+(?P<y>{YEAR})\b(?![.,]\d)(?!\s*[-–]\d)",
                FLAGS), _year, False),
    (re.compile(r"\b(?:i\s+år|i\s+fjor|i\s+fjol|neste\s+år|nästa\s+år|forrige\s+år"
                r"|förra\s+året)\b", FLAGS), _year_relative, False),
]


def with_time(text: str, end: int, resolved: Resolved) -> tuple[int, Resolved]:
    m = TIME_RE.match(text, end)
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

