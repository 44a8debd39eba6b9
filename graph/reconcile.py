"""The Reconciliation Service API (version 0.2) over the graph's organisations.

:class:`ReconciliationService` turns request JSON into response JSON, with no HTTP in it:
:meth:`~ReconciliationService.manifest`, :meth:`~ReconciliationService.reconcile` (queries with
types and property constraints; candidates with score, match flag and features),
:meth:`~ReconciliationService.suggest`, :meth:`~ReconciliationService.preview` (HTML),
:meth:`~ReconciliationService.propose_properties` and :meth:`~ReconciliationService.extend`
(organisation number, municipality, sector, legal form, industry). :func:`route` maps a path
and its parameters to one of them, for :mod:`graph.server`.

Entity identifiers are the organisations' IRIs. Property constraints: ``number`` (the
organisation number decides), ``municipality`` (a number or a name), ``legal_form`` (a code).

Examples
--------
>>> from graph.kg import load
>>> service = ReconciliationService(load())
>>> service.manifest()["versions"]
['0.2']
>>> result = service.reconcile({"q0": {"query": "Svinesundskomitténs"}})
>>> [(c["name"], c["match"]) for c in result["q0"]["result"]]
[('Svinesundskomiteen', True)]
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from .errors import InputError
from .registry.match import OrgIndex, match_organisation
from .vocab import ID, IG, ORG, ROV, SCHEMA, SKOS

__all__ = ["PROPERTIES", "ReconciliationService", "route"]

#: The properties a query may constrain and a data extension may fetch: id → (name, what).
PROPERTIES = {
    "number": ("organisation number", "org:identifier"),
    "municipality": ("municipality", "schema:location"),
    "sector": ("helix sector", "org:classification in the helix scheme"),
    "legal_form": ("legal form", "rov:orgType"),
    "industry": ("industry code", "rov:orgActivity"),
}

ORGANISATION = {"id": str(SCHEMA.Organization), "name": "Organisation"}
_TYPES = {
    str(SCHEMA.Organization): "Organisation",
    str(ROV.RegisteredOrganization): "Registered organisation",
    str(ORG.OrganizationalUnit): "Organisational unit",
    str(IG.Municipality): "Municipality",
}


class ReconciliationService:
    """A reconciliation service over a :class:`~graph.kg.KnowledgeGraph`.

    Parameters
    ----------
    kg : KnowledgeGraph
    base : str
        The service's own URL (for the manifest's preview, suggest and extension paths).
    """

    def __init__(self, kg: Any, base: str = "http://127.0.0.1:8000/reconcile") -> None:
        self.kg = kg
        self.base = base.rstrip("/")

    # ------------------------------------------------------------------ manifest

    def manifest(self) -> dict[str, Any]:
        """The service manifest."""
        return {
            "versions": ["0.2"],
            "name": "innograph organisations",
            "identifierSpace": ID + "org/",
            "schemaSpace": str(SCHEMA),
            "defaultTypes": [ORGANISATION],
            "view": {"url": "{{id}}"},
            "preview": {"url": f"{self.base}/preview?id={{{{id}}}}", "width": 400, "height": 160},
            "suggest": {"entity": {"service_url": self.base, "service_path": "/suggest/entity"}},
            "extend": {
                "propose_properties": {"service_url": self.base,
                                       "service_path": "/propose_properties"},
                "property_settings": [],
            },
        }

    # ------------------------------------------------------------------ reconcile

    def reconcile(self, queries: dict[str, Any]) -> dict[str, Any]:
        """Answer a batch of reconciliation queries (``{"q0": {"query": ..., ...}, ...}``)."""
        if not isinstance(queries, dict):
            raise InputError("queries must be a JSON object of queries keyed by name")
        out = {}
        for key in sorted(queries):
            out[key] = {"result": self._one(key, queries[key])}
        return out

    def _one(self, key: str, q: Any) -> list[dict[str, Any]]:
        if not isinstance(q, dict) or not (isinstance(q.get("query"), str) or q.get("properties")):
            raise InputError(f"query {key!r} needs a 'query' string or 'properties'")
        limit = q.get("limit", 5)
        if not isinstance(limit, int | float) or limit < 1:
            raise InputError(f"query {key!r}: 'limit' must be a positive number")
        types = q.get("type") or []
        types = [types] if isinstance(types, str) else list(types)
        props: dict[str, str] = {}
        for p in q.get("properties") or []:
            if not isinstance(p, dict) or "pid" not in p or "v" not in p:
                raise InputError(f"query {key!r}: each property needs 'pid' and 'v'")
            v = p["v"][0] if isinstance(p["v"], list) and p["v"] else p["v"]
            if isinstance(v, dict):
                v = v.get("name") or v.get("id", "")
            if p["pid"] not in PROPERTIES:
                raise InputError(f"query {key!r}: unknown property {p['pid']!r}; "
                                 f"the properties are {', '.join(PROPERTIES)}")
            props[p["pid"]] = str(v)
        wanted = [t for t in types if t != str(SCHEMA.Organization)]
        candidates = match_organisation(
            self.kg, q.get("query") or "", org_number=props.get("number"),
            municipality=props.get("municipality"), legal_form=props.get("legal_form"),
            limit=int(limit), types=wanted,
        )
        return [
            {
                "id": c.iri,
                "name": c.name,
                "description": self._description(c.iri),
                "score": round(c.score * 100, 2),
                "match": c.match,
                "type": self._types(c.types),
                "features": [{"id": k, "value": v} for k, v in sorted(c.features.items())],
            }
            for c in candidates
        ]

    def _types(self, types: Iterable[str]) -> list[dict[str, str]]:
        out = [{"id": t, "name": _TYPES[t]} for t in sorted(types) if t in _TYPES]
        return out or [ORGANISATION]

    def _description(self, iri: str) -> str:
        org = OrgIndex.of(self.kg).get(iri)
        if org is None:
            return ""
        parts = []
        if org.number:
            parts.append(f"org. no. {org.number}")
        if org.form:
            parts.append(org.form)
        if org.municipality_name:
            parts.append(org.municipality_name)
        return ", ".join(parts)

    # ------------------------------------------------------------------ suggest, preview

    def suggest(self, prefix: str, limit: int = 10) -> dict[str, Any]:
        """Entities whose name starts like ``prefix`` (for auto-completion)."""
        from .search import fold

        key = fold(prefix)
        if not key:
            return {"result": []}
        index = OrgIndex.of(self.kg)
        hits = []
        first = key.split()[0]
        pool: set[int] = set()
        for word, ids in index.word_ids.items():
            if word.startswith(first):
                pool.update(ids)
            if len(pool) > 5000:
                break
        for i in pool:
            org = index.org(i)
            if any(fold(n).startswith(key) or f" {key}" in f" {fold(n)}" for n in org.names):
                hits.append(org)
        hits.sort(key=lambda o: (len(o.name), o.name, o.iri))
        return {"result": [
            {"id": o.iri, "name": o.name, "description": self._description(o.iri),
             "notable": self._types(o.types)}
            for o in hits[:limit]
        ]}

    def preview(self, iri: str) -> str:
        """A small HTML page about one entity (every value escaped)."""
        org = OrgIndex.of(self.kg).get(iri)
        if org is None:
            raise InputError(f"no organisation {iri!r}")
        rows = [("name", org.name), ("organisation number", org.number),
                ("legal form", org.form), ("municipality", org.municipality_name)]
        cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                        for k, v in rows if v)
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
                f"{html.escape(org.name)}</title></head><body><table>{cells}</table>"
                f"<p><a href='{html.escape(iri, quote=True)}'>{html.escape(iri)}</a></p>"
                "</body></html>")

    # ------------------------------------------------------------------ data extension

    def propose_properties(self, type_: str = "", limit: int | None = None) -> dict[str, Any]:
        """The properties a data extension can fetch."""
        props = [{"id": k, "name": name} for k, (name, _) in PROPERTIES.items()]
        out: dict[str, Any] = {"type": type_ or str(SCHEMA.Organization),
                               "properties": props[:limit] if limit else props}
        if limit:
            out["limit"] = limit
        return out

    def extend(self, query: dict[str, Any]) -> dict[str, Any]:
        """Property values of entities: ``{"ids": [...], "properties": [{"id": ...}]}``."""
        if not isinstance(query, dict) or not isinstance(query.get("ids"), list) or \
                not isinstance(query.get("properties"), list):
            raise InputError("an extension query needs 'ids' and 'properties' lists")
        pids: list[str] = []
        for p in query["properties"]:
            pid = p.get("id") if isinstance(p, dict) else None
            if not isinstance(pid, str) or pid not in PROPERTIES:
                raise InputError(f"unknown property {pid!r}; the properties are "
                                 f"{', '.join(PROPERTIES)}")
            pids.append(pid)
        ids = [str(i) for i in query["ids"]]
        values = self._values(ids)
        rows = {i: {pid: values.get(i, {}).get(pid, []) for pid in pids} for i in ids}
        meta = [{"id": pid, "name": PROPERTIES[pid][0]} for pid in pids]
        return {"meta": meta, "rows": rows}

    def _values(self, ids: list[str]) -> dict[str, dict[str, list[dict[str, str]]]]:
        from rdflib import URIRef

        out: dict[str, dict[str, list[dict[str, str]]]] = {}
        query = f"""SELECT ?o ?id ?m ?mname ?sector ?sname ?form ?fname ?ind ?iname WHERE {{
          OPTIONAL {{ ?o <{ORG.identifier}> ?id }}
          OPTIONAL {{ ?o <{SCHEMA.location}> ?m . ?m <{SCHEMA.name}> ?mname }}
          OPTIONAL {{ ?o <{ORG.classification}> ?sector .
                      ?sector <{SKOS.inScheme}> <{IG.HelixScheme}> ;
                              <{SKOS.prefLabel}> ?sname FILTER(langMatches(lang(?sname), "en")) }}
          OPTIONAL {{ ?o <{ROV.orgType}> ?form . ?form <{SKOS.notation}> ?fname }}
          OPTIONAL {{ ?o <{ROV.orgActivity}> ?ind . ?ind <{SKOS.notation}> ?iname }}
        }}"""
        for iri in ids:
            row_values: dict[str, set[tuple[str, str]]] = {k: set() for k in PROPERTIES}
            for _, num, m, mname, sector, sname, form, fname, ind, iname in self.kg.query(
                    query, o=URIRef(iri)).rows:
                if num is not None:
                    row_values["number"].add(("str", str(num)))
                if m is not None:
                    row_values["municipality"].add((str(m), str(mname)))
                if sector is not None:
                    row_values["sector"].add((str(sector), str(sname)))
                if form is not None:
                    row_values["legal_form"].add((str(form), str(fname)))
                if ind is not None:
                    row_values["industry"].add((str(ind), str(iname)))
            out[iri] = {
                k: [{"str": b} if a == "str" else {"id": a, "name": b} for a, b in sorted(v)]
                for k, v in row_values.items()
            }
        return out


def _param(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[-1] if values else None


def _json_param(params: dict[str, list[str]], name: str) -> Any:
    text = _param(params, name)
    try:
        return json.loads(text) if text is not None else None
    except json.JSONDecodeError as exc:
        raise InputError(f"the {name} parameter is not JSON: {exc.msg} at position {exc.pos}") \
            from None


def route(service: ReconciliationService, path: str,
          params: dict[str, list[str]]) -> tuple[str, str]:
    """Answer a request under ``/reconcile``: (body, content type).

    ``path`` is the part after ``/reconcile``; ``params`` the query string and form fields.

    Raises
    ------
    InputError
        A request that the API does not define, or parameters that do not parse.
    """
    sub = path.rstrip("/")
    if sub == "" and "queries" in params:
        body: Any = service.reconcile(_json_param(params, "queries"))
    elif sub == "" and "extend" in params:
        body = service.extend(_json_param(params, "extend"))
    elif sub == "":
        body = service.manifest()
    elif sub == "/suggest/entity":
        limit = _param(params, "limit")
        body = service.suggest(_param(params, "prefix") or "", int(limit) if
                               limit and limit.isdigit() else 10)
    elif sub == "/preview":
        return service.preview(_param(params, "id") or ""), "text/html; charset=utf-8"
    elif sub == "/propose_properties":
        limit = _param(params, "limit")
        body = service.propose_properties(_param(params, "type") or "",
                                          int(limit) if limit and limit.isdigit() else None)
    else:
        raise InputError(f"nothing at /reconcile{path}; the service offers /reconcile, "
                         "/reconcile/suggest/entity, /reconcile/preview, "
                         "/reconcile/propose_properties")
    callback = _param(params, "callback")
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    if callback and callback.replace("_", "").replace(".", "").isalnum():
        return f"{callback}({text})", "application/javascript; charset=utf-8"
    return text, "application/json; charset=utf-8"


#: How long a request waits for the organisation index before it is told to come back.
INDEX_WAIT = 5.0


class _IndexBuilder:
    """Builds (or reads from beside the store) the organisation index of a server's graph in
    a thread of its own, so that no request waits minutes for a whole register's index."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.started = 0.0
        self.error: BaseException | None = None

    def ready(self, kg: Any, wait: float) -> bool:
        """Whether the index of ``kg`` is ready, after waiting at most ``wait`` seconds for
        it; starts building it when nothing builds it. Raises the error of a build that
        failed (once; the next request tries again)."""
        import threading
        import time

        if getattr(kg, "_org_index", None) is not None:
            return True
        with self.lock:
            if self.error is not None:
                error, self.error = self.error, None
                raise error
            if self.thread is None or not self.thread.is_alive():
                self.started = time.monotonic()
                self.thread = threading.Thread(target=self._build, args=(kg,), daemon=True,
                                               name="innograph-org-index")
                self.thread.start()
            thread = self.thread
        thread.join(wait)
        if self.error is not None and not thread.is_alive():
            with self.lock:
                error, self.error = self.error, None
            if error is not None:
                raise error
        return getattr(kg, "_org_index", None) is not None

    def _build(self, kg: Any) -> None:
        try:
            OrgIndex.of(kg)
        except BaseException as exc:  # handed to the next request
            self.error = exc.with_traceback(None)


