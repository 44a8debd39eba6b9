"""Synthetic regional innovation ecosystems, for tests and benchmarks at scale.

:func:`generate` writes N-Quads in exactly the shape of the packaged data (``data/*.trig``):
one named graph per claim, and each claim's provenance in the default graph (a
``prov:wasDerivedFrom`` to an ``oa:SpecificResource`` with an ``oa:TextPositionSelector`` into
a source article). The named competency queries therefore run on it unchanged.

An ecosystem is a series of regions (in Norway, in Sweden, or across the border). Each region
has municipalities, a science park, research and innovation companies with their units, a
cluster hosted by one of them, a cross-border committee when it spans the border, a local
newspaper, and people: the heads of those organisations, journalists, a photographer and
others. Each synthetic news article reports one seminar (its organiser, hosts, speakers,
facilitator, attendees, place, date and topics), the posts of the people it mentions on its
date (``org:Membership`` with a role of ``ig:RoleScheme`` and ``org:memberDuring``), some
quotations, and sometimes a planned follow-up event. Names are built from syllables; they
belong to no real person or organisation.

The output is a function of ``triples`` and ``seed`` alone: the same arguments give the same
bytes.

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> stats = write_nquads(buf, triples=2000, seed=1)
>>> stats.quads >= 2000 and stats.quads == len(buf.getvalue().splitlines())
True
>>> stats.articles > 0 and stats.claims > stats.articles
True
"""

from __future__ import annotations

from .generator import generate, write_nquads
from .terms import MAX_TRIPLES, MIN_TRIPLES, SEMINAR_DAY, SEMINAR_DAY_EVERY, SynthStats

__all__ = ["MAX_TRIPLES", "MIN_TRIPLES", "SEMINAR_DAY", "SEMINAR_DAY_EVERY", "SynthStats",
           "generate", "write_nquads"]
