"""Quotations in Norwegian and Swedish news text and who is quoted.

:func:`find_quotes` finds two kinds of quotation:

* **dash paragraphs**, the Nordic news convention: a paragraph that starts with ``–``, ``—`` or
  ``-`` and names its speaker with a speech verb (``sier``, ``sa``, ``forteller``, ``mener``,
  ``understreker``, ``poengterer``, ``säger``, ``berättar``, ``menar``, ``konstaterar`` …)
  followed by the speaker: a name (``sier Terje Omdal``), a role and a name (``sier styreleder
  Terje Omdal``, ``kommenterer rådmann i Eksempel kommune, Kari Li``), a surname (``sa Omdal``)
  or a pronoun (``sier hun``, ``säger han``). The attribution may close the paragraph, or sit in
  its middle with more quoted sentences after it. A dash paragraph without a speech verb that
  directly follows a quotation and reads as prose (at least three words and a closing ``.``,
  ``!`` or ``?``) continues the previous speaker. A dash line without a verb anywhere else — a
  subheading, a list item — is not a quotation.
* **quotation marks**: ``«…»``, ``”…”`` or ``"…"`` followed by a speech verb and a speaker
  (``«Vi er klare», sier hun.``).

The quoted passage's span covers the quoted words, without the dash, the quotation marks and
the attribution at the end; when the attribution sits in the middle of a paragraph, the span runs
to the end of the paragraph. Resolving a pronoun to a person is left to the caller, which knows
the persons of the text.

Examples
--------
>>> q = find_quotes("– Vi er klare for neste steg, sier daglig leder Kari Nilsen.", "nb")[0]
>>> q.speaker, q.role_words, q.pronoun
('Kari Nilsen', 'daglig leder', None)
>>> "– Vi er klare for neste steg, sier daglig leder Kari Nilsen."[q.start:q.end]
'Vi er klare for neste steg'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InputError

__all__ = ["QuoteMention", "find_quotes"]

LANGS = ("nb", "nn", "no", "sv", "auto")


@dataclass(frozen=True)
class QuoteMention:
    """One quotation and its speaker as written.

    Attributes
    ----------
    start, end : int
        The code-point span of the quoted passage, end exclusive.
    speaker_start, speaker_end : int or None
        The span of the speaker phrase (the name, or the pronoun), None for a paragraph that
        continues the previous speaker without naming them.
    speaker : str or None
        The name as written (``"Terje Omdal"``, ``"Aasen Tveit"``); for a continuation, the
        previous quotation's speaker; None when the speaker is a pronoun.
    pronoun : str or None
        The pronoun (``"hun"``, ``"han"``, ``"hon"``, ``"de"`` …) when the speaker is one.
    role_words : str or None
        A role written before the name (``"styreleder"``, ``"Fiberdalens verksamhetsledare"``).
    """

    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None
    pronoun: str | None
    role_words: str | None


SPEECH_VERBS = (
    # bokmål and nynorsk
    "sier seier sa sa til forteller fortel fortalte mener meiner mente understreker "
    "understrekar understreket poengterer poengterte påpeker påpekte kommenterer kommenterte "
    "supplerer supplerte legger til la til fastslår slår fast konstaterer konstaterte "
    "forklarer forklarte uttaler uttalte svarer svarte spør spurte fremholder framholder "
    "avslutter avsluttet innrømmer medgir erkjenner presiserer presiserte fortsetter opplyser "
    "oppsummerer utdyper utdypet argumenterer advarer tror trodde minner om "
    # svenska
    "säger sade berättar berättade menar menade understryker underströk poängterar poängterade "
    "påpekar påpekade kommenterar kommenterade konstaterar konstaterade förklarar förklarade "
    "svarar svarade frågar frågade fortsätter tillägger lägger till betonar betonade "
    "framhåller avslutar medger uppger uppgav sammanfattar"
).split()
_MULTI_WORD_VERBS = ("legger til", "la til", "slår fast", "minner om", "lägger till")
PRONOUNS = frozenset("han hun ho hon hen de dei dom".split())
PREPOSITIONS = frozenset("i ved på hos vid för for fra från frå til till av med om under hjå".split())
# lower-case words that cannot be part of a role phrase before a name
FUNCTION_WORDS = frozenset(
    "at att det den dette detta som og och eller ikke inte også också nok bare bara selv själv "
    "så da då når när om hvis ifall men at alle alla mange många noen några vi jeg jag du dere "
    "ni man en ett et ei er är var blir blev har hade hadde kan vil ska skal".split()
)
ROLE_ABBREVIATIONS = frozenset("VD VD:n CEO CFO CTO COO".split())
LEGAL_FORMS = frozenset("AS ASA AB SA ANS BA DA KS HB KB".split())
NAME_PARTICLES = frozenset("von van der de af la du".split())

_verb_words = sorted({v for v in SPEECH_VERBS} | set(_MULTI_WORD_VERBS), key=len, reverse=True)
_VERB = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in _verb_words)
_ATTRIBUTION = re.compile(rf"(?P<punct>[,?!…–—])\s+(?P<verb>{_VERB})\s+(?=\S)")
_MARKED = re.compile(
    rf"(?P<open>[«”\"])(?P<quote>[^«»”\"\n]{{2,}}?)(?P<close>[»”\"])\s*,?\s+(?P<verb>{_VERB})\s+"
)
_DASH = re.compile(r"[–—-]\s+")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]|:(?=\w))*")
_WORD_COUNT = re.compile(r"\w+")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str

    @property
    def capital(self) -> bool:
        return self.word[0].isupper() and self.word not in ROLE_ABBREVIATIONS

    @property
    def lower(self) -> bool:
        return self.word[0].islower()


def _segment(text: str, pos: int, limit: int) -> tuple[list[_Token], int]:
    """The tokens from `pos` up to the first punctuation mark; and where the segment stops.

    A single capital letter followed by a full stop (an initial, ``J. Lidén``) does not stop it.
    """
    tokens: list[_Token] = []
    i = pos
    while i < limit and len(tokens) < 12:
        m = _TOKEN.match(text, i)
        if m is None:
            break
        end = m.end()
        if end < limit and text[end] == "." and len(m.group()) == 1 and m.group().isupper():
            end += 1
        tokens.append(_Token(m.start(), end, text[m.start():end]))
        j = end
        while j < limit and text[j] in " \t":
            j += 1
        if j == end or j >= limit:
            return tokens, j
        i = j
    return tokens, i


def _name_run(tokens: list[_Token], index: int) -> int:
    """The index after the run of name tokens that starts at `index`."""
    j = index
    while j < len(tokens):
        tok = tokens[j]
        if tok.capital and tok.word not in LEGAL_FORMS:
            j += 1
        elif (tok.word in NAME_PARTICLES and j + 1 < len(tokens) and tokens[j + 1].capital
              and j > index):
            j += 1
        else:
            break
    return j


_Speaker = tuple[int, int, str | None, str | None, str | None]


def _speaker(text: str, pos: int, limit: int) -> _Speaker | None:
    """Parse the speaker phrase that starts at `pos` (right after a speech verb).

    Returns ``(start, end, name, pronoun, role_words)`` or None when no speaker follows.
    """
    tokens, stop = _segment(text, pos, limit)
    if not tokens:
        return None
    first = tokens[0]
    if first.word in PRONOUNS:
        return first.start, first.end, None, first.word, None
    if first.capital:
        run = _name_run(tokens, 0)
        genitive = (run < len(tokens) and tokens[run - 1].word.endswith("s") and tokens[run].lower
                    and tokens[run].word not in PREPOSITIONS
                    and tokens[run].word not in FUNCTION_WORDS)
        if not genitive:
            return first.start, tokens[run - 1].end, text[first.start:tokens[run - 1].end], None, None
    elif first.word in FUNCTION_WORDS or first.word in PREPOSITIONS:
        return None
    # a role phrase, then the name
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        prev = tokens[index - 1] if index else None
        if tok.capital and prev is not None and prev.lower and prev.word not in PREPOSITIONS:
            run = _name_run(tokens, index)
            if run == len(tokens) or not tokens[run].capital:
                role = text[tokens[0].start:prev.end]
                return tok.start, tokens[run - 1].end, text[tok.start:tokens[run - 1].end], None, role
        if tok.lower and tok.word in FUNCTION_WORDS:
            return None
        index += 1
    # `ROLE i ORG, NAME`
    if stop < limit and text[stop] == ",":
        after = stop + 1
        while after < limit and text[after] in " \t":
            after += 1
        rest, _ = _segment(text, after, limit)
        if rest and rest[0].capital:
            run = _name_run(rest, 0)
            role = text[tokens[0].start:tokens[-1].end]
            return (rest[0].start, rest[run - 1].end, text[rest[0].start:rest[run - 1].end], None,
                    role)
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = offset + len(body) - len(body.lstrip())
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


def _prose(text: str) -> bool:
    return len(_WORD_COUNT.findall(text)) >= 3 and text.rstrip("»”\"’) ").endswith((".", "!", "?", "…"))


def _attribution(text: str, start: int, end: int) -> tuple[re.Match[str], _Speaker] | None:
    for m in _ATTRIBUTION.finditer(text, start, end):
        speaker = _speaker(text, m.end(), end)
        if speaker is not None:
            return m, speaker
    return None


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise InputError(
            f"unknown language {lang!r}: give one of {', '.join(LANGS)} "
            "(nb and nn for Norwegian, sv for Swedish, auto for either)"
        )


def find_quotes(text: str, lang: str) -> list[QuoteMention]:
    """Find the quotations in `text` with their speakers.

    Parameters
    ----------
    text : str
        The source text; paragraphs are its non-empty lines.
    lang : str
        ``"nb"``, ``"nn"``, ``"no"``, ``"sv"`` or ``"auto"``; the speech verbs of both languages
        are recognised in every case.

    Returns
    -------
    list of QuoteMention
        Sorted by start.

    Raises
    ------
    graph.errors.InputError
        An unknown `lang`.

    Examples
    --------
    >>> text = "– Det här blir bra, säger hon.\\n\\n– Vi börjar i maj.\\n"
    >>> [(q.pronoun, q.speaker_start) for q in find_quotes(text, "sv")]
    [('hon', 26), ('hon', None)]
    >>> find_quotes("Program:\\n- kaffe\\n- innlegg\\n", "nb")
    []
    """
    _check_lang(lang)
    found: list[QuoteMention] = []
    previous: QuoteMention | None = None
    for p_start, p_end in _paragraphs(text):
        dash = _DASH.match(text, p_start, p_end)
        if dash is None:
            previous = None
            for m in _MARKED.finditer(text, p_start, p_end):
                speaker = _speaker(text, m.end(), p_end)
                if speaker is None:
                    continue
                s_start, s_end, name, pronoun, role = speaker
                found.append(QuoteMention(m.start("quote"), m.end("quote"), s_start, s_end, name,
                                          pronoun, role))
            continue
        q_start = dash.end()
        attributed = _attribution(text, q_start, p_end)
        if attributed is None:
            if previous is not None and _prose(text[q_start:p_end]):
                quote = QuoteMention(q_start, p_end, None, None, previous.speaker,
                                     previous.pronoun, previous.role_words)
                found.append(quote)
                previous = quote
            else:
                previous = None
            continue
        m, (s_start, s_end, name, pronoun, role) = attributed
        q_end = m.start() + (1 if m["punct"] in "?!…" else 0)
        after = re.search(r"[.!?]\s+|$", text[s_end:p_end])
        rest = text[s_end + after.end():p_end].strip() if after else ""
        if rest and rest not in ".":
            q_end = p_end
        quote = QuoteMention(q_start, q_end, s_start, s_end, name, pronoun, role)
        found.append(quote)
        previous = quote
    return sorted(found, key=lambda q: q.start)
