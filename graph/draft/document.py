"""The document a drafter reads: the text split once into header, language, sentences and
tokens, and the mentions that recognisers find in it.

Examples
--------
>>> doc = Document.of("Ny leder i Fjellbyen\\nAv Kari Li, 9. januar 2024\\nHun begynner nå.")
>>> doc.title, doc.author, doc.published, doc.lang
('Ny leder i Fjellbyen', 'Kari Li', '2024-01-09', 'nb')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .text import Sentence, detect_language, parse_header, sentences

__all__ = ["Document", "Mention", "Recogniser"]


@dataclass
class Mention:
    """A stretch of text that names something.

    Attributes
    ----------
    kind : str
        ``person`` or ``organisation``.
    start, end : int
        Code-point offsets (end exclusive).
    name : str
        The base form of the name (a genitive -s removed).
    rule : str
        The rule or recogniser that found it.
    confidence : float
        How sure the rule is, 0..1.
    org_kind : str
        For organisations: the kind (``company``, ``municipality``...).
    """

    kind: str
    start: int
    end: int
    name: str
    rule: str
    confidence: float
    org_kind: str = ""


@dataclass
class Document:
    """A text to draft from, split once: language, header, sentences, tokens."""

    text: str
    lang: str
    sentences: list[Sentence]
    body_start: int = 0
    title: str = ""
    author: str = ""
    published: str = ""
    kind: str = "news-article"
    lowercase_words: set[str] = field(default_factory=set)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, lang: str = "auto", published: str | None = None) -> Document:
        """Split ``text``: header (when line 2 is a byline), language, sentences."""
        header = parse_header(text) if "\n" in text else None
        body_start = header.body_start if header and (header.author or header.published) else 0
        language = detect_language(text) if lang == "auto" else lang
        sents = sentences(text, 0)
        lower = {m.group() for m in re.finditer(r"\b[a-zæøåäöéü]\w*", text)}
        quoted = [(m.start(), m.end()) for m in re.finditer(r"«[^»\n]*»|”[^”\n]*”|\"[^\"\n]*\"", text)]
        return cls(
            text, language, sents, body_start,
            header.title if header else "",
            header.author if header else "",
            published or (header.published if header else ""),
            header.kind if header else "news-article",
            lower, quoted, {s.tokens[0].start for s in sents},
        )

    def in_title_quotes(self, start: int) -> bool:
        """True when ``start`` lies inside a quoted title («…», ”…”)."""
        return any(a < start < b for a, b in self.quoted)


class Recogniser(Protocol):
    """Anything that finds mentions in a document."""

    def __call__(self, doc: Document) -> list[Mention]: ...
