"""Label folding and lookup: find an entity by any of its names or spellings.

Names are compared folded: case, accents and punctuation are ignored, ``&`` reads as ``og``,
and a Norwegian or Swedish genitive ``-s`` may be added (``Svinesundskomitténs`` finds
``Svinesundskomittén``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["LABEL_PROPERTIES", "LabelIndex", "Match", "fold"]

#: The properties whose values are names of a thing, in the order used to pick a display label.
LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "https://schema.org/name",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "https://schema.org/alternateName",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
)

_LANG_RANK = {"nb": 0, "no": 0, "": 0, "nn": 1, "en": 2}
_EXTRA = str.maketrans({"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Fold a name for comparison: lower case, no accents, words separated by one space.

    Examples
    --------
    >>> fold("Svinesundskomittèn")
    'svinesundskomitten'
    >>> fold("  Unni SKÅR ")
    'unni skar'
    >>> fold("Smarte byer & samfunn-avdelingen")
    'smarte byer og samfunn avdelingen'
    """
    text = text.translate(_EXTRA).replace("&", " og ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", text).strip()


def _variants(folded: str) -> list[str]:
    """The folded text, and without a genitive -s on its last word."""
    out = [folded]
    if len(folded) > 3 and folded.endswith("s"):
        out.append(folded[:-1])
    return out


@dataclass(frozen=True, order=True)
class Match:
    """One answer of :meth:`LabelIndex.find`.

    Attributes
    ----------
    iri : str
        The entity found.
    label : str
        Its display label.
    matched : str
        The name or spelling that matched the query.
    exact : bool
        True when the whole name matched (after folding), False for a match on part of a name.
    """

    iri: str
    label: str
    matched: str
    exact: bool


class LabelIndex:
    """An index from folded names to entities.

    Parameters
    ----------
    rows : iterable of (iri, property, label) or (iri, property, label, language)
        Every name of every entity, with the property that states it. The display label is
        the name of the first property of :data:`LABEL_PROPERTIES`, in Norwegian (or with no
        language tag) before English and other languages.

    Examples
    --------
    >>> index = LabelIndex([
    ...     ("ex:c", "https://schema.org/name", "Svinesundskomittén"),
    ...     ("ex:p", "https://schema.org/name", "Unni Skår"),
    ... ])
    >>> [m.iri for m in index.find("Svinesundskomitténs")]
    ['ex:c']
    >>> [m.label for m in index.find("skar")]
    ['Unni Skår']
    """

    def __init__(self, rows: Iterable[tuple[str, ...]]) -> None:
        self._exact: dict[str, set[str]] = {}
        self._names: dict[str, list[tuple[str, str]]] = {}
        best: dict[str, tuple[int, int, str]] = {}
        rank = {p: i for i, p in enumerate(LABEL_PROPERTIES)}
        for iri, prop, label, *lang in rows:
            key = fold(label)
            if not key:
                continue
            self._exact.setdefault(key, set()).add(iri)
            self._names.setdefault(iri, []).append((key, label))
            key_rank = (rank.get(prop, len(rank)), _LANG_RANK.get(lang[0] if lang else "", 3), label)
            if iri not in best or key_rank < best[iri]:
                best[iri] = key_rank
        self._label = {iri: label for iri, (_, _, label) in best.items()}

    def __len__(self) -> int:
        return len(self._label)

    def label(self, iri: str) -> str | None:
        """The display label of an entity, or None."""
        return self._label.get(iri)

    def names(self, iri: str) -> list[str]:
        """Every name and spelling of an entity, sorted (empty when it has none).

        Examples
        --------
        >>> LabelIndex([("ex:c", "p", "Svinesundskomiteen"), ("ex:c", "q", "Svinesundskomittén")]).names("ex:c")
        ['Svinesundskomiteen', 'Svinesundskomittén']
        """
        return sorted({label for _, label in self._names.get(iri, ())})

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` display labels whose names are spelt most like ``text`` (for "did you mean").

        Examples
        --------
        >>> LabelIndex([("ex:u", "p", "Unni Skår"), ("ex:t", "p", "Thor Moen")]).suggest("Uni Skaar")
        ['Unni Skår']
        """
        import difflib

        query = fold(text)
        keys = {key: iri for iri, names in sorted(self._names.items()) for key, _ in names}
        close = difflib.get_close_matches(query, sorted(keys), n=n * 3, cutoff=0.75)
        labels: list[str] = []
        for key in close:
            label = self._label[keys[key]]
            if label not in labels:
                labels.append(label)
        return labels[:n]

    def find(self, text: str) -> list[Match]:
        """Entities named ``text``: whole-name matches if any, else names containing its words.

        The answer is sorted by label, then IRI.
        """
        query = fold(text)
        if not query:
            return []
        hits: dict[str, Match] = {}
        for variant in _variants(query):
            for iri in self._exact.get(variant, ()):
                matched = next(lbl for k, lbl in self._names[iri] if k == variant)
                hits.setdefault(iri, Match(iri, self._label[iri], matched, True))
        if not hits:
            words = [_variants(w) for w in query.split()]
            for iri, names in self._names.items():
                for key, lbl in names:
                    tokens = key.split()
                    if all(any(t.startswith(v) for v in vs for t in tokens) for vs in words):
                        hits.setdefault(iri, Match(iri, self._label[iri], lbl, False))
                        break
        return sorted(hits.values(), key=lambda m: (fold(m.label), m.iri))
