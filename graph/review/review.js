/* The review page: the source text with the draft's suggestions, decisions saved as you go.
   Every text reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const KINDS = DATA.kinds;
  const KIND_ORDER = DATA.kind_order;
  const GROUPS = [];
  KIND_ORDER.forEach(function (k) { if (GROUPS.indexOf(KINDS[k].group) < 0) GROUPS.push(KINDS[k].group); });
  const STATUS_MARK = { suggested: "?", accepted: "✓", rejected: "✗" };
  const TEXT = DATA.text;
  const CPS = Array.from(TEXT);            // the text by code point: offsets are code points
  const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

  let state = DATA.state;
  let version = state.version;
  let current = null;                       // id of the selected record
  let blocked = false;                      // a conflict: no more changes until reload
  let pending = 0;
  let queue = Promise.resolve();
  let editing = null;                       // {mode: "edit"|"add", id, kind, spans}
  let cycle = { seg: null, index: 0 };

  const $ = function (id) { return document.getElementById(id); };
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        const value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "class") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  /* A value shown as text: invisible and direction controls made visible. */
  function visible(value) {
    return Array.from(String(value)).map(function (ch) {
      return INVISIBLE.test(ch) ? "[U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "]" : ch;
    }).join("");
  }
  function excerpt(span, max) {
    const s = CPS.slice(span[0], span[1]).join("");
    return visible(s.length > max ? s.slice(0, max - 1) + "…" : s);
  }
  function records() { return state.records; }
  function byId(id) { return state.records.find(function (r) { return r.id === id; }) || null; }
  function nameOf(ref) {
    if (!ref) return "";
    const r = byId(ref);
    if (r) return r.fields.name || r.fields.role || r.id;
    return ref;
  }
  function title(r) {
    const f = r.fields;
    switch (r.kind) {
      case "person": case "organisation": case "event": return f.name;
      case "post": return nameOf(f.person) + " — " + f.role + " — " + nameOf(f.organisation);
      case "participation": return nameOf(f.agent) + " — " + f.role + " — " + nameOf(f.event);
      case "quotation": return "Quotation by " + nameOf(f.speaker);
      default: return (f.body || "").trim().slice(0, 60);
    }
  }

  /* ------------------------------------------------------------------ saving */

  let note = "";
  function setStatus(message) {
    const decided = records().filter(function (r) { return r.status !== "suggested"; }).length;
    $("status").textContent = decided + " of " + records().length + " decided" +
      (message ? " · " + message : "") + (note ? " · " + note : "") + " · curator " + state.curator;
  }
  function showAlert(message, reload) {
    const box = $("alert");
    box.textContent = message;
    if (reload) {
      const b = el("button", { type: "button", id: "reload", text: "Reload" });
      b.addEventListener("click", function () { location.reload(); });
      box.appendChild(b);
    }
  }
  function markPending(delta) {
    pending += delta;
    document.documentElement.dataset.pending = String(pending);
  }
  const outstanding = [];                   // changes sent or queued, not yet answered
  function optimistic(change) {
    if (change.op !== "status") return;
    change.ids.forEach(function (id) { const r = byId(id); if (r) r.status = change.status; });
  }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  let confirmed = clone(state);             // the draft as the server last said it is
  function settle(fresh) {
    if (fresh) confirmed = fresh;
    state = clone(confirmed);
    outstanding.slice(1).forEach(optimistic);   // decisions still on their way
    render();
  }
  function post(change) {
    return fetch("/api/change", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Review-Token": DATA.token },
      body: JSON.stringify({ version: version, change: change }),
      credentials: "same-origin", cache: "no-store", redirect: "error",
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      if (answer.status === 200) {
        version = answer.body.version;
        $("alert").textContent = "";
        settle(answer.body);
        setStatus("saved " + new Date().toLocaleTimeString());
        return true;
      }
      if (answer.status === 409) {
        blocked = true;
        document.documentElement.dataset.conflict = "1";
        showAlert("Not saved: " + answer.body.error, true);
      } else {
        showAlert("Not saved: " + (answer.body.error || ("error " + answer.status)), false);
      }
      settle(null);
      setStatus("not saved");
      return false;
    }, function (err) {
      blocked = true;
      showAlert("Not saved: the review server does not answer (" + err.message +
        "). Start it again and open the address it prints; every decision saved before is kept.", true);
      settle(null);
      setStatus("not saved");
      return false;
    });
  }
  function send(change) {
    if (blocked) {
      showAlert("Not saved: the draft changed elsewhere or the server stopped. Reload the page first.", true);
      settle(null);
      return Promise.resolve(false);
    }
    markPending(1);
    setStatus("saving…");
    outstanding.push(change);
    const done = queue.then(function () {
      return blocked ? false : post(change);
    }).then(function (ok) {
      outstanding.shift();
      markPending(-1);
      return ok;
    });
    queue = done;
    return done;
  }

  /* ------------------------------------------------------------------ filter and order */

  function filters() {
    return {
      kind: $("f-kind").value, rule: $("f-rule").value, status: $("f-status").value,
      min: parseFloat($("f-min").value), max: parseFloat($("f-max").value),
      text: $("f-text").value.trim().toLowerCase(), sort: $("f-sort").value,
    };
  }
  function shown() {
    const f = filters();
    const out = records().filter(function (r) {
      if (f.kind && r.kind !== f.kind) return false;
      if (f.rule && r.rule !== f.rule) return false;
      if (f.status && r.status !== f.status) return false;
      const c = r.confidence;
      if (c !== null && c !== undefined) {
        if (!isNaN(f.min) && c < f.min) return false;
        if (!isNaN(f.max) && c > f.max) return false;
      }
      if (f.text) {
        const hay = (title(r) + " " + Object.values(r.fields).join(" ") + " " + r.rule + " " + r.id).toLowerCase();
        if (hay.indexOf(f.text) < 0) return false;
      }
      return true;
    });
    const first = function (r) { return r.spans.length ? r.spans[0][0] : Infinity; };
    const conf = function (r) { return r.confidence === null || r.confidence === undefined ? 1 : r.confidence; };
    out.sort(function (a, b) {
      const ga = GROUPS.indexOf(KINDS[a.kind].group), gb = GROUPS.indexOf(KINDS[b.kind].group);
      if (ga !== gb) return ga - gb;
      let d = 0;
      if (f.sort === "conf-asc") d = conf(a) - conf(b);
      else if (f.sort === "conf-desc") d = conf(b) - conf(a);
      else if (f.sort === "rule") d = a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
      return d || (first(a) - first(b)) || (a.order - b.order);
    });
    return out;
  }

  /* ------------------------------------------------------------------ the source text */

  function renderText() {
    const box = $("text");
    box.textContent = "";
    const bounds = new Set([0, CPS.length]);
    const live = records().filter(function (r) { return r.spans.length; });
    live.forEach(function (r) { r.spans.forEach(function (s) { bounds.add(s[0]); bounds.add(s[1]); }); });
    const cuts = Array.from(bounds).filter(function (b) { return b >= 0 && b <= CPS.length; })
      .sort(function (a, b) { return a - b; });
    const starts = {};
    live.forEach(function (r) {
      r.spans.forEach(function (s) { (starts[s[0]] = starts[s[0]] || []).push(r); });
    });
    const sel = current ? byId(current) : null;
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const covering = live.filter(function (r) {
        return r.spans.some(function (s) { return s[0] <= a && b <= s[1]; });
      }).sort(function (x, y) { return width(x, a) - width(y, a); });
      (starts[a] || []).slice().sort(function (x, y) { return width(x, a) - width(y, a); })
        .forEach(function (r) {
          frag.appendChild(el("span", {
            class: "marker", "data-mark": KINDS[r.kind].mark + STATUS_MARK[r.status], "aria-hidden": "true",
          }));
        });
      appendPlain(frag, a, b, covering, sel);
    }
    box.appendChild(frag);
  }
  function width(r, at) {
    const s = r.spans.find(function (sp) { return sp[0] <= at && at < sp[1]; });
    return s ? s[1] - s[0] : Infinity;
  }
  /* One segment [a, b): split around invisible characters, which are shown by name. */
  function appendPlain(frag, a, b, covering, sel) {
    let run = a;
    const flush = function (end) {
      if (end > run) frag.appendChild(segment(run, end, CPS.slice(run, end).join(""), covering, sel, false));
    };
    for (let i = a; i < b; i++) {
      if (INVISIBLE.test(CPS[i])) {
        flush(i);
        frag.appendChild(segment(i, i + 1, visible(CPS[i]), covering, sel, true));
        run = i + 1;
      }
    }
    flush(b);
  }
  function segment(a, b, text, covering, sel, control) {
    const top = covering[0];
    let cls = "seg";
    if (top) cls += " k-" + top.kind + " s-" + top.status;
    if (covering.length > 1) cls += " multi";
    if (control) cls += " ctl";
    if (sel && covering.indexOf(sel) >= 0) cls += " sel";
    const node = el(covering.length ? "mark" : "span", {
      class: cls, "data-start": a, "data-end": b,
      "data-ids": covering.map(function (r) { return r.id; }).join(" ") || null,
      "data-ctl": control ? "1" : null,
      title: covering.length ? covering.map(function (r) { return KINDS[r.kind].one + " " + r.status + ": " + visible(title(r)); }).join("\n") : null,
    });
    node.textContent = text;
    return node;
  }
  /* The code-point offset of a point of the DOM selection inside the text, or null. */
  function offsetOf(node, offset) {
    const box = $("text");
    if (!box.contains(node)) return null;
    if (node === box) {
      const kids = box.childNodes;
      for (let i = offset; i < kids.length; i++) if (kids[i].dataset && kids[i].dataset.start) return +kids[i].dataset.start;
      return CPS.length;
    }
    let seg = node.nodeType === 1 ? node : node.parentElement;
    while (seg && seg !== box && !(seg.dataset && seg.dataset.start !== undefined)) seg = seg.parentElement;
    if (!seg || seg === box) {
      // a marker: the segment after it
      let next = node.nodeType === 1 ? node : node.parentElement;
      while (next && !(next.dataset && next.dataset.start !== undefined)) next = next.nextElementSibling;
      return next ? +next.dataset.start : null;
    }
    const start = +seg.dataset.start;
    if (seg.dataset.ctl) return offset > 0 ? start + 1 : start;
    if (node.nodeType !== 3) return offset > 0 ? +seg.dataset.end : start;
    return start + Array.from(node.data.slice(0, offset)).length;
  }
  function selection() {
    const s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return null;
    const r = s.getRangeAt(0);
    let a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
    if (a === null || b === null) return null;
    if (a > b) { const t = a; a = b; b = t; }
    while (a < b && /\s/.test(CPS[a])) a++;          // trim white space at either end
    while (b > a && /\s/.test(CPS[b - 1])) b--;
    return a < b ? [a, b] : null;
  }

  /* ------------------------------------------------------------------ the list */

  function field(dl, name, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", { text: name }));
    dl.appendChild(el("dd", { text: visible(value) }));
  }
  function features(c) {
    return Object.keys(c.features).map(function (k) { return k + " " + c.features[k]; }).join(", ");
  }
  function candidateText(c) {
    return visible((c.label ? c.label + " " : "") + "(" + c.iri + ") score " + c.score +
      (Object.keys(c.features).length ? "; matched " + features(c) : ""));
  }
  function renderItem(r) {
    const head = el("h4", { id: "h-" + r.id }, [
      el("span", { class: "badge k-" + r.kind, text: KINDS[r.kind].mark, title: KINDS[r.kind].one }),
      visible(title(r)),
      el("span", { class: "state", text: STATUS_MARK[r.status] + " " + r.status }),
    ]);
    const dl = el("dl");
    const f = r.fields;
    DATA.editable[r.kind].forEach(function (name) {
      if (name === "name" && (r.kind === "person" || r.kind === "organisation" || r.kind === "event")) return;
      let value = f[name];
      if (name === "link" && value && value !== "new") value = (r.link_label ? r.link_label + " " : "") + "(" + value + ")";
      if (name === "link" && value === "new") value = "new entity";
      if (name === "ended") value = value ? "yes: the post is over" : "";
      if (["person", "organisation", "event", "agent", "speaker", "unit_of", "place_ref"].indexOf(name) >= 0 && value && byId(value))
        value = nameOf(value) + " (" + value + ")";
      field(dl, name.replace("_", " "), value);
    });
    const metaParts = [];
    if (r.confidence !== null && r.confidence !== undefined) metaParts.push("confidence " + r.confidence);
    if (r.rule) metaParts.push("rule " + r.rule);
    if (r.decided_by) metaParts.push(r.status + " by " + r.decided_by + " at " + r.decided_at);
    const body = [head, dl];
    if (r.spans.length) body.push(el("p", { class: "excerpt", text: "“" + excerpt(r.spans[0], 90) + "”" +
      (r.spans.length > 1 ? " and " + (r.spans.length - 1) + " more" : "") }));
    if (r.unresolved.length) body.push(el("p", { class: "error", text: "Span not found in the text: " + visible(r.unresolved.join("; ")) }));
    if (metaParts.length) body.push(el("p", { class: "meta", text: visible(metaParts.join(" · ")) }));
    if (r.match) body.push(el("p", { class: "meta", text: "Matched: " + candidateText(r.match) }));
    if (r.candidates && r.candidates.length) {
      body.push(el("p", { class: "meta", text: "Other candidates:" }));
      body.push(el("ul", { class: "cands" }, r.candidates.map(function (c) { return el("li", { text: candidateText(c) }); })));
    }
    const label = visible(title(r));
    const actions = el("div", { class: "actions" }, [
      el("button", { type: "button", "data-act": "accepted", class: r.status === "accepted" ? "on" : null,
        "aria-pressed": r.status === "accepted" ? "true" : "false", "aria-label": "Accept " + label, text: "Accept" }),
      el("button", { type: "button", "data-act": "rejected", class: r.status === "rejected" ? "on" : null,
        "aria-pressed": r.status === "rejected" ? "true" : "false", "aria-label": "Reject " + label, text: "Reject" }),
      el("button", { type: "button", "data-act": "edit", "aria-label": "Edit " + label, text: "Edit" }),
    ]);
    body.push(actions);
    const item = el("li", {
      class: "item k-" + r.kind + " s-" + r.status + (r.id === current ? " current" : ""),
      id: "item-" + r.id, "data-id": r.id, tabindex: "-1", "aria-labelledby": "h-" + r.id,
      "aria-current": r.id === current ? "true" : null,
    }, body);
    return item;
  }
  function renderList() {
    const list = $("list");
    const hadFocus = list.contains(document.activeElement) || document.activeElement === document.body;
    list.textContent = "";
    const items = shown();
    GROUPS.forEach(function (group) {
      const inGroup = items.filter(function (r) { return KINDS[r.kind].group === group; });
      if (!inGroup.length) return;
      const hid = "g-" + group.toLowerCase().replace(/[^a-z]+/g, "-");
      list.appendChild(el("section", { class: "group", "aria-labelledby": hid }, [
        el("h3", { id: hid, text: group + " (" + inGroup.length + ")" }),
        el("ol", null, inGroup.map(renderItem)),
      ]));
    });
    if (!items.length) list.appendChild(el("p", { text: "No suggestion matches the filter." }));
    const undecided = items.filter(function (r) { return r.status === "suggested"; }).length;
    $("bulk-accept").textContent = "Accept shown (" + undecided + ")";
    $("bulk-reject").textContent = "Reject shown (" + undecided + ")";
    if (hadFocus && current) {
      const node = $("item-" + current);
      if (node) node.focus({ preventScroll: true });
    }
  }
  function renderFilters() {
    const kind = $("f-kind");
    if (kind.options.length === 1) {
      KIND_ORDER.forEach(function (k) { kind.appendChild(el("option", { value: k, text: KINDS[k].one })); });
    }
    const rule = $("f-rule");
    const chosen = rule.value;
    const rules = Array.from(new Set(records().map(function (r) { return r.rule; }).filter(Boolean))).sort();
    rule.textContent = "";
    rule.appendChild(el("option", { value: "", text: "all" }));
    rules.forEach(function (x) { rule.appendChild(el("option", { value: x, text: visible(x) })); });
    rule.value = rules.indexOf(chosen) >= 0 ? chosen : "";
  }
  function render() {
    if (current && !byId(current)) current = null;
    renderFilters();
    renderText();
    renderList();
  }

  /* ------------------------------------------------------------------ selecting */

  function select(id, scrollText) {
    current = id;
    document.querySelectorAll(".item.current").forEach(function (n) { n.classList.remove("current"); n.removeAttribute("aria-current"); });
    document.querySelectorAll(".seg.sel").forEach(function (n) { n.classList.remove("sel"); });
    if (!id) return;
    const item = $("item-" + id);
    if (item) {
      item.classList.add("current");
      item.setAttribute("aria-current", "true");
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
    let firstSeg = null;
    document.querySelectorAll(".seg[data-ids]").forEach(function (n) {
      if (n.dataset.ids.split(" ").indexOf(id) >= 0) { n.classList.add("sel"); firstSeg = firstSeg || n; }
    });
    if (firstSeg && scrollText !== false) firstSeg.scrollIntoView({ block: "nearest" });
  }
  function move(step) {
    const items = shown();
    if (!items.length) return;
    const i = items.findIndex(function (r) { return r.id === current; });
    const j = i < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + step));
    select(items[j].id);
  }
  function nextUndecided() {
    const items = shown();
    const i = items.findIndex(function (r) { return r.id === current; });
    for (let k = 1; k <= items.length; k++) {
      const r = items[(i + k + items.length) % items.length];
      if (r.status === "suggested") return r.id;
    }
    return null;
  }
  function needsParaphrase(id) {
    const r = byId(id);
    return r && r.kind === "quotation" && !(r.fields.paraphrase || "").trim();
  }
  function decide(ids, status, advance) {
    if (!ids.length || blocked) { if (blocked) send({}); return; }
    note = "";
    if (status === "accepted") {
      const needs = ids.filter(needsParaphrase);
      if (needs.length && ids.length === 1) {
        openEditor("edit", byId(ids[0]), null, "paraphrase", advance);
        return;
      }
      ids = ids.filter(function (id) { return needs.indexOf(id) < 0; });
      if (needs.length) note = needs.length + " quotation(s) left undecided: each needs a paraphrase first (e)";
      if (!ids.length) { setStatus(""); return; }
    }
    optimistic({ op: "status", ids: ids, status: status });   // shown at once
    const next = advance ? nextUndecided() : current;
    render();
    if (next) select(next); else select(current, false);
    send({ op: "status", ids: ids, status: status });
  }
  function bulk(status) {
    const ids = shown().filter(function (r) { return r.status === "suggested"; }).map(function (r) { return r.id; });
    decide(ids, status, false);
  }

  /* ------------------------------------------------------------------ editing */

  const REFS = { person: "person", organisation: "organisation", agent: "person organisation", speaker: "person",
    event: "event", unit_of: "organisation", place_ref: "organisation" };
  const LABELS = { name: "Name", link: "Linked entity (IRI, prefixed name, or new)", kind: "Kind",
    unit_of: "Unit of (organisation id or IRI)", org_number: "Organisation number", person: "Person (id or IRI)",
    role: "Role", organisation: "Organisation (id or IRI)", start: "Start (YYYY-MM-DD)", end: "End (YYYY-MM-DD)",
    ended: "Over before the source was published",
    date: "Date (YYYY-MM-DD)", date_text: "Date as written", place: "Place", place_ref: "Place (organisation id or IRI)",
    event: "Event (id or IRI)", agent: "Agent (person or organisation id or IRI)", speaker: "Speaker (person id or IRI)",
    paraphrase: "Paraphrase, in your own words", body: "Turtle body", note: "Note" };

  function datalist(id, kinds) {
    const list = el("datalist", { id: id });
    records().forEach(function (r) {
      if (kinds.split(" ").indexOf(r.kind) >= 0) list.appendChild(el("option", { value: r.id, label: visible(title(r)) }));
    });
    return list;
  }
  function input(kind, name, value) {
    const id = "ed-" + name;
    let control;
    if (name === "kind") {
      control = el("select", { id: id, name: name }, DATA.org_kinds.map(function (k) { return el("option", { value: k, text: k }); }));
      control.value = value || "organisation";
    } else if (name === "role" && kind === "participation") {
      control = el("select", { id: id, name: name }, DATA.event_roles.map(function (k) { return el("option", { value: k, text: k }); }));
      control.value = value || "attendee";
    } else if (name === "ended") {
      control = el("select", { id: id, name: name }, [
        el("option", { value: "false", text: "no: held, or not said" }),
        el("option", { value: "true", text: "yes: the text speaks of it as over" })]);
      control.value = value ? "true" : "false";
    } else if (name === "paraphrase" || name === "body" || name === "note") {
      control = el("textarea", { id: id, name: name });
      control.value = value || "";
    } else {
      control = el("input", { id: id, name: name, type: "text", autocomplete: "off",
        list: REFS[name] ? "dl-" + name : null });
      control.value = value || "";
    }
    const wrap = el("div", null, [el("label", { for: id, text: LABELS[name] || name }), control]);
    if (REFS[name]) wrap.appendChild(datalist("dl-" + name, REFS[name]));
    if (name === "link") wrap.appendChild(linkSearch());
    if (name === "paraphrase") {
      wrap.appendChild(el("p", { id: "para-warn", class: "warn", "aria-live": "polite" }));
      control.addEventListener("input", function () { $("para-warn").textContent = copyWarning(control.value); });
      setTimeout(function () { $("para-warn").textContent = copyWarning(control.value); }, 0);
    }
    return wrap;
  }
  function linkSearch() {
    const q = el("input", { id: "ed-search", type: "search", autocomplete: "off", "aria-controls": "ed-hits" });
    const go = el("button", { type: "button", id: "ed-search-go", text: "Search the graph" });
    const fresh = el("button", { type: "button", id: "ed-new", text: "Make it a new entity" });
    const hits = el("ul", { id: "ed-hits", class: "hits", "aria-label": "Entities found" });
    const run = function () {
      const text = q.value.trim();
      hits.textContent = "";
      if (!text) return;
      fetch("/api/search?q=" + encodeURIComponent(text), { headers: { "X-Review-Token": DATA.token }, cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (found) {
          hits.textContent = "";
          if (!found.length) { hits.appendChild(el("li", { text: "Nothing in the graph is named like that." })); return; }
          found.forEach(function (m) {
            const b = el("button", { type: "button", "data-iri": m.iri,
              text: visible(m.label + (m.matched !== m.label ? " (as " + m.matched + ")" : "") + " — " + m.iri) });
            b.addEventListener("click", function () { $("ed-link").value = m.iri; $("ed-link").focus(); });
            hits.appendChild(el("li", null, [b]));
          });
        });
    };
    go.addEventListener("click", run);
    q.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); run(); } });
    fresh.addEventListener("click", function () { $("ed-link").value = "new"; });
    return el("div", null, [el("label", { for: "ed-search", text: "Find an entity by any name or spelling" }), q, go, fresh, hits]);
  }
  /* Six or more words of the source in a row, or "". */
  function words(text) { return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []); }
  let sourceGrams = null;
  function copyWarning(paraphrase) {
    const w = words(paraphrase);
    if (w.length < 6) return "";
    if (!sourceGrams) {
      sourceGrams = new Set();
      const s = words(TEXT);
      for (let i = 0; i + 6 <= s.length; i++) sourceGrams.add(s.slice(i, i + 6).join(" "));
    }
    for (let i = 0; i + 6 <= w.length; i++) {
      if (sourceGrams.has(w.slice(i, i + 6).join(" "))) {
        let j = i + 6;
        while (j < w.length && sourceGrams.has(w.slice(j - 5, j + 1).join(" "))) j++;
        return "This repeats " + (j - i) + " words of the source in a row (“" + w.slice(i, j).join(" ") +
          "”). Write the paraphrase in your own words.";
      }
    }
    return "";
  }
  function showSpans() {
    $("editor-spans").textContent = editing.spans.length
      ? "Span: " + editing.spans.map(function (s) { return "[" + s[0] + ", " + s[1] + "] “" + excerpt(s, 60) + "”"; }).join("; ")
      : "No span yet: select text in the source.";
  }
  function buildFields(kind, values) {
    const box = $("editor-fields");
    box.textContent = "";
    DATA.editable[kind].forEach(function (name) { box.appendChild(input(kind, name, values[name])); });
  }
  function openEditor(mode, r, span, focusField, advance) {
    editing = { mode: mode, id: r ? r.id : null, kind: r ? r.kind : "person", advance: !!advance,
      spans: r ? r.spans.map(function (s) { return s.slice(); }) : [span] };
    $("editor-hint").textContent = focusField === "paraphrase"
      ? "A quotation is accepted with a paraphrase in your own words: write it, then Ctrl+Enter."
      : "Ctrl+Enter saves, Escape closes.";
    $("editor").hidden = false;
    $("editor-error").textContent = "";
    const kindRow = $("editor-kind-row");
    kindRow.textContent = "";
    if (mode === "add") {
      $("editor-title").textContent = "Add a fact from the selected text";
      const pick = el("select", { id: "ed-kind-of" }, KIND_ORDER.map(function (k) { return el("option", { value: k, text: KINDS[k].one }); }));
      pick.value = editing.kind;
      kindRow.appendChild(el("label", { for: "ed-kind-of", text: "What is it?" }));
      kindRow.appendChild(pick);
      const guess = CPS.slice(span[0], span[1]).join("").replace(/\s+/g, " ");
      const fill = function () {
        editing.kind = pick.value;
        const values = {};
        if (["person", "organisation", "event"].indexOf(editing.kind) >= 0) { values.name = guess; values.link = "new"; }
        buildFields(editing.kind, values);
      };
      pick.addEventListener("change", fill);
      fill();
      $("editor-save").textContent = "Add";
      pick.focus();
    } else {
      $("editor-title").textContent = "Edit: " + visible(title(r));
      buildFields(r.kind, r.fields);
      $("editor-save").textContent = "Save and accept";
      const first = focusField ? $("ed-" + focusField) : $("editor-fields").querySelector("input, select, textarea");
      if (first) first.focus();
    }
    showSpans();
  }
  function closeEditor() {
    editing = null;
    $("editor").hidden = true;
    if (current) select(current, false);
  }
  function saveEditor(e) {
    e.preventDefault();
    if (!editing) return;
    const fields = {};
    DATA.editable[editing.kind].forEach(function (name) {
      const node = $("ed-" + name);
      if (node) fields[name] = node.value;
    });
    if (!editing.spans.length) { $("editor-error").textContent = "Select the text this fact comes from, then use it as the span."; return; }
    const change = editing.mode === "add"
      ? { op: "add", kind: editing.kind, fields: fields, spans: editing.spans }
      : { op: "edit", id: editing.id, fields: fields, spans: editing.spans };
    const before = records().map(function (r) { return r.id; });
    send(change).then(function (ok) {
      if (!ok) { $("editor-error").textContent = $("alert").textContent; return; }
      let next = current;
      if (editing && editing.mode === "add") {
        const added = records().find(function (r) { return before.indexOf(r.id) < 0; });
        if (added) next = added.id;
      } else if (editing && editing.advance) {
        next = nextUndecided() || current;
      }
      closeEditor();
      render();
      if (next) select(next);
    });
  }

  /* ------------------------------------------------------------------ events */

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    if (editing && e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      $("editor").requestSubmit();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape" && editing) { e.preventDefault(); closeEditor(); return; }
    if (typing(e.target)) return;
    if (e.target && e.target.tagName === "BUTTON" && (e.key === "Enter" || e.key === " ")) return;
    const key = e.key;
    const handled = true;
    if (key === "j" || key === "ArrowDown") move(1);
    else if (key === "k" || key === "ArrowUp") move(-1);
    else if (key === "a" && current) decide([current], "accepted", true);
    else if (key === "r" && current) decide([current], "rejected", true);
    else if (key === "u" && current) decide([current], "suggested", false);
    else if (key === "e" && current) openEditor("edit", byId(current));
    else if (key === "A") bulk("accepted");
    else if (key === "R") bulk("rejected");
    else if (key === "n") addFromSelection();
    else if (key === "/") $("f-text").focus();
    else if (key === "?") toggleKeys();
    else return;
    if (handled) e.preventDefault();
  });
  function addFromSelection() {
    const span = selection();
    if (!span) { showAlert("Select the words of the fact in the source text first, then press n (or the button).", false); return; }
    $("alert").textContent = "";
    openEditor("add", null, span);
  }
  function toggleKeys() {
    const box = $("keys");
    box.hidden = !box.hidden;
    $("keys-toggle").setAttribute("aria-expanded", String(!box.hidden));
  }
  $("keys-toggle").addEventListener("click", toggleKeys);
  $("list").addEventListener("click", function (e) {
    const item = e.target.closest(".item");
    if (!item) return;
    const id = item.dataset.id;
    const act = e.target.closest("button") ? e.target.closest("button").dataset.act : null;
    if (act === "accepted" || act === "rejected") { select(id); decide([id], byId(id).status === act ? "suggested" : act, false); }
    else if (act === "edit") { select(id); openEditor("edit", byId(id)); }
    else select(id);
  });
  $("text").addEventListener("click", function (e) {
    const seg = e.target.closest(".seg[data-ids]");
    if (!seg) return;
    const s = window.getSelection();
    if (s && !s.isCollapsed) return;            // selecting text, not clicking a highlight
    const ids = seg.dataset.ids.split(" ");
    cycle = cycle.seg === seg.dataset.start && cycle.ids === seg.dataset.ids
      ? { seg: seg.dataset.start, ids: seg.dataset.ids, index: (cycle.index + 1) % ids.length }
      : { seg: seg.dataset.start, ids: seg.dataset.ids, index: 0 };
    const id = ids[cycle.index];
    if (!shown().some(function (r) { return r.id === id; })) {
      ["f-kind", "f-rule", "f-status", "f-text"].forEach(function (f) { $(f).value = ""; });
      $("f-min").value = "0"; $("f-max").value = "1";
      renderList();
    }
    select(id, false);
  });
  $("filters").addEventListener("input", function () { renderList(); if (current) select(current, false); });
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("bulk-accept").addEventListener("click", function () { bulk("accepted"); });
  $("bulk-reject").addEventListener("click", function () { bulk("rejected"); });
  $("add").addEventListener("click", addFromSelection);
  $("editor").addEventListener("submit", saveEditor);
  $("editor-cancel").addEventListener("click", closeEditor);
  $("span-replace").addEventListener("click", function () {
    const span = selection();
    if (!span) { $("editor-error").textContent = "Select text in the source first."; return; }
    editing.spans = [span]; showSpans();
  });
  $("span-add").addEventListener("click", function () {
    const span = selection();
    if (!span) { $("editor-error").textContent = "Select text in the source first."; return; }
    editing.spans.push(span); showSpans();
  });
  // the span buttons must not take the text selection away before they read it
  ["span-replace", "span-add", "add"].forEach(function (id) {
    $(id).addEventListener("mousedown", function (e) { e.preventDefault(); });
  });

  /* ------------------------------------------------------------------ start */

  $("title").textContent = visible(state.source.title || state.source.id);
  const legend = $("legend");
  KIND_ORDER.forEach(function (k) {
    legend.appendChild(el("span", { class: "chip k-" + k }, [el("span", { class: "marker", "data-mark": KINDS[k].mark, "aria-hidden": "true" }), " " + KINDS[k].one]));
  });
  legend.appendChild(document.createTextNode(" · ? suggested, ✓ accepted, ✗ rejected"));
  render();
  const firstOpen = shown().find(function (r) { return r.status === "suggested"; }) || shown()[0];
  if (firstOpen) select(firstOpen.id);
  setStatus("");
  markPending(0);
  window.review = {
    state: function () { return state; },
    current: function () { return current; },
    offsetOf: offsetOf,
    copyWarning: copyWarning,
  };
})();
