"""Role words and phrases: ``daglig leder``, ``VD:n``, ``kvalitetssjef``, mapped to the concepts
of the role scheme (``graph/draft/data/roles.tsv``).

Examples
--------
>>> from graph.draft.text import tokenize
>>> role_at(tokenize("regional utviklingsdirektør"), 0)
('regional utviklingsdirektør', 'director', 2, False)
"""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import gazetteers
from .text import Token

__all__ = ["ROLE_ADJECTIVES", "role_at"]

_ROLE_SUFFIXES = (
    ("direktør", "director"), ("direktör", "director"), ("rådgiver", "adviser"),
    ("rådgivare", "adviser"), ("forsker", "researcher"), ("forskare", "researcher"),
    ("utvikler", "business-developer"), ("utvecklare", "business-developer"),
    ("koordinator", "coordinator"), ("sjef", "leader"), ("chef", "leader"),
    ("ledare", "leader"), ("leder", "leader"), ("professor", "professor"),
    ("ansvarlig", "leader"), ("ansvarig", "leader"), ("ordförande", "chair"),
    ("ordfører", "mayor"), ("biolog", "professional"), ("ingeniør", "professional"),
    ("ingenjör", "professional"), ("analytiker", "professional"), ("økonom", "professional"),
    ("ekonom", "professional"), ("konsulent", "professional"), ("arkitekt", "professional"),
)
_NOT_ROLES = frozenset(
    "gründerne ledere forskere chefer sjefer forskarna ledarna innleder inleder innledere "
    "inledare".split()
)

#: Adjectives that belong to a role phrase (``regional utvecklingsdirektör``).
ROLE_ADJECTIVES = frozenset(
    "regional regionale kommunal kommunale teknisk tekniska tekniske vitenskapelig vetenskaplig "
    "administrativ administrative biträdande assisterende assisterande konstituert tillförordnad "
    "fungerende fungerande ekonomisk økonomisk adjungert adjungerad affiliert affilierad "
    "gjesteprofessor".split()
)


def role_at(tokens: tuple[Token, ...] | list[Token], i: int) -> tuple[str, str, int, bool] | None:
    """The role word or phrase starting at token ``i``: (base form, concept slug, tokens used,
    definite), else None.

    Examples
    --------
    >>> from graph.draft.text import tokenize
    >>> role_at(tokenize("daglig leder i X"), 0)
    ('daglig leder', 'chief-executive', 2, False)
    >>> role_at(tokenize("VD:n för X"), 0)
    ('VD', 'chief-executive', 1, True)
    >>> role_at(tokenize("kvalitetssjef"), 0)[:2]
    ('kvalitetssjef', 'leader')
    """
    roles = gazetteers().roles
    if i >= len(tokens):
        return None
    w = tokens[i].text
    if w.lower() in ROLE_ADJECTIVES and i + 1 < len(tokens):
        inner = role_at(tokens, i + 1)
        if inner and not inner[3] and inner[0] not in ("leder", "ledare", "sjef", "chef"):
            return f"{w.lower()} {inner[0]}", inner[1], inner[2] + 1, False
    if i + 1 < len(tokens):
        two = f"{w.lower()} {tokens[i + 1].text.lower()}"
        for phrase in (two, f"{w} {tokens[i + 1].text}"):
            if phrase in roles:
                return phrase, roles[phrase], 2, False
        if w.lower() in ("daglige", "administrerende", "verkställande") and tokens[i + 1].text.lower() in (
            "leder", "lederen", "direktør", "direktøren", "direktör", "direktören"
        ):
            base = {"daglige": "daglig leder", "administrerende": "administrerende direktør"}.get(
                w.lower(), "verkställande direktör")
            return base, roles[base], 2, True
        if two.endswith(("en", "n")) and two[: -2] in roles and two.startswith("daglig"):
            return two[:-2], roles[two[:-2]], 2, True
    return _role_word(w)


@lru_cache(maxsize=8192)
def _role_word(w: str) -> tuple[str, str, int, bool] | None:
    roles = gazetteers().roles
    if w in ("VD", "vd", "VD:n", "vd:n", "CEO"):
        return "VD", "chief-executive", 1, w.endswith(":n")
    low = w.lower()
    if low in _NOT_ROLES or not low.isalpha():
        return None
    if low in roles:
        return low, roles[low], 1, False
    for suffix in ("en", "n", "et"):
        if low.endswith(suffix) and low[: -len(suffix)] in roles and len(low) > 6:
            base = low[: -len(suffix)]
            return base, roles[base], 1, True
    for ending, slug in _ROLE_SUFFIXES:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return low, slug, 1, False
    return None
