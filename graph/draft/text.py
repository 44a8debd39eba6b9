"""Text basics for the drafter: tokens and sentences with code-point offsets, the language
(bokmål or Swedish), and the headline and byline of an article.

Examples
--------
>>> [t.text for t in tokenize("Kari Nordmann (44) er VD:n.")]
['Kari', 'Nordmann', '(', '44', ')', 'er', 'VD:n', '.']
>>> detect_language("Hon säger att företaget inte är klart och att det blir bättre.")
'sv'
>>> detect_language("Hun sier at selskapet ikke er klart, og at det blir bedre.")
'nb'
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = [
    "Header", "Sentence", "Token", "detect_language", "parse_header", "sentences", "tokenize",
]

_TOKEN = re.compile(r"\w+(?:[-’'.]\w+)*(?::[a-zA-Z]{1,2}\b)?-?|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word or a punctuation mark, with its offsets in the text (end exclusive)."""

    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        """True when the token starts with an upper-case letter."""
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text``; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Sentence:
    """A sentence: its offsets, tokens, and the paragraph it belongs to (0-based)."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int


_ABBREV = {"kl", "dr", "nr", "ca", "bl", "mfl", "jf", "jfr", "st", "adm", "dir", "prof", "ev", "t", "o", "m", "s", "f"}


def sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split ``text[start:]`` into sentences (never across a line break).

    Examples
    --------
    >>> [s.tokens[0].text for s in sentences("Det kom J. Lidén. Hun talte kl. 10.\\nNy linje")]
    ['Det', 'Hun', 'Ny']
    """
    out: list[Sentence] = []
    para = 0
    pos = start
    for line in re.finditer(r"[^\n]+|\n", text[start:]):
        chunk = line.group()
        if chunk == "\n":
            if text[start + line.start() - 1 : start + line.start()] == "\n":
                para += 1
            continue
        base = start + line.start()
        toks = tokenize(chunk, base)
        cur: list[Token] = []
        for i, tok in enumerate(toks):
            cur.append(tok)
            if tok.text in ".!?" and i + 1 < len(toks):
                prev = toks[i - 1].text if i else ""
                nxt = toks[i + 1]
                initial = len(prev) == 1 and prev.isupper()
                if (
                    not initial
                    and prev.lower() not in _ABBREV
                    and (nxt.cap or nxt.text in "–-—«\"”")
                ):
                    out.append(Sentence(cur[0].start, tok.end, tuple(cur), para))
                    cur = []
        if cur:
            out.append(Sentence(cur[0].start, cur[-1].end, tuple(cur), para))
        pos = base + len(chunk)
    del pos
    return out


_NB = {"og", "ikke", "jeg", "hun", "sier", "ble", "også", "ved", "til", "av", "kommune", "har",
       "skal", "etter", "fra", "mye", "nå", "bare", "hvordan", "hadde", "blir", "vært", "dette"}
_SV = {"och", "inte", "jag", "hon", "säger", "blev", "också", "vid", "till", "av", "kommun",
       "har", "ska", "efter", "från", "mycket", "nu", "bara", "hur", "hade", "blir", "varit", "detta"}


def detect_language(text: str) -> str:
    """``nb`` or ``sv``, by function words and the letters æ/ø against ä/ö."""
    words = re.findall(r"\w+", text.lower())
    nb = sum(w in _NB and w not in _SV for w in words) + 2 * len(re.findall(r"[æø]", text.lower()))
    sv = sum(w in _SV and w not in _NB for w in words) + 2 * len(re.findall(r"[äö]", text.lower()))
    return "sv" if sv > nb else "nb"


_MONTHS = {
    "januar": 1, "januari": 1, "jan": 1, "februar": 2, "februari": 2, "feb": 2, "mars": 3,
    "mar": 3, "april": 4, "apr": 4, "mai": 5, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: (m[1], m[2], m[3])),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), lambda m: (m[3], m[2], m[1])),
    (re.compile(r"\b(\d{1,2})\.? ([a-zæøåäö]+)\.? (\d{4})\b", re.I), lambda m: (m[3], m[2], m[1])),
)
_BYLINE_WORDS = re.compile(
    r"\b(?:av|tekst|skrevet av|skriven av|publisert|publicerad|oppdatert|uppdaterad|foto|kl\.?"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|fredag|lördag|söndag)\b"
    r"[:.]?",
    re.I,
)


@dataclass(frozen=True)
class Header:
    """What the first two lines say: headline, byline author and date, the kind of source."""

    title: str = ""
    author: str = ""
    author_span: tuple[int, int] | None = None
    published: str = ""
    kind: str = "news-article"
    body_start: int = 0


def _date(text: str) -> tuple[str, tuple[int, int]] | None:
    for rx, parts in _DATE_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        y, mo, d = parts(m)
        month = int(mo) if mo.isdigit() else _MONTHS.get(mo.lower().rstrip("."))
        if not month:
            continue
        try:
            return _dt.date(int(y), month, int(d)).isoformat(), m.span()
        except ValueError:
            continue
    return None


def parse_header(text: str) -> Header:
    """The headline (line 1) and, when line 2 is a byline, its author and date.

    Examples
    --------
    >>> h = parse_header("Ny sjef i Testby\\nAv Kari Nordmann | 03.02.2021\\n\\nBrødtekst.")
    >>> h.title, h.author, h.published
    ('Ny sjef i Testby', 'Kari Nordmann', '2021-02-03')
    >>> parse_header("Inbjudan: mingel\\n2020-05-04 | PER OLSSON\\n\\nText.").author
    'Per Olsson'
    """
    lines = text.split("\n")
    title = lines[0].strip()
    kind = "news-article"
    low = title.lower()
    if low.startswith(("pressmeddelande", "pressemelding")):
        kind = "press-release"
    elif low.startswith(("inbjudan", "invitasjon", "invitation")):
        kind = "event-notice"
    if len(lines) < 2 or not lines[1].strip() or len(lines[1]) > 160:
        return Header(title=title, kind=kind, body_start=len(lines[0]) + 1)
    line2 = lines[1]
    start2 = len(lines[0]) + 1
    found = _date(line2)
    published = found[0] if found else ""
    masked = line2
    if found:
        a, b = found[1]
        masked = line2[:a] + " " * (b - a) + line2[b:]
    masked = _BYLINE_WORDS.sub(lambda m: " " * len(m.group()), masked)
    masked = re.sub(r"\d+[.:]\d+|\d+", lambda m: " " * len(m.group()), masked)
    from .gazetteer import gazetteers

    places = gazetteers().places
    author, span = "", None
    for m in re.finditer(r"[^|·/,–—:]+", masked):
        seg = m.group().strip()
        words = seg.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and seg not in places:
            lead = len(m.group()) - len(m.group().lstrip())
            s = start2 + m.start() + lead
            span = (s, s + len(seg))
            author = " ".join(
                "-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w for w in words
            )
            break
    if not published and not author:
        return Header(title=title, kind=kind, body_start=start2)
    return Header(title, author, span, published, kind, start2 + len(line2) + 1)