#: What answers without the organisation index: the manifest and the properties.
def _needs_index(path: str, params: dict[str, list[str]]) -> bool:
    sub = path[len("/reconcile"):].rstrip("/")
    if sub == "":
        return "queries" in params or "extend" in params
    return sub != "/propose_properties"


def handle(app: Any, path: str, params: dict[str, list[str]], body: bytes = b"") -> tuple[str, str]:
    """Answer an HTTP request to ``/reconcile…`` for a server ``app`` (one that has ``kg`` and
    ``url``): form fields of a POST body join the query parameters; the service is built once.

    The organisation index is built (or read from beside an on-disk store) in the background
    on the first request: a request that needs it waits for it at most :data:`INDEX_WAIT`
    seconds, then is answered 503 Service Unavailable with ``Retry-After`` (the manifest and
    the properties are answered at once).
    """
    import threading
    import time
    import urllib.parse
    from http import HTTPStatus

    from .server.protocol import Refused

    if body:
        try:
            form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise InputError("the request body is not UTF-8 form data") from None
        params = {**params, **form}
    lock = app.__dict__.setdefault("_reconcile_lock", threading.Lock())
    with lock:
        service = app.__dict__.get("_reconciliation")
        if service is None:
            service = ReconciliationService(app.kg, f"{app.url}/reconcile")
            app.__dict__["_reconciliation"] = service
        builder = app.__dict__.setdefault("_org_index_builder", _IndexBuilder())
    if _needs_index(path, params) and not builder.ready(app.kg, INDEX_WAIT):
        waited = int(time.monotonic() - builder.started)
        raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                      f"the organisation index is being built (for {waited} s so far; a whole "
                      "register takes a few minutes the first time, then it is read from beside "
                      "the store in seconds); try again shortly", {"Retry-After": "10"})
    return route(service, path[len("/reconcile"):], params)
