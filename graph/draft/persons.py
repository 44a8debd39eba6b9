"""Persons named in a sentence: by the given-name gazetteer, initials, and context.

Examples
--------
>>> doc = Document.of("Styreleder Ola Nordmann og K. Berg var der.")
>>> [(m.name, m.rule) for m in find_persons(doc, doc.sentences[0].tokens)]
[('Ola Nordmann', 'person:given-name-gazetteer'), ('K. Berg', 'person:initial-surname')]
"""

from __future__ import annotations

import re

from .document import Document, Mention
from .gazetteer import gazetteers
from .lexicon import FUNCTION_WORDS, STREET_WORDS, event_noun
from .names import NAME_WORD, ORG_HEADS, PARTICLES, is_given
from .roles import role_at
from .text import Token

__all__ = ["find_persons"]

_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X{1,3}|XI{0,3})$")


def _name_word(doc: Document, tok: Token, first_in_sentence: bool) -> bool:
    if not NAME_WORD.match(tok.text) or tok.text.lower() in FUNCTION_WORDS:
        return False
    if tok.text.lower().endswith(ORG_HEADS):
        return False
    g = gazetteers()
    if tok.text in g.legal_forms or role_at([tok], 0) or event_noun(tok.text):
        return False
    return not (first_in_sentence and tok.text.lower() in doc.lowercase_words)

def find_persons(doc: Document, toks: tuple[Token, ...]) -> list[Mention]:
    """The persons named in one sentence: a given name of the gazetteer and name words after it,
    an initial and a surname, or name words in the context of a person (after a verb of saying,
    before «, som», an age or after a role word)."""
    g = gazetteers()
    out: list[Mention | None] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        given = is_given(tok.text)
        initial = (
            len(tok.text) == 1 and tok.text.isupper() and i + 2 < len(toks)
            and toks[i + 1].text == "." and toks[i + 1].start == tok.end
        )
        if initial:
            surname = toks[i + 2]
            if _name_word(doc, surname, False) and not is_given(surname.text):
                out.append(_person(doc, toks, i, i + 3, "person:initial-surname", 0.8))
                i += 3
                continue
        if given and not doc.in_title_quotes(tok.start):
            j = i + 1
            while j < len(toks) and j - i < 5 and toks[j].start - toks[j - 1].end == 1 and (
                _name_word(doc, toks[j], j == 0) or (
                    toks[j].text in PARTICLES and j + 1 < len(toks)
                    and _name_word(doc, toks[j + 1], False)
                )
            ):
                j += 1
            if j > i + 1:
                m = _person(doc, toks, i, j, "person:given-name-gazetteer", 0.95)
                if m:
                    out.append(m)
                i = j
                continue
        # unknown given name: two or three name words after a verb of saying, or before
        # «, som er» / «(44)»
        if tok.cap and not doc.in_title_quotes(tok.start):
            k = i
            while k < len(toks) and k - i < 3 and _name_word(doc, toks[k], k == 0) \
                    and toks[k].text not in g.places:
                k += 1
            prev = toks[i - 1].text.lower() if i else ""
            after = [t.text.lower() for t in toks[k: k + 3]]
            if k - i >= 2 and (
                prev in ("sier", "säger", "sa", "sade", "seier", "ifølge", "enligt")
                or after[:2] == [",", "som"]
                or (len(after) == 3 and after[0] == "(" and after[1].isdigit() and after[2] == ")")
            ):
                m = _person(doc, toks, i, k, "person:context", 0.75)
                if m:
                    out.append(m)
                i = k
                continue
        # unknown given name: two or three name words right after a role word
        r = role_at(toks, i)
        if r and not r[3]:
            j = k = i + r[2]
            while k < len(toks) and k - j < 3 and _name_word(doc, toks[k], False) \
                    and toks[k].text not in g.places:
                k += 1
            if k - j >= 2 and not is_given(toks[j].text):
                m = _person(doc, toks, j, k, "person:after-role", 0.75)
                if m:
                    out.append(m)
                i = k
                continue
        i += 1
    return [m for m in out if m]

def _person(doc: Document, toks: tuple[Token, ...], i: int, j: int, rule: str,
            conf: float) -> Mention | None:
    nxt = toks[j].text if j < len(toks) else ""
    if _ROMAN.match(nxt) or nxt.lower() in STREET_WORDS:
        return None
    start, end = toks[i].start, toks[j - 1].end
    name = doc.text[start:end]
    last = toks[j - 1].text
    if last.endswith("s") and not last.endswith(("ss", "son", "sen", "ns")) and nxt[:1].islower() \
            and len(last) > 3 and nxt not in FUNCTION_WORDS:
        name = name[:-1]
    return Mention("person", start, end, name, rule, conf)
