"""Producers of claims: the compiler of curated claims files (and, beside it, the drafter).

``python -m graph.claims SPEC SOURCE -o OUT.trig`` rebuilds a data file; see
:mod:`graph.claims.compiler`.
"""

from ..evidence import Span, find_span
from ..vocab import PREFIXES
from .compiler import CLAIMS_PREFIX, build_claims, serialize_trig

__all__ = ["CLAIMS_PREFIX", "PREFIXES", "Span", "build_claims", "find_span", "serialize_trig"]
