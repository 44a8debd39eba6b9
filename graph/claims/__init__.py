"""Producers of claims: the compiler of claims files (and, beside it, the drafter).

``python -m graph.claims SPEC SOURCE -o OUT.trig`` rebuilds a data file; ``innograph compile``
compiles a draft; see :mod:`graph.claims.compiler`.
"""

from ..evidence import Span, find_span
from ..vocab import PREFIXES
from .compiler import CLAIMS_PREFIX, build_claims, compile_claims, source_iri
from .trig import serialize_trig

__all__ = [
    "CLAIMS_PREFIX", "PREFIXES", "Span", "build_claims", "compile_claims", "find_span",
    "serialize_trig", "source_iri",
]
