"""Posts: who holds which role at which organisation, and since when, by patterns over the
sentence rows of :mod:`graph.draft.rows`.

A pattern that names a person and a role but no organisation takes one from the context: the
body whose board the text names, the one organisation of the sentence, the body being founded,
an organisation of the kind the role belongs to, or the organisation the text is most about.

Examples
--------
>>> from graph.draft.recognise import RuleRecogniser
>>> from graph.draft.entities import build_entities
>>> from graph.draft.rows import sentence_rows
>>> doc = Document.of("Kari Nordmann er daglig leder i Fjellbyen Teknikk AS.")
>>> entities = build_entities(doc, RuleRecogniser()(doc), [])
>>> rel = Relations()
>>> PostFinder(doc, entities, sentence_rows(doc, entities, []), [], rel).find()
>>> [(f.person.name, f.role, f.org.name if f.org else "", f.rule) for f in rel.posts]
[('Kari Nordmann', 'daglig leder', 'Fjellbyen Teknikk AS', 'post:copula')]
"""

from __future__ import annotations

import re

from ..search import fold
from .document import Document
from .entities import Entity
from .facts import Item, PostFact, Relations
from .stubs import DateMention

__all__ = ["APPOINTMENTS", "PostFinder", "former_post"]

#: Words that put a post in the past: «har vært», «tidligere», «f.d.» (nb); «har varit»,
#: «tidigare», «före detta» (sv).
_FORMER = re.compile(
    r"\b(?:har\s+vært|hadde\s+vært|tidligere|forhenværende|har\s+varit|hade\s+varit|"
    r"tidigare|före\s+detta|förre|förra)\b|(?<!\w)f\.\s?d\.",
    re.IGNORECASE,
)
#: ... unless the sentence says the post goes on: «har vært leder siden 2019», «fortsatt».
_STILL = re.compile(r"\b(?:siden|sedan|fortsatt|fortfarande|fremdeles|i\s+dag|nå|nu)\b",
                    re.IGNORECASE)
#: «var» as the verb of the post itself («Kari var rådgiver i …»), not «var med».
_WAS = re.compile(r"\bvar\b(?!\s+med\b)", re.IGNORECASE)
_IS = re.compile(r"\b(?:er|är|blir|blev|ble)\b", re.IGNORECASE)

