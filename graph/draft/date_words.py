"""The words and arithmetic of dates in Norwegian and Swedish: months, weekdays, seasons,
markers of tense, the regular-expression pieces the date patterns are built of, intervals of
days, and the tense of the sentence around a date.

Examples
--------
>>> season_interval(2024, "winter")
(datetime.date(2023, 12, 1), datetime.date(2024, 2, 29))
>>> tense_around("Seminaret ble holdt tirsdag.", 20, 27, "nb")
'past'
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable

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
COUNT_FOLLOWERS = frozenset(
    "kroner kronor kr euro dollar meter kilometer km mil tonn ton liter kilo gram hektar dekar "
    "prosent procent personer mennesker människor deltakere deltagare besøkende besökare "
    "ansatte anställda medarbeidere medarbetare innbyggere invånare husstander hushåll "
    "kommuner bedrifter företag selskaper bolag arbeidsplasser arbetstillfällen jobber boliger "
    "bostäder studenter elever barn søkere sökande medlemmer medlemmar plasser platser timer "
    "timmar minutter minuter dager dagar uker veckor måneder månader år land länder".split()
)
# words ending like a plural noun that still follow a year (`i 1856 var`, `i 1920 etter`)
YEAR_FOLLOWERS = frozenset(
    "etter efter under over der där her här har var er når när før for eller mer fler "
    "senere senare tidigare tidligere sier säger blir får gir ger går kommer".split()
)
# a word after `i vår` that shows `vår` is the possessive "our", not the season
SEASON_FOLLOWERS = frozenset(
    "og och men da då der där når när som i på til till med for för av fra från om ble blev "
    "var er är skal ska vil kommer har hadde hade blir kan".split()
)
REPEATERS = frozenset("hver hvert varje alle alla annenhver varannan hverandre".split())


def alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = f"(?-i:{alternation(MONTHS)})"
MONTH_CAP = f"(?-i:{alternation(MONTHS)}|{alternation(m.capitalize() for m in MONTHS)})"
MONTH_ANY = f"(?-i:{alternation(list(MONTHS) + list(MONTH_ABBREVIATIONS))})"
WEEKDAY = alternation(WEEKDAYS)
YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
PART = r"(?:slutten|begynnelsen|starten|midten|slutet|början|mitten|løpet)"
PREP = (r"(?:i|fra|från|frå|til|till|innen|inntil|under|siden|sedan|før|före|etter|efter"
         r"|fram\s+til|frem\s+til|fram\s+till)")
FLAGS = re.IGNORECASE

TIME_RE = re.compile(
    r",?\s+(?:(?:fra|från|frå)\s+)?(?:kl\.?|klokka|klokken|klockan)\s*"
    r"(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?(?!\d)"
    r"(?:\s*(?:[-–]|til|till)\s*(?:(?:kl\.?|klokka|klokken|klockan)\s*)?"
    r"(?P<h2>\d{1,2})(?:[.:](?P<mi2>\d{2}))?(?!\d))?",
    FLAGS,
)


# ---------------------------------------------------------------------------------------------
# Intervals


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def season_interval(year: int, season: str) -> tuple[datetime.date, datetime.date]:
    first, last = SEASON_MONTHS[season]
    if season == "winter":
        return datetime.date(year - 1, 12, 1), month_end(year, 2)
    return datetime.date(year, first, 1), month_end(year, last)


def season_containing(day: datetime.date) -> tuple[int, str]:
    if day.month == 12:
        return day.year + 1, "winter"
    for season, (first, last) in SEASON_MONTHS.items():
        if season != "winter" and first <= day.month <= last:
            return day.year, season
    return day.year, "winter"


def iso_week_interval(year: int, week: int) -> tuple[datetime.date, datetime.date] | None:
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + datetime.timedelta(days=6)


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Tense


SENTENCE_END = re.compile(r"[.!?…](?=\s+[^\s\da-zæøåäöü])|\n")
WORD = re.compile(r"\w+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in SENTENCE_END.finditer(text, max(0, start - 600), start):
        lo = m.end()
    m2 = SENTENCE_END.search(text, end)
    hi = m2.start() if m2 else len(text)
    return lo, hi


def tense_around(text: str, start: int, end: int, lang: str) -> str | None:
    """``"past"``, ``"future"`` or None for the sentence around ``text[start:end]``.

    >>> tense_around("Seminaret ble holdt tirsdag.", 20, 27, "nb")
    'past'
    >>> tense_around("Seminaret holdes tirsdag.", 17, 24, "nb") is None
    False
    """
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for m in WORD.finditer(text, lo, hi):
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


def nearest(candidates: list[datetime.date], published: datetime.date,
             tense: str | None) -> datetime.date:
    if tense == "past":
        before = [d for d in candidates if d <= published]
        return max(before) if before else min(candidates)
    after = [d for d in candidates if d >= published]
    return min(after) if after else max(candidates)


def weekday_after(published: datetime.date, weekday: int) -> datetime.date:
    delta = (weekday - published.weekday()) % 7 or 7
    return published + datetime.timedelta(days=delta)


def weekday_before(published: datetime.date, weekday: int) -> datetime.date:
    delta = (published.weekday() - weekday) % 7 or 7
    return published - datetime.timedelta(days=delta)


def relative_year(words: str, published: datetime.date) -> int | None:
    w = " ".join(words.lower().split())
    if w in ("i år", "i år,"):
        return published.year
    if w in ("neste år", "nästa år", "næste år"):
        return published.year + 1
    if w in ("i fjor", "i fjol", "forrige år", "förra året", "i fjord"):
        return published.year - 1
    return None


def weekday_key(word: str) -> int | None:
    w = word.lower()
    if w in WEEKDAYS:
        return WEEKDAYS[w]
    if w.endswith("en") and w[:-2] in WEEKDAYS:
        return WEEKDAYS[w[:-2]]
    if w.endswith("s") and w[:-1] in WEEKDAYS:
        return WEEKDAYS[w[:-1]]
    return None


def day_label(begin: datetime.date, end: datetime.date) -> str:
    return begin.isoformat() if begin == end else f"{begin.isoformat()}/{end.isoformat()}"

