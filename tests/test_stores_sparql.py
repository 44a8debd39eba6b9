"""Options of the ``sparql:URL`` store that need no server: how files are sent, and errors."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.stores import LOADS_GRAPH
from graph.stores.protocol import html_text
from graph.stores.sparql import LOAD_ENV, ServerQuirks, SparqlStore

URL = "http://127.0.0.1:9/query"


@pytest.mark.parametrize(("value", "per_graph"), [("graph", True), ("dataset", False),
                                                  (" Graph ", True), ("", None), ("auto", None)])
def test_the_environment_chooses_how_files_are_sent(monkeypatch, value, per_graph):
    monkeypatch.setenv(LOAD_ENV, value)
    assert SparqlStore(URL).per_graph is per_graph


def test_an_argument_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(LOAD_ENV, "graph")
    assert SparqlStore(URL, per_graph=False).per_graph is False


def test_an_unknown_load_mode_is_an_input_error(monkeypatch):
    monkeypatch.setenv(LOAD_ENV, "quads")
    with pytest.raises(InputError, match=rf"\${LOAD_ENV} is 'quads'; use graph .* or dataset"):
        SparqlStore(URL)


def test_hidden_graphs_become_one_filter():
    quirks = ServerQuirks("Virtuoso/07.20", True, frozenset({LOADS_GRAPH, "urn:x:b"}))
    assert quirks.data_only() == f"FILTER(?g NOT IN (<{LOADS_GRAPH}>, <urn:x:b>))"
    assert ServerQuirks("", False, frozenset()).data_only() == ""


def test_an_html_error_page_reads_as_one_line():
    page = ("<!DOCTYPE html><html><head><title>Request failed</title><style>p {}</style>"
            "</head><body><h1>HTTP/1.1 403 Forbidden</h1>\n<xmp>No permission</xmp></body></html>")
    assert html_text(page) == "Request failed HTTP/1.1 403 Forbidden No permission"