_COMPL = r"(?:@x{1,3})?"          # «professor i livsmedelsteknik vid …»
_POST_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    ("post:apposition", re.compile(rf"P,a*n?R(?:&n?R)*{_COMPL}(?:[@,]|y)[OD]"), 0.9),
    ("post:apposition-genitive", re.compile(r"P,[gd]R"), 0.85),
    ("post:relative", re.compile(rf"P,?s[axzq@]{{0,3}}va*n?R(?:&R)*{_COMPL}[@y](?:[OD]|dx)(?:&n?R{_COMPL}[@y][OD])*"), 0.9),
    ("post:whose", re.compile(r"[OD],?hn?RP"), 0.85),
    ("post:parenthesis", re.compile(rf"P\(n?R(?:&R)*(?:{_COMPL}[@,][OD])?\)"), 0.9),
    ("post:role-org-name", re.compile(rf"n?R{_COMPL}@[OD],P"), 0.9),
    ("post:definite-role-org-name", re.compile(r"r@[OD],P"), 0.9),
    ("post:genitive", re.compile(r"[gd]n?[Rr],?P"), 0.9),
    ("post:role-name-org", re.compile(rf"n?[Rr]P(?:(?:&|a)[a-z]*x*)?{_COMPL}@[OD]"), 0.85),
    ("post:copula", re.compile(rf"[Pp]q?va*n?R(?:&R)*{_COMPL}[@y][OD]"), 0.85),
    ("post:coordinated-copula", re.compile(rf"[Pp][^PpRr,]{{1,8}}&va*n?R{_COMPL}[@y][OD]"), 0.8),
    ("post:appointed", re.compile(rf"[Pp]?v?Ka*[Pp]?[sz]?n?R{_COMPL}(?:@[OD])?"), 0.8),
    ("post:where", re.compile(r"[OD],?w[Pp][xq]?va*n?R"), 0.8),
    ("post:joins", re.compile(rf"[Pp]Jsn?R{_COMPL}(?:@[OD])?"), 0.8),
    ("post:previous-position", re.compile(rf"[Pp][xq@]{{0,3}}Wsn?R{_COMPL}@[OD]"), 0.75),
    ("post:moves-to-position", re.compile(rf"[Pp]a*x[@xaz]{{1,4}}Wsn?R{_COMPL}@[OD]"), 0.75),
    ("post:verb-as", re.compile(rf"[Pp]a*x[xa@yz]{{0,3}}W?sn?R{_COMPL}[@y][OD]"), 0.75),
    ("post:leaves-to-join", re.compile(rf"[Pp][^PpOD]{{0,10}}[@x]xJsn?R{_COMPL}@[OD]"), 0.75),
    ("post:org-new-role", re.compile(r"[OD][xq]{1,2}nRx?P"), 0.8),
    ("post:org-gets-person", re.compile(r"[OD][xqK]{1,2}Psn?R"), 0.8),
    ("post:role-becomes-name", re.compile(rf"n?R(?:{_COMPL}@[ODd])?vP"), 0.75),
    ("post:at-org-is", re.compile(r"^@[OD],?va*Pa*n?R"), 0.8),
    ("post:role-name", re.compile(r"n?[Rr]P"), 0.7),
    ("post:role-portfolio-name", re.compile(r"n?R@x{1,3}P"), 0.7),   # «fylkesråd for næring X»
    ("post:becomes", re.compile(r"Pva*n?R"), 0.7),
    ("post:name-role", re.compile(r"P,a*n?R(?:&n?R)*(?:,|$)"), 0.7),
    ("post:led-by", re.compile(r"[OD]x?x?Lyn?R?P(?:\(n?R\))?"), 0.75),
]

#: The kinds of organisation a role belongs to, for a post whose organisation is not named.
_AFFINITY: dict[str, tuple[str, ...]] = {
    "cluster-leader": ("cluster",),
    "incubator-manager": ("incubator",),
    "chief-municipal-executive": ("municipality",),
    "mayor": ("municipality",),
    "deputy-mayor": ("municipality",),
    "business-development-director": ("municipality",),
    "municipal-commissioner": ("municipality",),
    "county-mayor": ("county", "region"),
    "county-commissioner": ("county", "region"),
    "chief-county-executive": ("county", "region"),
    "county-governor": ("public-agency",),
    **{r: ("university", "university-college", "research-institute") for r in (
        "professor", "associate-professor", "docent", "lecturer", "postdoc", "phd-candidate",
        "dean", "rector")},
    "operations-manager": ("cluster", "association", "incubator", "science-park"),
    "chief-executive": ("company",),
    "founder": ("company",),
}

APPOINTMENTS = ("post:appointed", "post:joins", "post:becomes", "post:led-by")


_ANNOUNCING = ("post:appointed", "post:joins", "post:becomes", "post:role-becomes-name")
_FOUNDING = re.compile(
    r"\b(?:startar|starter|startet|startade|öppnar|åpner|åpnet|öppnade|etablerer|etablere|"
    r"etablerar|etablera|grunnlegger|grundar|bildar|danner|lanserer|lanserar)\s+(?:\w+\s+){0,2}$"
)


def _founded(doc: Document, orgs: list[Entity]) -> Entity | None:
    """The organisation the text says is being started or opened («startar inkubatorn X»)."""
    for o in sorted(orgs, key=lambda o: o.first):
        a = o.first
        if _FOUNDING.search(doc.text[max(0, a - 60): a]):
            return o
    return None


