"""The explorer's view model, page, site and commands (no browser: see test_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

import graph
from graph.analysis import METRICS, node_metrics
from graph.errors import InputError, SourceError, ValidationError
from graph.network import to_networkx
from graph.render import (
    HtmlView,
    build_site,
    json_for_script,
    page_data,
    read_source_texts,
    render_graph,
    render_page,
    view_model,
)
from graph.render.layout import label_box, layout
from graph.render.metrics import (
    BROKER_COLOUR,
    COMMUNITY_PALETTE,
    EXACT_METRICS,
    NOT_BROKER_COLOUR,
    OTHER_COLOUR,
    SAMPLED_SOURCES,
    SEQUENTIAL,
    colour_scale,
    metric_colour,
    page_metrics,
)
from graph.search import fold

from .conftest import SOURCE_ID, require_source

ID = "https://w3id.org/innograph/id/"
SEMINAR = ID + "event/2018-01-08-digital-tsunami-seminar"
COMMITTEE = ID + "org/svinesundskomiteen"
ARTICLE = ID + "article/2018-01-09-digital-tsunami-seminar"
ORGANIZER = "https://schema.org/organizer"

CONSTRUCT = """
PREFIX schema: <https://schema.org/>
CONSTRUCT { ?event schema:organizer ?org } WHERE { ?event schema:organizer ?org }
"""


def data_of(page: str) -> dict:
    """The view model inside a page, read back from its JSON blocks."""
    assert '<script type="application/json" id="innograph-data">' in page, "the page has no data block"
    return page_data(page)


def edge_multiset(G: nx.Graph) -> list[tuple[str, str]]:
    return sorted((str(u), str(v)) for u, v in G.edges())


# ---------------------------------------------------------------------------- view model


@pytest.mark.parametrize(
    "view, options",
    [("actors", {}), ("organisations", {}), ("ego", {"focus": "Thor Moen", "depth": 2}),
     ("query", {"query": CONSTRUCT})],
)
def test_model_shows_every_node_and_edge_of_the_view(kg, view, options):
    G = to_networkx(kg, view, **options)
    model = view_model(G)
    # the counts are the graph's, and so are the nodes and the edges themselves
    assert model["counts"]["nodes"] == G.number_of_nodes() > 0
    assert model["counts"]["edges"] == G.number_of_edges() > 0
    assert model["counts"]["left_out"] == 0
    assert sorted(n["iri"] for n in model["nodes"]) == sorted(map(str, G))
    iri = {n["id"]: n["iri"] for n in model["nodes"]}
    shown = sorted((iri[e["from"]], iri[e["to"]]) for e in model["edges"])
    if not G.is_directed():  # the organisation network: an edge is a pair
        shown = sorted(tuple(sorted(p)) for p in shown)
        assert shown == sorted(tuple(sorted(p)) for p in edge_multiset(G))
    else:
        assert shown == edge_multiset(G)
    # the legend counts every node once, under its kind
    assert sum(k["count"] for k in model["legend"]) == G.number_of_nodes()
    assert {k["kind"] for k in model["legend"]} == {d["kind"] for _, d in G.nodes(data=True)}


def test_organizer_edge_carries_its_evidence_and_excerpt(kg, source_text):
    texts = read_source_texts(kg, [require_source()])
    model = view_model(to_networkx(kg, "actors"), source_texts=texts)
    ids = {n["iri"]: n["id"] for n in model["nodes"]}
    edge = next(e for e in model["edges"]
                if (e["from"], e["to"], e["relation"]) == (ids[SEMINAR], ids[COMMITTEE],
                                                           "schema:organizer"))
    cited = [model["evidence"][i] for i in edge["evidence"]]
    # the same spans as the knowledge graph's own evidence lookup for that fact
    expected = {(e.start, e.end) for e in kg.evidence(SEMINAR, ORGANIZER)}
    assert {(c["start"], c["end"]) for c in cited} == expected
    assert (72, 99) in expected  # the committee named as the seminar's organiser
    for c in cited:
        assert model["sources"][c["source"]]["iri"] == ARTICLE
        # the excerpt's marked part is exactly the span of the source text
        assert c["excerpt"]["span"] == source_text[c["start"]:c["end"]]
        assert source_text[: c["start"]].endswith(c["excerpt"]["before"].lstrip("… "))


def test_evidence_without_source_text_has_no_excerpt(kg):
    model = view_model(to_networkx(kg, "actors"))
    assert model["evidence"] and all("excerpt" not in e for e in model["evidence"])


def test_posts_carry_role_heads_and_date(kg):
    model = view_model(to_networkx(kg, "actors"))
    ids = {n["iri"]: n["id"] for n in model["nodes"]}
    post = next(e for e in model["edges"]
                if e["from"] == ids[ID + "person/unni-skar"] and e["relation"] == "org:Membership")
    # the data: Unni Skår is rådmann of Sarpsborg kommune, stated for the article's date
    assert (post["label"], post["heads"], post["during"]) == ("rådmann", True, "2018-01-09")
    assert post["to"] == ids[ID + "org/sarpsborg-kommune"]


def test_names_index_folds_every_spelling(kg):
    G = to_networkx(kg, "actors")
    names = {str(v): kg.index.names(str(v)) for v in G}
    model = view_model(G, names=names)
    committee = next(n["id"] for n in model["nodes"] if n["iri"] == COMMITTEE)
    keys = {k for k, i in model["names"] if i == committee}
    # the hidden spelling with an accent, folded as graph.search.fold does
    assert fold("Svinesundskomittén") in keys
    assert {fold(n) for n in names[COMMITTEE]} <= keys
    assert model["names"] == sorted(model["names"])


def test_model_is_deterministic(kg):
    G = to_networkx(kg, "actors")
    assert json_for_script(view_model(G)) == json_for_script(view_model(to_networkx(kg, "actors")))
    assert kg.render_html() == kg.render_html()


def test_metrics_scale_the_nodes_and_are_listed(kg):
    G = to_networkx(kg, "actors")
    centrality = nx.degree_centrality(G)
    metrics = {str(v): {"degree centrality": c, "links": G.degree(v)} for v, c in centrality.items()}
    model = view_model(G, metrics=metrics, size_by="degree centrality")
    assert model["metrics"] == ["degree centrality", "links"]
    by_iri = {n["iri"]: n for n in model["nodes"]}
    # larger centrality, larger node; the seminar has the most links of all
    ranked = sorted(by_iri.values(), key=lambda n: n["metrics"]["degree centrality"])
    assert [n["size"] for n in ranked] == sorted(n["size"] for n in ranked)
    assert ranked[-1]["iri"] == SEMINAR
    assert by_iri[SEMINAR]["metrics"]["links"] == G.degree(SEMINAR)
    with pytest.raises(InputError, match="not a metric of this page; use one of: degree centrality, links"):
        view_model(G, metrics=metrics, size_by="betweenness")


def test_large_graph_gets_the_fast_layout(tmp_path):
    G = nx.random_regular_graph(3, 400, seed=1)
    model = view_model(G)
    assert model["large"] and not model["edge_labels"]
    positions = {(n["x"], n["y"]) for n in model["nodes"]}
    assert len(positions) > 390  # spread out, not piled on one point


def test_small_layout_keeps_label_boxes_apart(kg):
    G = to_networkx(kg, "actors")
    boxes = {v: label_box([d["label"], d["label_en"]], 11.0) for v, d in G.nodes(data=True)}
    centre = SEMINAR
    pos = layout(G, centre=centre, boxes=boxes)
    assert pos[centre] == (0.0, 0.0)
    rects = [(x + boxes[v].left, x + boxes[v].right, y + boxes[v].top, y + boxes[v].bottom)
             for v, (x, y) in pos.items()]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]


# ---------------------------------------------------------------------------- metrics on the page

# The actor view's metrics, worked out by hand in tests/test_analysis.py: 28 nodes; the seminar
# lies on 1601/6 of the 351 shortest-path pairs of the other 27 nodes (betweenness 0.76021...);
# seven Louvain communities of 10, 6, 5, 3, 2, 1 and 1 nodes (the seminar's is 0, the
# committee's 2); four brokers: the seminar, the committee, Smart Innovation Norway, Unni Skår.
BROKERS = {SEMINAR, COMMITTEE, ID + "org/smart-innovation-norway", ID + "person/unni-skar"}


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    def lin(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def test_pages_carry_the_views_metrics_unless_turned_off(kg):
    G = to_networkx(kg, "actors")
    expected = node_metrics(G)
    model = data_of(kg.render_html())
    assert model["metrics"] == list(METRICS)
    assert model["metrics_note"] == "Metrics of this view: exact."
    assert (model["size_by"], model["color_by"]) == ("", "")  # the page opens sized and coloured by kind
    for n in model["nodes"]:
        # each value as the panel shows it: four significant digits
        assert n["metrics"] == {k: float(f"{v:.4g}") if isinstance(v, float) else v
                                for k, v in expected[n["iri"]].items()}
    seminar = next(n for n in model["nodes"] if n["iri"] == SEMINAR)
    assert seminar["metrics"]["betweenness"] == 0.7602 == round(1601 / 6 / 351, 4)
    assert {n["iri"] for n in model["nodes"] if n["metrics"]["broker"]} == BROKERS
    off = data_of(kg.render_html(metrics=False))
    assert off["metrics"] == [] and off["scales"] == {} and off["metrics_note"] == ""
    assert all("metrics" not in n for n in off["nodes"])


def test_large_views_get_sampled_betweenness():
    G = nx.barabasi_albert_graph(60, 2, seed=5)
    values, note = page_metrics(G, exact=50, k=12, seed=3)
    # above the limit: the same numbers as the analysis with that sample, and the page says so
    sampled = node_metrics(G, k=12, seed=3)
    assert values == {str(v): m for v, m in sampled.items()}
    assert values != {str(v): m for v, m in node_metrics(G).items()}
    assert note == ("Metrics of this view: betweenness estimated from 12 sampled sources (seed 3), "
                    "as the view has 60 nodes.")
    assert page_metrics(G, exact=60)[1] == "Metrics of this view: exact."
    assert (EXACT_METRICS, SAMPLED_SOURCES) == (1000, 200)


def test_community_colours_come_from_the_fixed_palette(kg):
    model = data_of(kg.render_html(color_by="community"))
    assert model["color_by"] == "community"
    scale = model["scales"]["community"]
    # seven communities, largest first, each in its own palette colour; none past the palette
    assert [(c["value"], c["count"]) for c in scale["classes"]] == [
        (0, 10), (1, 6), (2, 5), (3, 3), (4, 2), (5, 1), (6, 1)]
    assert [c["colour"] for c in scale["classes"]] == list(COMMUNITY_PALETTE[:7])
    assert scale["other_count"] == 0
    colour = {n["iri"]: metric_colour(scale, n["metrics"]["community"]) for n in model["nodes"]}
    assert colour[SEMINAR] == COMMUNITY_PALETTE[0] and colour[COMMITTEE] == COMMUNITY_PALETTE[2]
    # the same colour exactly for the members of one community
    by_community: dict[int, set[str]] = {}
    for n in model["nodes"]:
        by_community.setdefault(n["metrics"]["community"], set()).add(colour[n["iri"]])
    assert all(len(colours) == 1 for colours in by_community.values())
    assert len({c for colours in by_community.values() for c in colours}) == 7
    # deterministic: a second page has the same scales and the same communities
    again = data_of(graph.load().render_html(color_by="community"))
    assert again["scales"] == model["scales"] and again["nodes"] == model["nodes"]
    # past the palette: the shared grey
    many = colour_scale("community", range(12))
    assert many["other_count"] == 3 and metric_colour(many, 10) == OTHER_COLOUR
    assert len(set(COMMUNITY_PALETTE)) == len(COMMUNITY_PALETTE) == 9


def test_numeric_scale_darkens_as_the_value_grows(kg):
    model = data_of(kg.render_html(color_by="betweenness"))
    scale = model["scales"]["betweenness"]
    values = sorted({n["metrics"]["betweenness"] for n in model["nodes"]})
    # the scale spans the page's values: the lowest (0, the leaves) and the seminar's
    assert (scale["lo"], scale["hi"]) == (0.0, 0.7602) == (values[0], values[-1])
    colours = [metric_colour(scale, v) for v in values]
    assert colours[0] == SEQUENTIAL[0] and colours[-1] == SEQUENTIAL[-1]
    # a higher value is never lighter, and distinct values far apart are strictly darker
    lum = [luminance(c) for c in colours]
    assert all(a >= b for a, b in pairwise(lum))
    assert lum[0] > lum[len(lum) // 2] > lum[-1]
    # the whole scale, finely: darker at every step of 1/50 of the range; between closer
    # values, 8-bit rounding of one channel may lift the luminance by a hair (under 0.001)
    fine = colour_scale("x", [0.0, 1.0])
    sweep = [luminance(metric_colour(fine, i / 1000)) for i in range(1001)]
    assert all(a > b for a, b in pairwise(sweep[::20]))
    assert all(b - a < 0.001 for a, b in pairwise(sweep))
    # numbers outside the range are clamped, and a flat metric takes the middle colour
    assert metric_colour(fine, 2.0) == SEQUENTIAL[-1]
    assert metric_colour(colour_scale("x", [3, 3]), 3) == SEQUENTIAL[4]


def test_brokers_are_highlighted(kg):
    model = data_of(kg.render_html(color_by="broker", size_by="broker"))
    scale = model["scales"]["broker"]
    assert scale["counts"] == {"on": 4, "off": 24}
    for n in model["nodes"]:
        expected = BROKER_COLOUR if n["iri"] in BROKERS else NOT_BROKER_COLOUR
        assert metric_colour(scale, n["metrics"]["broker"]) == expected
        # sized by the flag: brokers at the largest size, the others at the smallest
        assert n["size"] == (30.0 if n["iri"] in BROKERS else 7.0)


def test_unknown_metric_names_are_input_errors_that_list_the_known_ones(kg):
    G = to_networkx(kg, "ego", focus="Thor Moen", depth=1)
    metrics = {str(v): m for v, m in node_metrics(G).items()}
    with pytest.raises(InputError) as error:
        view_model(G, metrics=metrics, color_by="pagerank")
    assert str(error.value) == (
        "color_by='pagerank' is not a metric of this page; use one of: kind, degree, "
        "betweenness, eigenvector, community, broker")
    with pytest.raises(InputError, match="size_by='closeness' is not a metric of this page; use "
                       "one of: degree, betweenness, eigenvector, broker$"):
        view_model(G, metrics=metrics, size_by="closeness")
    with pytest.raises(InputError, match="community is a category, not a size"):
        kg.render_html("ego", focus="Thor Moen", size_by="community")
    with pytest.raises(InputError, match="the page has no metrics"):
        kg.render_html(metrics=False, color_by="degree")
    # "kind" is the default colouring, by name too
    assert data_of(kg.render_html("ego", focus="Thor Moen", color_by="kind"))["color_by"] == ""


# ---------------------------------------------------------------------------- page


HOSTILE = ["</script><script>window.pwned=1</script>", "<!-- x", "a\u2028b\u2029c", "\" ' & <b>"]


def test_page_escapes_data_and_reads_back_the_same():
    G = nx.DiGraph()
    for i, label in enumerate(HOSTILE):
        G.add_node(f"ex:{i}", label=label, kind="person")
    G.add_edge("ex:0", "ex:1", label=HOSTILE[3], evidence="1-2", source="ex:src")
    page = render_page(view_model(G, title=HOSTILE[0]))
    # no data can close the script element, open a comment, or end a JS line
    blocks = re.findall(r'<script type="application/json" id="innograph-[a-z]+">(.*?)</script>', page, re.S)
    assert len(blocks) == 5
    for block in blocks:
        for raw in ("<", ">", "&", "\u2028", "\u2029"):
            assert raw not in block
    assert "window.pwned=1</script>" not in page
    assert sorted(n["label"] for n in data_of(page)["nodes"]) == sorted(HOSTILE)
    assert "<title>&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; · innograph</title>" in page


def test_page_is_self_contained_and_allows_only_its_own_scripts(kg):
    page = kg.render_html()
    assert not re.search(r"<(link|iframe|img)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert "bootstrap" not in page.lower()
    # the CSP names the hash of each inline script, and no other source
    csp = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    )
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2  # vis-network and the explorer
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp


def test_html_view_saves_and_shows_inline(tmp_path):
    view = render_graph(nx.path_graph(3), title="Path")
    assert isinstance(view, HtmlView) and isinstance(view, str)
    path = view.save(tmp_path / "sub" / "path.html")
    assert path.read_text(encoding="utf-8") == view.html
    inline = view._repr_html_()
    assert inline.startswith("<iframe") and 'sandbox="allow-scripts"' in inline
    assert "<script>" not in inline  # the page is escaped into srcdoc
    assert repr(view).startswith("<HtmlView: ")


def test_render_html_writes_the_path(kg, tmp_path):
    out = tmp_path / "ego.html"
    page = kg.render_html("ego", focus="Unni Skår", depth=1, path=out)
    assert out.read_text(encoding="utf-8") == page
    model = data_of(page)
    assert model["title"] == "Around Unni Skår (depth 1)"
    # the focus is the centre of the ego view
    centre = next(n for n in model["nodes"] if n["id"] == model["centre"])
    assert centre["iri"] == ID + "person/unni-skar"


def test_unknown_view_and_bad_cap_are_input_errors(kg):
    with pytest.raises(InputError, match="unknown view"):
        kg.render_html("nope")
    with pytest.raises(InputError, match="max_nodes"):
        kg.render_html(max_nodes=0)


# ---------------------------------------------------------------------------- sources


def test_source_texts_map_the_source_id_to_the_article(kg, source_text):
    assert read_source_texts(kg, [require_source()]) == {ARTICLE: source_text}


def test_a_changed_source_text_is_refused(kg, source_text, tmp_path):
    changed = tmp_path / f"{SOURCE_ID}.txt"
    changed.write_text(source_text.replace("a", "b", 1), encoding="utf-8")
    with pytest.raises(SourceError, match="sha256"):
        read_source_texts(kg, [changed])


def test_a_missing_source_file_is_an_input_error(kg, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source_texts(kg, [tmp_path / f"{SOURCE_ID}.txt"])


# ---------------------------------------------------------------------------- site and CLI


def test_build_site_writes_only_into_its_folder(kg, tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    steps: list[str] = []
    result = build_site(kg, tmp_path / "site", progress=steps.append)
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        ".innograph-site", "index.html", "innograph.jsonld", "innograph.nq", "innograph.trig", "innograph.ttl",
        "organisations.html",
    ]
    assert list(work.iterdir()) == []
    assert len(steps) >= 7 and steps[0].startswith("Validating")
    assert result.stats == kg.stats()
    # the pages link to each other, each marking itself as current
    for page in result.pages:
        links = data_of(page.read_text(encoding="utf-8"))["links"]
        assert [lk["href"] for lk in links] == ["index.html", "organisations.html"]
        assert [lk["href"] for lk in links if lk["current"]] == [page.name]
    # the N-Quads export holds every quad of the graph
    assert len((tmp_path / "site" / "innograph.nq").read_text().splitlines()) == len(kg)


def test_build_refuses_a_graph_that_does_not_conform(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{ID}person/nameless> a <https://schema.org/Person> .\n", encoding="utf-8")
    kg = graph.load(bad)
    with pytest.raises(ValidationError, match="does not conform"):
        build_site(kg, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_cli_build(cli, tmp_path, source_text):
    out = tmp_path / "site"
    r = cli("build", "-o", str(out), "--source", str(require_source()))
    assert r.code == 0, r.err
    stats = graph.load().stats()
    assert f"{stats['quads']} quads: {stats['persons']} persons" in r.out
    assert str((out / "index.html").resolve()) in r.out
    assert "Validating" in r.err and "Exporting" in r.err
    # the source text was given: excerpts are in the page
    model = data_of((out / "index.html").read_text(encoding="utf-8"))
    assert any(e.get("excerpt", {}).get("span") == source_text[72:99] for e in model["evidence"])


def test_cli_build_fails_with_the_report(cli, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{ID}person/nameless> a <https://schema.org/Person> .\n", encoding="utf-8")
    r = cli("build", "--data", str(bad), "-o", str(tmp_path / "site"))
    assert r.code == 1
    assert "nameless" in r.err and "does not conform" in r.err
    assert not (tmp_path / "site").exists()


def test_cli_view_ego_and_query(cli, tmp_path):
    r = cli("view", "--focus", "Svinesundskomitténs", "--depth", "1", "-o", str(tmp_path / "e.html"))
    assert r.code == 0, r.err
    model = data_of((tmp_path / "e.html").read_text(encoding="utf-8"))
    G = to_networkx(graph.load(), "ego", focus=COMMITTEE, depth=1)
    assert model["counts"]["nodes"] == G.number_of_nodes()
    rq = tmp_path / "organisers.rq"
    rq.write_text(CONSTRUCT, encoding="utf-8")
    r = cli("view", "--query", str(rq), "-o", str(tmp_path / "q.html"))
    assert r.code == 0, r.err
    model = data_of((tmp_path / "q.html").read_text(encoding="utf-8"))
    # two events, each organised by the committee
    assert (model["counts"]["nodes"], model["counts"]["edges"]) == (3, 2)


def test_cli_view_and_build_size_and_colour_by_metric(cli, tmp_path):
    r = cli("view", "--size-by", "betweenness", "--color-by", "community", "-o", str(tmp_path / "a.html"))
    assert r.code == 0, r.err
    model = data_of((tmp_path / "a.html").read_text(encoding="utf-8"))
    assert (model["size_by"], model["color_by"], model["metrics"]) == ("betweenness", "community", list(METRICS))
    # sized by betweenness: the seminar (0.7602, the highest) at the largest size
    assert max(model["nodes"], key=lambda n: n["size"])["iri"] == SEMINAR
    r = cli("view", "--no-metrics", "-o", str(tmp_path / "b.html"))
    assert r.code == 0, r.err
    assert data_of((tmp_path / "b.html").read_text(encoding="utf-8"))["metrics"] == []
    r = cli("view", "--no-metrics", "--color-by", "degree", "-o", str(tmp_path / "c.html"))
    assert r.code == 2 and "the page has no metrics" in r.err and "Traceback" not in r.err
    r = cli("view", "--color-by", "pagerank", "-o", str(tmp_path / "c.html"))
    assert r.code == 2  # argparse refuses it, listing the choices
    assert "argument --color-by: invalid choice: 'pagerank'" in r.err
    assert not (tmp_path / "c.html").exists()
    r = cli("build", "--color-by", "broker", "-o", str(tmp_path / "site"))
    assert r.code == 0, r.err
    for name in ("index.html", "organisations.html"):
        model = data_of((tmp_path / "site" / name).read_text(encoding="utf-8"))
        assert model["color_by"] == "broker" and model["metrics"] == list(METRICS)


def test_cli_view_errors(cli, tmp_path):
    r = cli("view", "--focus", "Nobody at all", "-o", str(tmp_path / "x.html"))
    assert r.code == 2 and "nothing is named" in r.err
    r = cli("view", "--source", str(tmp_path / "other.txt"), "-o", str(tmp_path / "x.html"))
    assert r.code == 2 and "source id" in r.err
    assert not (tmp_path / "x.html").exists()


def test_model_json_has_no_nan():
    G = nx.Graph()
    G.add_node("a")
    with pytest.raises(InputError, match="finite"):
        view_model(G, metrics={"a": {"m": float("nan")}})
    from graph.render.page import SCRIPTS

    assert all(Path(graph.__file__).parent.joinpath("render", name).is_file() for name in SCRIPTS)


def test_the_page_script_is_its_files_joined_with_the_layout_measures_from_the_data():
    from graph.render.layout import CHAR_PX, LABEL_GAP, LINE_PX, WRAP_PX
    from graph.render.page import SCRIPTS, explorer_js

    script = explorer_js()
    starts = [script.index(f"// ---- {name}\n") for name in SCRIPTS]
    assert starts == sorted(starts) and len(SCRIPTS) >= 6
    model = view_model(nx.path_graph(3))
    assert model["text"] == {"wrap_px": WRAP_PX, "char_px": CHAR_PX, "line_px": LINE_PX,
                             "label_gap": LABEL_GAP}
    # the page reads the measures from its data: no second copy of the numbers
    assert f"= {CHAR_PX};" not in script and "model.text.char_px" in script
