"""SHACL validation with pyshacl, and readable reports.

The shapes (``ontology/shapes.ttl``) are checked against the *validation view* of the data: the
union of all graphs, plus, for every claim graph, its evidence (``prov:wasDerivedFrom``) stated
on each subject the claim asserts something about. So "a membership has evidence" means "the
membership is asserted in a claim that has evidence".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ParseError
from .vocab import PREFIXES, PROV, SH

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["Report", "Violation", "validation_view", "validate_graph"]

PROV_DERIVED = str(PROV.wasDerivedFrom)


@dataclass(frozen=True, order=True)
class Violation:
    """One result of a SHACL validation."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    shape: str = ""
    value: str = ""

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return (
            f"{self.severity}: {self.focus}\n"
            f"  path: {self.path or '-'}\n"
            f"  shape: {self.shape or '-'}\n"
            f"  {self.message}{value}"
        )


@dataclass
class Report:
    """The result of :func:`validate_graph`.

    Attributes
    ----------
    conforms : bool
        True when no shape is violated.
    violations : list of Violation
        Sorted by focus node, path and message.
    focus_count : int
        How many nodes the shapes were checked on.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    focus_count: int = 0

    def text(self) -> str:
        """A readable report, as printed by ``innograph validate``."""
        if self.conforms:
            return f"Conforms: {self.focus_count} nodes checked against the shapes, no violations."
        lines = [f"Does not conform: {len(self.violations)} violation(s)."]
        lines.extend(f"\n{v}" for v in self.violations)
        return "\n".join(lines)


def validation_view(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> Graph:
    """The union of all graphs, with each claim's evidence lifted onto the claim's subjects."""
    from rdflib import Graph, URIRef

    derived = URIRef(PROV_DERIVED)
    g = Graph()
    by_graph: dict[Node, set[Node]] = {}
    for s, p, o, ctx in quads:
        g.add((s, p, o))
        if ctx is not None:
            by_graph.setdefault(ctx, set()).add(s)
    for ctx, subjects in by_graph.items():
        evidence = list(g.objects(ctx, derived))
        for s in subjects:
            for e in evidence:
                g.add((s, derived, e))
    return g


def _short(node: Node | None, g: Graph) -> str:
    if node is None:
        return ""
    try:
        return node.n3(g.namespace_manager)
    except Exception:  # pragma: no cover - a path that is not a plain term
        return str(node)


def validate_graph(data: Graph, shapes_path: Path) -> Report:
    """Validate a graph (ontology and data together) against SHACL shapes.

    Parameters
    ----------
    data : rdflib.Graph
        The validation view (see :func:`validation_view`).
    shapes_path : Path
        The SHACL shapes (Turtle).
    """
    import pyshacl
    from rdflib import RDF, Graph

    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except Exception as exc:
        raise ParseError(f"{shapes_path}: the shapes do not parse: {exc}", str(shapes_path)) from None
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns, replace=True)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        violations.append(
            Violation(
                focus=_short(results.value(r, SH.focusNode), data),
                path=_short(results.value(r, SH.resultPath), data),
                message=str(results.value(r, SH.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=_shape_name(shapes, results.value(r, SH.sourceShape)),
                value=_short(results.value(r, SH.value), data),
            )
        )
    targets: set[Node] = set()
    for shape in shapes.subjects(SH.targetClass, None):
        for cls in shapes.objects(shape, SH.targetClass):
            targets.update(data.subjects(RDF.type, cls))
    return Report(bool(conforms), sorted(set(violations)), len(targets))


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The node shape a result came from (the parent of a blank property shape)."""
    from rdflib import BNode

    if shape is None:
        return ""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is None:
            return ""
        shape = parent
    return shape.n3(shapes.namespace_manager)