def _board(doc: Document, orgs: list[Entity]) -> Entity | None:
    """The organisation whose board the text names («Styret i X», «X:s styrelse»)."""
    for m in re.finditer(r"\b[Ss]tyre(?:t|lsen) (?:i|ved|vid|for|för|til) ", doc.text):
        for o in orgs:
            if any(a == m.end() for a, _ in o.mentions):
                return o
        for o in orgs:   # «Styret i inkubatoren X»
            if any(m.end() < a <= m.end() + 30 for a, _ in o.mentions):
                return o
    return None


def _start_date(post: PostFact, row: list[Item], dates: list[DateMention], force: bool = False,
                after: int = -1, marker: tuple[str, ...] = ()) -> None:
    if post.start and not force:
        return
    a, b = row[0].start, row[-1].end
    for d in dates:
        if a <= d.start < b and d.value and d.start > after:
            if marker:
                prev = row[0]
                for it in row:
                    if it.end <= d.start:
                        prev = it
                if prev.text.lower() not in marker:
                    continue
            post.start = d.value
            post.spans.append((d.start, d.end))
            return


class PostFinder:
    """Finds the posts of a document, row by row, into ``rel.posts``.

    It keeps what a later row needs: the persons named last (for pronouns), the posts found
    (one per person, role and organisation), and who leads which organisation.
    """

    def __init__(self, doc: Document, entities: list[Entity], rows: list[list[Item]],
                 dates: list[DateMention], rel: Relations) -> None:
        self.doc, self.rows, self.dates, self.rel = doc, rows, dates, rel
        self.orgs = [e for e in entities if e.kind == "organisation"]
        self.board = _board(doc, self.orgs)
        self.founded = _founded(doc, self.orgs)
        self.salient = _salient(doc, self.orgs, rows)
        self.last_person: list[Entity] = []
        self.seen: dict[tuple[str, str, str], PostFact] = {}
        self.led_by: dict[str, Entity] = {}

    def find(self) -> None:
        """Read every row."""
        for row in self.rows:
            code = "".join(it.code for it in row)
            used_roles: set[int] = set()
            used_orgs: set[int] = set()
            for rule, rx, conf in _POST_PATTERNS:
                for m in rx.finditer(code):
                    self._match(row, row[m.start(): m.end()], rule, conf, used_roles, used_orgs)
            self._succession(row, code)
            self._start_dates(row, code)
            for it in row:
                if it.code == "P" and it.ref is not None:
                    if it.ref in self.last_person:
                        self.last_person.remove(it.ref)
                    self.last_person.append(it.ref)

    def org_of(self, item: Item) -> Entity | None:
        """The organisation an item names or refers to (a definite noun: the last one of its
        kind named before, else the only one of its kind)."""
        if item.ref is not None:
            return item.ref
        kind = item.role[0] if item.role else ""
        before = [o for o in self.orgs if o.org_kind == kind and any(a < item.start for a, _ in o.mentions)]
        if before:
            return max(before, key=lambda o: max(a for a, _ in o.mentions if a < item.start))
        same = [o for o in self.orgs if o.org_kind == kind]
        return same[0] if len(same) == 1 else None

    def _pronoun(self, item: Item, row: list[Item] | None = None) -> Entity | None:
        want = item.role[0] if item.role else ""
        earlier = [it.ref for it in (row or []) if it.code == "P" and it.end <= item.start
                   and it.ref is not None]
        for p in reversed(self.last_person + earlier):
            if not want or p.gender in (want, "u", ""):
                if (item.start, item.end) not in p.mentions:
                    p.mentions.append((item.start, item.end))
                return p
        return None

    def _add(self, person: Entity, role: Item, org: Entity | None, span: tuple[int, int], rule: str,
             conf: float) -> PostFact | None:
        assert role.role is not None
        key = (person.id, role.role[0], org.id if org else "")
        if key in self.seen:
            return self.seen[key]
        if org is None:
            return None
        f = PostFact(person, role.role[0], role.role[1], org, [span], rule, conf)
        self.seen[key] = f
        self.rel.posts.append(f)
        return f

    def _match(self, row: list[Item], items: list[Item], rule: str, conf: float,
               used_roles: set[int], used_orgs: set[int]) -> None:
        """The post of one match of a pattern."""
        persons = [it for it in items if it.code in "Pp"]
        if not persons:
            return
        if rule == "post:role-becomes-name" and not any(
            it.code == "v" and it.text.lower() in ("blir", "blev", "ble") for it in items
        ) and not any(it.code in "ODgd" for it in items) and not (
            items[0].role and _AFFINITY.get(items[0].role[1], ("company",)) != ("company",)):
            return      # «Projektledare är X» may name a project's leader; «Klyngeleder er X» not
        pitem = persons[0]
        roles_here = [it.start for it in items if it.code in "Rr"]
        if roles_here and all(r in used_roles for r in roles_here):
            return
        person = pitem.ref if pitem.code == "P" else self._pronoun(pitem, row)
        if person is None:
            return
        roles = [it for it in items if it.code in "Rr"]
        if rule in ("post:leaves-to-join", "post:moves-to-position", "post:verb-as"):
            roles = roles[-1:]      # the post left is not at the new organisation
        org_items = [it for it in items if it.code in "ODgd"]
        org = self.org_of(org_items[-1]) if org_items else None
        c = conf
        if org is None and person.id in self.led_by:
            org = self.led_by[person.id]
        if org is None and roles and roles[0].role is not None and any(
            f.person is person and f.role == roles[0].role[0] for f in self.rel.posts
        ):
            return
        org, c = self._context_org(org, c, row, rule, conf, pitem, roles, used_orgs)
        if rule == "post:led-by" and not roles:
            if org_items and self.org_of(org_items[0]) is not None:
                self.led_by[person.id] = self.org_of(org_items[0])  # type: ignore[assignment]
            return
        span = (items[0].start, items[-1].end)
        for r in roles:
            after = [it for it in org_items if it.start > r.start]
            r_org = self.org_of(after[0]) if after and len(org_items) > 1 else org
            f = self._add(person, r, r_org or org, span, rule, round(c, 2))
            if f and rule in ("post:appointed", "post:joins"):
                _start_date(f, row, self.dates)
        used_roles.update(roles_here)
        used_orgs.update(it.start for it in org_items)

    def _context_org(self, org: Entity | None, c: float, row: list[Item], rule: str, conf: float,
                     pitem: Item, roles: list[Item], used_orgs: set[int]) -> tuple[Entity | None, float]:
        """The organisation of a post that names none, from the context, and the confidence."""
        if org is None and roles and roles[0].role is not None and roles[0].role[1] in (
            "chair", "board-member"
        ) and self.board is not None:
            org, c = self.board, conf - 0.1
        if org is None:
            som_after = next((it.start for it in row if it.code == "s" and it.start > pitem.start), None)
            sent_orgs = [it for it in row if it.code in "ODgd" and it.start not in used_orgs
                         and (som_after is None or it.start < som_after)]
            kinds = _AFFINITY.get(roles[0].role[1], ()) if roles and roles[0].role else ()
            if len(sent_orgs) == 1:
                org = self.org_of(sent_orgs[0])
                c = conf - 0.1
                if kinds and kinds != ("company",) and org is not None and org.org_kind not in kinds \
                        and any(o.org_kind in kinds for o in self.orgs):
                    org = None
        if org is None and rule in _ANNOUNCING and self.founded is not None \
                and self.founded.first < pitem.start:
            org, c = self.founded, conf - 0.15     # the new body the text is about
        if org is None and roles and roles[0].role is not None:
            kinds = _AFFINITY.get(roles[0].role[1], ())
            fitting = [o for o in self.orgs if o.org_kind in kinds]
            earlier = [o for o in fitting if o.first < pitem.start]
            if earlier or fitting:
                org = max(earlier, key=lambda o: max(a for a, _ in o.mentions if a < pitem.start)) \
                    if earlier else fitting[0]
                c = conf - 0.15
        if org is None and self.salient is not None:
            org, c = self.salient, conf - (0.3 if rule == "post:role-name" else 0.25)
        return org, c

    def _succession(self, row: list[Item], code: str) -> None:
        """«… tar over etter X», «… efterträder X»: X held the same post."""
        for m in re.finditer(r"Y(P)", code):
            pred = row[m.start(1)].ref
            subj = next((it for it in row[: m.start()] if it.code in "Pp"), None)
            person = subj.ref if subj is not None and subj.code == "P" else (
                self._pronoun(subj) if subj is not None else None)
            mine = [f for f in self.rel.posts if person is not None and f.person is person]
            if pred is not None and mine:
                fresh = [f for f in mine if f.start or f.rule in APPOINTMENTS]
                f0 = fresh[-1] if fresh else max(mine, key=lambda f: f.confidence)
                key = (pred.id, f0.role, f0.org.id if f0.org else "")
                if key not in self.seen:
                    f = PostFact(pred, f0.role, f0.role_slug, f0.org,
                                 [(row[m.start()].start, row[m.end(1) - 1].end)], "post:succeeds", 0.65)
                    self.seen[key] = f
                    self.rel.posts.append(f)

    def _start_dates(self, row: list[Item], code: str) -> None:
        """«Hun tiltrer 1. april», «… blir klyngeleder og begynner 1. april»: the date after the
        verb of starting goes to the person's announced post; «X er leder fra 1. mai» too."""
        if "J" in code and re.search(r"^[Pp]", code.lstrip("x@a")):
            first = next(it for it in row if it.code in "Pp")
            person = first.ref if first.code == "P" else self._pronoun(first)
            j_at = next(it.start for it in row if it.code == "J")
            mine = [f for f in self.rel.posts if person is not None and f.person is person]
            announced = [f for f in mine if f.rule in APPOINTMENTS]
            here = [f for f in mine if row[0].start <= f.spans[0][0] < j_at]
            targets = announced or here
            if targets:
                _start_date(targets[-1], row, self.dates, force=True, after=j_at)
        for m in re.finditer(r"Pva*n?R", code):
            person = row[m.start()].ref
            for f in self.rel.posts:
                if f.person is person and f.role == row[m.end() - 1].role[0]:  # type: ignore[index]
                    _start_date(f, row, self.dates, after=row[m.end() - 1].end,
                                marker=("fra", "från", "från och med"))


def _salient(doc: Document, orgs: list[Entity], rows: list[list[Item]]) -> Entity | None:
    """The organisation the text is most about: most mentions (the headline counts twice, a
    definite noun such as «nätverket» counts for the one body of its kind), first named."""
    title = fold(doc.title)
    mention_count = {o.id: len(o.mentions) + (2 if fold(o.name) in title else 0) for o in orgs}
    for row in rows:
        for it in row:
            if it.code in "Dd" and it.role:
                kind = it.role[0]
                same = [o for o in orgs if o.org_kind == kind]
                if len(same) == 1:
                    mention_count[same[0].id] += 1
    return max(orgs, key=lambda o: (mention_count[o.id], -o.first), default=None)


def former_post(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the text speaks of a post as over: a marker of the past in its sentence up to
    the end of the post's words («der hun har vært seniorforsker», «Tidligere var han …»), or
    «var» among the post's own words, and nothing that says it goes on.

    Examples
    --------
    >>> t = "Kari kommer fra Nordlandsforskning, der hun har vært seniorforsker."
    >>> former_post(t, [(16, 66)])
    True
    >>> former_post("Kari har vært daglig leder i Havkraft siden 2019.", [(0, 37)])
    False
    >>> former_post("Kari var rådgiver i Bodø kommune.", [(0, 32)]), former_post(
    ...     "Kari er rådgiver i Bodø kommune.", [(0, 31)])
    (True, False)
    """
    from .date_words import sentence_bounds

    if not spans:
        return False
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    lo, hi = sentence_bounds(text, start, end)
    if _STILL.search(text, start, hi):
        return False
    if _FORMER.search(text, lo, end):
        return True
    own = text[start:end]
    return bool(_WAS.search(own)) and not _IS.search(own)
