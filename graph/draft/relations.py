"""Relations between the entities of a text: posts, events and who did what at them,
quotations and their speakers.

Each sentence becomes a row of items, one letter each — ``P`` a person, ``O`` an
organisation, ``g`` an organisation in the genitive, ``D``/``d`` a noun that refers back to an
organisation (``klyngen``, ``företagets``), ``R`` a role, ``r`` a role in the definite form,
``p`` a pronoun, ``E`` an event, ``@`` a preposition, ``s`` *som*, ``v`` a copula, ``&`` *og*,
``a`` an adverb, ``n`` *ny*, ``,()`` punctuation, and letters for the verbs and nouns of events —
and the patterns of the language are regular expressions over that row. The patterns are
written once for both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..search import fold
from .entities import Entity
from .lexicon import (
    ADVERBS,
    COPULAS,
    DESCRIPTOR_ENDINGS,
    DESCRIPTORS,
    NEW_WORDS,
    ORG_ANAPHORS,
    PREPOSITIONS,
    PRONOUNS,
    event_noun,
)
from .recognise import Document, role_at
from .stubs import DateMention, QuoteMention

__all__ = ["EventFact", "Item", "PartFact", "PostFact", "QuoteFact", "Relations", "relate"]


@dataclass
class Item:
    """One item of a sentence row."""

    code: str
    start: int
    end: int
    text: str
    ref: Entity | None = None
    role: tuple[str, str] | None = None


@dataclass
class PostFact:
    person: Entity
    role: str
    role_slug: str
    org: Entity | None
    spans: list[tuple[int, int]]
    rule: str
    confidence: float
    start: str = ""


@dataclass
class EventFact:
    id: str
    name: str
    spans: list[tuple[int, int]]
    rule: str
    confidence: float
    date: str = ""
    date_start: str = ""
    date_end: str = ""
    date_text: str = ""
    place: str = ""
    noun: str = ""


@dataclass
class PartFact:
    event: EventFact
    agent: Entity
    role: str
    spans: list[tuple[int, int]]
    rule: str
    confidence: float


@dataclass
class QuoteFact:
    speaker: Entity
    span: tuple[int, int]
    rule: str
    confidence: float


@dataclass
class Relations:
    posts: list[PostFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    parts: list[PartFact] = field(default_factory=list)
    quotes: list[QuoteFact] = field(default_factory=list)


# verbs and nouns of events, by the letter they get in a row
_WORD_CODES: dict[str, str] = {}
for _w in ("arrangert arrangeres arrangeras arrangerades arrangerats organisert organiseres "
           "organiseras anordnas anordnades").split():
    _WORD_CODES[_w] = "A"      # … av X: organisers follow
for _w in ("arrangerte arrangerer arrangerar arrangerade arrangerat organiserer organiserar "
           "inviterer inviterte bjuder inbjuder").split():
    _WORD_CODES[_w] = "B"      # X …: organisers before
for _w in "vertskap vertskapet vert värd värdar vertskab".split():
    _WORD_CODES[_w] = "H"
for _w in "arrangør arrangøren arrangører arrangör arrangören arrangörer".split():
    _WORD_CODES[_w] = "Q"
for _w in ("innledere innlederne innledarane talere talerne talare talarna foredragsholdere "
           "foredragsholderne föreläsare föreläsarna paneldeltakere paneldeltakerne "
           "paneldeltagare paneldeltagarna panelister panelisterna").split():
    _WORD_CODES[_w] = "S"
for _w in ("innleder inleder presenterer presenterar presenterte presenterade berättar forteller "
           "fortalte berättade talar taler talte talade åpnet åpner öppnade öppnar föreläser "
           "foreleser presentere presentera innlede inleda tale tala snakker snakket pratar "
           "pratade innledet innledde inledde inledet").split():
    _WORD_CODES[_w] = "T"
for _w in ("ordstyrer ordstyreren moderator moderatorn moderatoren konferansier programleder "
           "møteleder samtalsledare samtalsleder").split():
    _WORD_CODES[_w] = "F"
for _w in "modererar modererer modererte modererade".split():
    _WORD_CODES[_w] = "M"
for _w in "ledes leds ledas".split():
    _WORD_CODES[_w] = "L"
for _w in "tiltrer tiltrådte tillträder tillträdde tiltre tillträda begynner börjar begynne börja".split():
    _WORD_CODES[_w] = "J"
for _w in ("ansatt ansatte anställt anställer anställde tilsatt rekrytert rekryterat utsett "
           "utsåg utser utnevnt utnevnte utnevner utnämnt utnämnde valgt vald valt valdes valgtes "
           "utsågs utnämndes anställdes ansettes").split():
    _WORD_CODES[_w] = "K"
for _w in "stillingen jobben rollen befattningen tjänsten stillinga stilling tjänst befattning".split():
    _WORD_CODES[_w] = "W"
for _w in ("efterträder efterträdde etterfølger etterfulgte erstatter ersätter avløser "
           "avlöser").split():
    _WORD_CODES[_w] = "Y"
for _w in "der där".split():
    _WORD_CODES[_w] = "w"
for _w in "deltar deltok deltog deltakar".split():
    _WORD_CODES[_w] = "U"
for _w in "innlegg innlegget innlägg innlägget foredrag foredraget föredrag föredraget".split():
    _WORD_CODES[_w] = "I"
for _w in "har hade hadde".split():
    _WORD_CODES[_w] = "q"
for _w in "holder håller holdt höll".split():
    _WORD_CODES[_w] = "o"
for _w in "vars hvis".split():
    _WORD_CODES[_w] = "h"
for _w in "bak".split():
    _WORD_CODES[_w] = "b"
for _w in "finns fanns".split():
    _WORD_CODES[_w] = "v"
for _w in "står stod".split():
    _WORD_CODES[_w] = "t"


#: Nouns for the board of a body named just before in the genitive.
_BOARD_NOUNS = frozenset("styre styret styrelse styrelsen".split())

#: Verbs of leading a programme item, and the items: «X ledet debatten» makes X its facilitator.
_LEAD_VERBS = frozenset("leder ledet ledte leda ledde leds ledar leiar leia leidde".split())
_LED_THINGS = frozenset(
    "debatten debatt dagen møtet mötet panelet panelen paneldebatten panelsamtalen samtalen "
    "seminaret seminariet konferansen konferensen programmet samlingen frokostmøtet "
    "frukostmötet diskusjonen diskussionen".split()
)


def _head_anaphor(word: str, orgs_by_head: dict[str, Entity]) -> Entity | None:
    """The organisation a definite noun names by the last part of its name: «labbets» for
    «Innovatum Fordonslab», «senteret» for «Bioøkonomisenteret Innherred»."""
    w = word[:-1] if word.endswith("s") else word
    for suffix in ("et", "en", "n", "a"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            for cand in (base, base[:-1] if len(base) > 3 and base[-1] == base[-2] else base):
                if cand in orgs_by_head:
                    return orgs_by_head[cand]
    return None


def _rows(doc: Document, entities: list[Entity], events: list[EventFact]) -> list[list[Item]]:
    orgs_by_head: dict[str, Entity] = {}
    heads: dict[str, list[Entity]] = {}
    for e in entities:
        if e.kind == "organisation" and e.org_kind not in ("municipality", "county", "region"):
            last = fold(e.name).split()[-1] if fold(e.name) else ""
            for n in range(3, 8):
                if len(last) > n and last[-n:] in _HEAD_NOUNS:
                    heads.setdefault(last[-n:], []).append(e)
    orgs_by_head = {k: v[0] for k, v in heads.items() if len(v) == 1}
    by_pos: dict[int, tuple[int, Entity]] = {}
    for e in entities:
        for a, b in e.mentions:
            by_pos[a] = (b, e)
    event_pos: dict[int, tuple[int, EventFact]] = {}
    for ev in events:
        for a, b in ev.spans:
            event_pos[a] = (b, ev)
    rows = []
    for sent in doc.sentences:
        if sent.end <= doc.body_start:
            continue
        toks = sent.tokens
        row: list[Item] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            low = t.text.lower()
            if t.start in by_pos:
                end, ent = by_pos[t.start]
                j = i
                while j < len(toks) and toks[j].end <= end:
                    j += 1
                genitive = (t.start, end) in ent.genitive
                code = "P" if ent.kind == "person" else ("g" if genitive else "O")
                row.append(Item(code, t.start, end, doc.text[t.start:end], ent))
                i = max(j, i + 1)
                continue
            if t.start in event_pos:
                end, ev = event_pos[t.start]
                j = i
                while j < len(toks) and toks[j].end <= end:
                    j += 1
                row.append(Item("E", t.start, end, doc.text[t.start:end]))
                row[-1].role = (ev.id, "")
                i = max(j, i + 1)
                continue
            if t.text == ":" and row and row[-1].code == "F":
                i += 1      # «Ordstyrer: X»
                continue
            if t.text == "(" and i + 2 < len(toks) and toks[i + 1].text.isdigit() and toks[i + 2].text == ")":
                i += 3      # an age: «Kari Nordmann (44)»
                continue
            if low in ("i", "idag") and i + 1 < len(toks) and toks[i + 1].text.lower() == "dag" or low == "idag":
                row.append(Item("a", t.start, toks[min(i + 1, len(toks) - 1)].end, "i dag"))
                i += 1 if low == "idag" else 2
                continue
            two = f"{low} {toks[i + 1].text.lower()}" if i + 1 < len(toks) else ""
            if two in ("tillsammans med", "sammen med", "sammen", "ihop med"):
                row.append(Item("&", t.start, toks[i + 1].end, two))
                i += 2
                continue
            three = f"{two} {toks[i + 2].text.lower()}" if i + 2 < len(toks) else ""
            if three in ("tar over etter", "tar över efter", "tok over etter", "tog över efter"):
                row.append(Item("Y", t.start, toks[i + 2].end, three))
                i += 3
                continue
            if two in ("tar over", "tar över", "tok over", "tog över") and three not in (
                "tar over etter", "tar över efter"
            ):
                row.append(Item("J", t.start, toks[i + 1].end, two))
                i += 2
                continue
            if two in ("overtar etter", "övertar efter", "overtok etter"):
                row.append(Item("Y", t.start, toks[i + 1].end, two))
                i += 2
                continue
            if low in ("i", "med") and i + 1 < len(toks) and toks[i + 1].text.lower() in ("regi", "samarbeid", "samarbete"):
                k = i + 2
                if k < len(toks) and toks[k].text.lower() in ("av", "med"):
                    row.append(Item("A", t.start, toks[k].end, "i regi av"))
                    i = k + 1
                    continue
            if low in _LEAD_VERBS and i + 1 < len(toks) and toks[i + 1].text.lower() in _LED_THINGS:
                row.append(Item("M", t.start, toks[i + 1].end, two))    # «ledet debatten»
                i += 2
                continue
            if _WORD_CODES.get(low) == "T" and i + 1 < len(toks) and toks[i + 1].text.lower() in ("at", "att"):
                row.append(Item("x", t.start, t.end, t.text))    # «forteller at …»: reported, not a talk
                i += 1
                continue
            r = role_at(toks, i)
            if r and not (r[0] in ("leder", "ledare", "sjef", "chef") and not (
                i + r[2] < len(toks) and toks[i + r[2]].text.lower() in PREPOSITIONS | {"av", "för", "for"}
            ) and not (i and toks[i - 1].text.lower() in ("daglig", "nye", "nya", "ny"))):
                end = toks[i + r[2] - 1].end
                row.append(Item("r" if r[3] else "R", t.start, end, doc.text[t.start:end], role=(r[0], r[1])))
                i += r[2]
                continue
            if low in _BOARD_NOUNS and row and row[-1].code in "gd":
                i += 1      # «klustrets styrelse»: the board speaks for the body
                continue
            if row and row[-1].code == "@" and t.text.islower() and low.endswith(("et", "en", "an")) \
                    and i + 1 < len(toks) and toks[i + 1].start in by_pos \
                    and by_pos[toks[i + 1].start][1].kind == "organisation":
                i += 1      # «vd för sågverket Kinnarumma Trä AB»: a common noun before the name
                continue
            head_ref = _head_anaphor(low, orgs_by_head)
            if head_ref is not None and low not in ORG_ANAPHORS and low.rstrip("s") not in ORG_ANAPHORS:
                code = "d" if low.endswith("s") else "D"
                row.append(Item(code, t.start, t.end, t.text, head_ref))
                i += 1
                continue
            if low in ("regionens", "stadens", "fylkets", "länets") and any(
                e.kind == "organisation" and e.org_kind in _GENITIVE_BODIES[low] for e in entities
            ):
                row.append(Item("d", t.start, t.end, t.text, role=(_GENITIVE_BODIES[low][0], "")))
                i += 1
                continue
            anaphor = low[:-1] if low.endswith("s") and low[:-1] in ORG_ANAPHORS else low
            if anaphor in ORG_ANAPHORS and anaphor == low and i + 1 < len(toks) \
                    and toks[i + 1].start in by_pos:
                i += 1      # «Klustret Fiberdalen»: a descriptor, not a reference
                continue
            if anaphor in ORG_ANAPHORS:
                row.append(Item("d" if anaphor != low else "D", t.start, t.end, t.text, role=(ORG_ANAPHORS[anaphor], "")))
                i += 1
                continue
            if (DESCRIPTORS.get(low) or low.endswith(DESCRIPTOR_SUFFIXES)) and i + 1 < len(toks) \
                    and toks[i + 1].start in by_pos:
                i += 1      # «næringsklyngen Havteknologi Midt»: the name says it
                continue
            if low in PRONOUNS:
                row.append(Item("p", t.start, t.end, t.text, role=(PRONOUNS[low], "")))
            elif low in _WORD_CODES:
                row.append(Item(_WORD_CODES[low], t.start, t.end, t.text))
            elif low == "av" or low == "til" or low == "till":
                row.append(Item("y" if low == "av" else "z", t.start, t.end, t.text))
            elif low in PREPOSITIONS:
                row.append(Item("@", t.start, t.end, t.text))
            elif low == "som":
                row.append(Item("s", t.start, t.end, t.text))
            elif low in COPULAS:
                row.append(Item("v", t.start, t.end, t.text))
            elif low in ("og", "och", "samt"):
                row.append(Item("&", t.start, t.end, t.text))
            elif low in ADVERBS:
                row.append(Item("a", t.start, t.end, t.text))
            elif low in NEW_WORDS:
                row.append(Item("n", t.start, t.end, t.text))
            elif t.text in ",()":
                row.append(Item(t.text, t.start, t.end, t.text))
            elif event_noun(t.text):
                row.append(Item("e", t.start, t.end, t.text, role=(event_noun(t.text) or "", "")))
            else:
                row.append(Item("x", t.start, t.end, t.text))
            i += 1
        rows.append(row)
    return rows


DESCRIPTOR_SUFFIXES = tuple(e for e, _ in DESCRIPTOR_ENDINGS)
_AGENTS = r"(?:[rR]?[POD](?:(?:,|&|,&)[rR]?[POD])*)"
_ORG = r"[ODgd]"
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
    ("post:becomes", re.compile(r"Pva*n?R"), 0.7),
    ("post:name-role", re.compile(r"P,a*n?R(?:&n?R)*(?:,|$)"), 0.7),
    ("post:led-by", re.compile(r"[OD]x?x?Lyn?R?P(?:\(n?R\))?"), 0.75),
]


#: The kinds of organisation a role belongs to, for a post whose organisation is not named.
#: Genitives of nouns for places that, in the genitive, mean the body that governs them.
_GENITIVE_BODIES: dict[str, tuple[str, ...]] = {
    "regionens": ("region", "county"), "stadens": ("municipality",),
    "fylkets": ("county",), "länets": ("region", "county"),
}

#: Last parts of names that a definite noun can refer back to.
_HEAD_NOUNS = frozenset("lab labb senter center centrum hus huset verk park klynge kluster hage".split())

_AFFINITY: dict[str, tuple[str, ...]] = {
    "cluster-leader": ("cluster",),
    "incubator-manager": ("incubator",),
    "chief-municipal-executive": ("municipality",),
    "mayor": ("municipality",),
    "deputy-mayor": ("municipality",),
    "business-development-director": ("municipality",),
    "municipal-commissioner": ("municipality",),
    "county-mayor": ("county", "region"),
    "chief-county-executive": ("county", "region"),
    "county-governor": ("public-agency",),
    **{r: ("university", "university-college", "research-institute") for r in (
        "professor", "associate-professor", "docent", "lecturer", "postdoc", "phd-candidate",
        "dean", "rector")},
    "operations-manager": ("cluster", "association", "incubator", "science-park"),
    "chief-executive": ("company",),
    "founder": ("company",),
}


def relate(doc: Document, entities: list[Entity], dates: list[DateMention],
           quotes: list[QuoteMention]) -> Relations:
    """Posts, events, participations and quotations of a document."""
    rel = Relations()
    people = [e for e in entities if e.kind == "person"]
    orgs = [e for e in entities if e.kind == "organisation"]
    title = fold(doc.title)
    mention_count = {o.id: len(o.mentions) + (2 if fold(o.name) in title else 0) for o in orgs}
    salient = max(orgs, key=lambda o: (mention_count[o.id], -o.first), default=None)
    board = _board(doc, orgs)
    founded = _founded(doc, orgs)
    rel.events = _events(doc, entities, dates)
    rows = _rows(doc, entities, rel.events)
    for row in rows:    # references by a definite noun («nätverket») count towards salience
        for it in row:
            if it.code in "Dd" and it.role:
                kind = it.role[0]
                same = [o for o in orgs if o.org_kind == kind]
                if len(same) == 1:
                    mention_count[same[0].id] += 1
    salient = max(orgs, key=lambda o: (mention_count[o.id], -o.first), default=None)

    def org_of(item: Item) -> Entity | None:
        if item.ref is not None:
            return item.ref
        kind = item.role[0] if item.role else ""
        before = [o for o in orgs if o.org_kind == kind and any(a < item.start for a, _ in o.mentions)]
        if before:
            return max(before, key=lambda o: max(a for a, _ in o.mentions if a < item.start))
        same = [o for o in orgs if o.org_kind == kind]
        return same[0] if len(same) == 1 else None

    last_person: list[Entity] = []

    def pronoun(item: Item, row: list[Item] | None = None) -> Entity | None:
        want = item.role[0] if item.role else ""
        earlier = [it.ref for it in (row or []) if it.code == "P" and it.end <= item.start
                   and it.ref is not None]
        for p in reversed(last_person + earlier):
            if not want or p.gender in (want, "u", ""):
                if (item.start, item.end) not in p.mentions:
                    p.mentions.append((item.start, item.end))
                return p
        return None

    seen_posts: dict[tuple[str, str, str], PostFact] = {}
    led_by: dict[str, Entity] = {}

    def add_post(person: Entity, role: Item, org: Entity | None, span: tuple[int, int], rule: str,
                 conf: float) -> PostFact | None:
        assert role.role is not None
        key = (person.id, role.role[0], org.id if org else "")
        if key in seen_posts:
            return seen_posts[key]
        if org is None:
            return None
        f = PostFact(person, role.role[0], role.role[1], org, [span], rule, conf)
        seen_posts[key] = f
        rel.posts.append(f)
        return f

    for row in rows:
        code = "".join(it.code for it in row)
        used_roles: set[int] = set()
        used_orgs: set[int] = set()
        for rule, rx, conf in _POST_PATTERNS:
            for m in rx.finditer(code):
                items = row[m.start(): m.end()]
                persons = [it for it in items if it.code in "Pp"]
                if not persons:
                    continue
                if rule == "post:role-becomes-name" and not any(
                    it.code == "v" and it.text.lower() in ("blir", "blev", "ble") for it in items
                ) and not any(it.code in "ODgd" for it in items) and not (
                    items[0].role and _AFFINITY.get(items[0].role[1], ("company",)) != ("company",)):
                    continue    # «Projektledare är X» may name a project's leader; «Klyngeleder er X» not
                pitem = persons[0]
                roles_here = [it.start for it in items if it.code in "Rr"]
                if roles_here and all(r in used_roles for r in roles_here):
                    continue
                person = pitem.ref if pitem.code == "P" else pronoun(pitem, row)
                if person is None:
                    continue
                roles = [it for it in items if it.code in "Rr"]
                if rule in ("post:leaves-to-join", "post:moves-to-position", "post:verb-as"):
                    roles = roles[-1:]      # the post left is not at the new organisation
                org_items = [it for it in items if it.code in "ODgd"]
                org = org_of(org_items[-1]) if org_items else None
                c = conf
                if org is None and person.id in led_by:
                    org = led_by[person.id]
                if org is None and roles and roles[0].role is not None and any(
                    f.person is person and f.role == roles[0].role[0] for f in rel.posts
                ):
                    continue
                if org is None and roles and roles[0].role is not None and roles[0].role[1] in (
                    "chair", "board-member"
                ) and board is not None:
                    org, c = board, conf - 0.1
                if org is None:
                    som_after = next((it.start for it in row if it.code == "s" and it.start > pitem.start), None)
                    sent_orgs = [it for it in row if it.code in "ODgd" and it.start not in used_orgs
                                 and (som_after is None or it.start < som_after)]
                    kinds = _AFFINITY.get(roles[0].role[1], ()) if roles and roles[0].role else ()
                    if len(sent_orgs) == 1:
                        org = org_of(sent_orgs[0])
                        c = conf - 0.1
                        if kinds and kinds != ("company",) and org is not None and org.org_kind not in kinds \
                                and any(o.org_kind in kinds for o in orgs):
                            org = None
                if org is None and rule in _ANNOUNCING and founded is not None \
                        and founded.first < pitem.start:
                    org, c = founded, conf - 0.15     # the new body the text is about
                if org is None and roles and roles[0].role is not None:
                    kinds = _AFFINITY.get(roles[0].role[1], ())
                    fitting = [o for o in orgs if o.org_kind in kinds]
                    earlier = [o for o in fitting if o.first < pitem.start]
                    if earlier or fitting:
                        org = max(earlier, key=lambda o: max(a for a, _ in o.mentions if a < pitem.start)) \
                            if earlier else fitting[0]
                        c = conf - 0.15
                if org is None and salient is not None:
                    org, c = salient, conf - (0.3 if rule == "post:role-name" else 0.25)
                if rule == "post:led-by" and not roles:
                    if org_items and org_of(org_items[0]) is not None:
                        led_by[person.id] = org_of(org_items[0])  # type: ignore[assignment]
                    continue
                span = (items[0].start, items[-1].end)
                for r in roles:
                    after = [it for it in org_items if it.start > r.start]
                    r_org = org_of(after[0]) if after and len(org_items) > 1 else org
                    f = add_post(person, r, r_org or org, span, rule, round(c, 2))
                    if f and rule in ("post:appointed", "post:joins"):
                        _start_date(f, row, dates)
                used_roles.update(roles_here)
                used_orgs.update(it.start for it in org_items)
        # succession: «… tar over etter X», «… efterträder X» — X held the same post
        for m in re.finditer(r"Y(P)", code):
            pred = row[m.start(1)].ref
            subj = next((it for it in row[: m.start()] if it.code in "Pp"), None)
            person = subj.ref if subj is not None and subj.code == "P" else (
                pronoun(subj) if subj is not None else None)
            mine = [f for f in rel.posts if person is not None and f.person is person]
            if pred is not None and mine:
                fresh = [f for f in mine if f.start or f.rule in _APPOINTMENTS]
                f0 = fresh[-1] if fresh else max(mine, key=lambda f: f.confidence)
                key = (pred.id, f0.role, f0.org.id if f0.org else "")
                if key not in seen_posts:
                    f = PostFact(pred, f0.role, f0.role_slug, f0.org,
                                 [(row[m.start()].start, row[m.end(1) - 1].end)], "post:succeeds", 0.65)
                    seen_posts[key] = f
                    rel.posts.append(f)
        # start dates: «Hun tiltrer 1. april», «… blir klyngeleder og begynner 1. april»: the
        # date after the verb of starting goes to the person's announced post
        if "J" in code and re.search(r"^[Pp]", code.lstrip("x@a")):
            first = next(it for it in row if it.code in "Pp")
            person = first.ref if first.code == "P" else pronoun(first)
            j_at = next(it.start for it in row if it.code == "J")
            mine = [f for f in rel.posts if person is not None and f.person is person]
            announced = [f for f in mine if f.rule in _APPOINTMENTS]
            here = [f for f in mine if row[0].start <= f.spans[0][0] < j_at]
            targets = announced or here
            if targets:
                _start_date(targets[-1], row, dates, force=True, after=j_at)
        for m in re.finditer(r"Pva*n?R", code):
            person = row[m.start()].ref
            for f in rel.posts:
                if f.person is person and f.role == row[m.end() - 1].role[0]:  # type: ignore[index]
                    _start_date(f, row, dates, after=row[m.end() - 1].end, marker=("fra", "från", "från och med"))
        for it in row:
            if it.code == "P" and it.ref is not None:
                if it.ref in last_person:
                    last_person.remove(it.ref)
                last_person.append(it.ref)
    _participations(doc, rel, rows, orgs, org_of, people)
    _quotations(doc, rel, quotes, people, entities)
    return rel


_APPOINTMENTS = ("post:appointed", "post:joins", "post:becomes", "post:led-by")


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


# ---------------------------------------------------------------------------- events

_QUOTED = re.compile(r"[«”\"]([^»”\"\n]{2,80})[»”\"]")
_NAMED_EVENT = re.compile(
    r"\b([A-ZÆØÅÄÖ][\wæøåäö]*(?:dagen|dagene|dagarna|konferansen|konferensen|festivalen|mässan|"
    r"messen|veckan|uka|uken|forum|summit))((?: i [A-ZÆØÅÄÖ][\wæøåäö]+)|(?: [A-ZÆØÅÄÖ][\wæøåäö]+)?(?: \d{4})?)"
)
_YEAR_NAME = re.compile(r"\b((?:[A-ZÆØÅÄÖ][\wæøåäö]+ ){1,3}\d{4})\b")


_EVENT_CUE = re.compile(
    r"\b(?:arranger\w*|inviter\w*|bjuder in|inbjuder|vertskap|värd|innled\w*|inled\w*|talar\w*)\b",
    re.I,
)


def _events(doc: Document, entities: list[Entity], dates: list[DateMention]) -> list[EventFact]:
    from .entities import slug

    events: list[EventFact] = []
    taken: list[tuple[int, int]] = [m for e in entities for m in e.mentions]
    text = doc.text

    def add(name: str, a: int, b: int, rule: str, conf: float, noun: str = "") -> EventFact | None:
        if a < doc.body_start or any(a < y and x < b for x, y in taken):
            return None
        for ev in events:
            if ev.name.lower() == name.lower():
                ev.spans.append((a, b))
                return ev
        ev = EventFact(slug(name), name, [(a, b)], rule, conf, noun=noun)
        events.append(ev)
        taken.append((a, b))
        return ev

    for m in _QUOTED.finditer(text):
        before = text[max(0, m.start() - 40): m.start()].split()
        noun = event_noun(before[-1]) if before else None
        if noun and m.start() >= doc.body_start:
            add(m[1], m.start(1), m.end(1), "event:quoted-title", 0.85, noun)
    for m in _NAMED_EVENT.finditer(text):
        if doc.in_title_quotes(m.start()):
            continue
        if m.start() in doc.sentence_starts and not any(
            x.start() not in doc.sentence_starts for x in re.finditer(rf"\b{re.escape(m[1])}", text)
        ):
            continue
        name = (m[1] + m[2]).strip()
        add(name, m.start(1), m.start(1) + len(name), "event:name", 0.8)
    for m in _YEAR_NAME.finditer(text):
        words = m[1].split()
        if doc.in_title_quotes(m.start()) or words[0].lower() in ("i", "siden", "sedan", "fra", "från") \
                or words[0] in ("I", "Siden", "Sedan", "Fra", "Från", "År", "Året"):
            continue
        lead = text[max(0, m.start() - 30): m.start()].lower()
        if re.search(r"(konferanse|konferens|seminar|møte|möte|festival|mässa|messe)\w*,?\s*$", lead):
            add(m[1], m.start(1), m.end(1), "event:name-year", 0.75)
    # unnamed events: «et oppstartsseminar i Florø tirsdag 23. august», «invigningen»
    for sent in doc.sentences:
        if sent.end <= doc.body_start:
            continue
        for k, t in enumerate(sent.tokens):
            noun = event_noun(t.text)
            if noun is None and k + 1 < len(sent.tokens) and f"{t.text.lower()} {sent.tokens[k + 1].text.lower()}" in (
                "åpent hus", "öppet hus", "åpen dag", "öppen dag", "åpen fagdag"
            ):
                noun = f"{t.text.lower()} {sent.tokens[k + 1].text.lower()}"
            if not noun or doc.in_title_quotes(t.start) or any(t.start < y and x < t.end for x, y in taken):
                continue
            phrase = " " in noun
            end = sent.tokens[k + 1].end if phrase else t.end
            definite = t.text.lower() != noun and not phrase
            earlier = [ev for ev in events if min(a for a, _ in ev.spans) < t.start]
            if definite and earlier:
                target = max(earlier, key=lambda ev: max(a for a, _ in ev.spans if a < t.start))
                target.spans.append((t.start, t.end))
                continue
            named_here = [ev for ev in events if ev.rule != "event:noun"
                          and any(sent.start <= a < sent.end for a, _ in ev.spans)]
            if named_here:
                named_here[0].spans.append((t.start, t.end))
                continue
            has_date = any(sent.start <= d.start < sent.end for d in dates)
            cue = _EVENT_CUE.search(doc.text[sent.start: sent.end]) is not None
            if has_date or definite or cue:
                add(noun, t.start, end, "event:noun", 0.6, noun)
    for ev in events:
        _event_details(doc, ev, dates)
    return events


def _event_details(doc: Document, ev: EventFact, dates: list[DateMention]) -> None:
    for a, _ in sorted(ev.spans):
        sent = next((s for s in doc.sentences if s.start <= a < s.end), None)
        if sent is None:
            continue
        near = [d for d in dates if sent.start <= d.start < sent.end]
        if near and not (ev.date or ev.date_start):
            d = min(near, key=lambda d: abs(d.start - a))
            ev.date, ev.date_start, ev.date_end = d.value, d.interval_start, d.interval_end
            ev.date_text = d.text
            ev.spans.append((d.start, d.end))
        if not ev.place:
            after = doc.text[a: sent.end]
            m = re.search(r"\b(?:i|på|holdes i|hålls i)\s+((?:[A-ZÆØÅÄÖ][\w\-æøåäö]*)(?:\s+(?:på|i|og)?\s*[A-ZÆØÅÄÖ][\w\-æøåäö]*)*)", after)
            if m:
                ev.place = m[1]


def _participations(doc: Document, rel: Relations, rows: list[list[Item]], orgs: list[Entity],
                    org_of: Callable[[Item], Entity | None], people_all: list[Entity]) -> None:
    if not rel.events:
        return
    resolve = org_of
    events_by_id = {e.id: e for e in rel.events}
    first_at = min(a for e in rel.events for a, _ in e.spans)
    current = rel.events[0]
    seen: set[tuple[str, str, str]] = set()

    def add(ev: EventFact, item: Item, role: str, rule: str, conf: float, span: tuple[int, int]) -> None:
        agent = item.ref if item.ref is not None else resolve(item)
        if agent is None:
            return
        key = (ev.id, agent.id, role)
        if key in seen:
            return
        seen.add(key)
        rel.parts.append(PartFact(ev, agent, role, [span], rule, conf))

    patterns = [
        ("organiser", "event:organised-by", re.compile(rf"Ay?({_AGENTS})")),
        ("organiser", "event:organisers-before", re.compile(rf"(?:^|[^PODgd])({_AGENTS})a*x?B")),
        ("organiser", "event:organisers-after", re.compile(rf"(?:^|[^PODgd&])x*B({_AGENTS})")),
        ("organiser", "event:co-organisers", re.compile(rf"B[eE]?&({_AGENTS})")),
        ("organiser", "event:holds", re.compile(rf"({_AGENTS})a*[oq]x{{0,3}}[eE]")),
        ("speaker", "event:gives-talk", re.compile(
            r"(?:^|[^PODgd])((?:[PODp]|x?n?[Rr])(?:(?:,|&|,&)(?:[PODp]|x?n?[Rr]))*)a*[oq]x{0,3}I"
            r"|[oq]((?:[PODp]|x?n?[Rr])(?:(?:,|&|,&)(?:[PODp]|x?n?[Rr]))*)x{0,3}I")),
        ("attendee", "event:attends", re.compile(rf"({_AGENTS})a*U")),
        ("organiser", "event:organiser-noun", re.compile(rf"({_AGENTS})(?:s|v|t)Q")),
        ("organiser", "event:stands-behind", re.compile(rf"({_AGENTS})tb")),
        ("host", "event:host", re.compile(rf"({_AGENTS})(?:s|v|t|vt)a*H")),
        ("host", "event:host-is", re.compile(rf"H(?:@[xe])?va*({_AGENTS})")),
        ("speaker", "event:speakers-noun", re.compile(r"S(?:v|x)*([^F]*)")),
        ("speaker", "event:among-speakers", re.compile(rf"({_AGENTS})va*[@xa]{{0,2}}S")),
        ("speaker", "event:speaks", re.compile(rf"({_AGENTS}|p)(?:@[OD])?(?:,[^,]{{1,8}},)?,?x?a*T|[Eexw]x?T({_AGENTS})")),
        ("organiser", "event:genitive", re.compile(r"([gd])x?[eE]")),
        ("facilitator", "event:facilitator", re.compile(rf"Fv?({_AGENTS})|({_AGENTS})v?F|({_AGENTS})a*M|(p)a*M")),
    ]
    prev_item_end: int | None = None
    for row in rows:
        code = "".join(it.code for it in row)
        in_row = [it for it in row if it.code == "E" or it.code == "e"]
        for it in in_row:
            if it.code == "E" and it.role:
                current = events_by_id.get(it.role[0], current)
            elif it.code == "e":
                for ev in rel.events:
                    if any(a == it.start for a, _ in ev.spans):
                        current = ev
        if row and row[-1].end < first_at:
            continue    # nothing said before the first event is about it
        item_line = bool(row) and (_programme_item(row) or (
            prev_item_end is not None and "\n" not in doc.text[prev_item_end: row[0].start]))
        prev_item_end = row[-1].end if item_line else None
        if item_line:
            # a line of a programme («09.30 Havvind i nord v/ X, ORG»): the people on it speak,
            # unless the line names them as its chair
            for k, it in enumerate(row):
                if it.code == "P" and "F" not in code[:k] and "M" not in code[k:]:
                    add(current, it, "speaker", "event:programme-item", 0.7, (row[0].start, row[-1].end))
        for role, rule, rx in patterns:
            for m in rx.finditer(code):
                group = next((g for g in range(1, (rx.groups or 0) + 1) if m.group(g)), None)
                if group is None:
                    continue
                span = (row[m.start()].start, row[m.end() - 1].end)
                for it in row[m.start(group): m.end(group)]:
                    if it.code in "Rr" and role in ("speaker", "facilitator") and rule == "event:gives-talk":
                        who = _person_of_role(rel.posts, it)
                        if who is not None:
                            add(current, Item("P", it.start, it.end, it.text, who), role, rule, 0.6, span)
                        continue
                    if it.code == "p":
                        who = _person_before(people_all, it)
                        if who is not None:
                            add(current, Item("P", it.start, it.end, it.text, who), role, rule, 0.65, span)
                        continue
                    if it.code in "PODgd":
                        if role in ("speaker", "facilitator") and it.code != "P":
                            continue
                        add(current, it, role, rule, 0.75, span)


_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")


def _programme_item(row: list[Item]) -> bool:
    """True when a row is a line of a programme: it begins with a clock time, after «kl.»."""
    k = 0
    while k < len(row) and row[k].text.lower() in ("kl", "kl.", ".", "–", "-"):
        k += 1
    return k < len(row) and _CLOCK.match(row[k].text) is not None


def _person_of_role(posts: list[PostFact], item: Item) -> Entity | None:
    """The person a role noun refers to («kommunedirektøren», «den nye lederen»): the one person
    with that role, or for a plain «leader» the person last appointed."""
    if item.role is None:
        return None
    base = item.role[0]
    if base in ("leder", "ledare", "sjef", "chef"):
        new = [f for f in posts if f.rule in _APPOINTMENTS] or [f for f in posts if f.start]
        return new[-1].person if new else None
    people = {id(f.person): f.person for f in posts if f.role == base}
    return next(iter(people.values())) if len(people) == 1 else None


def _person_before(people: list[Entity], item: Item) -> Entity | None:
    """The person a pronoun refers to: the last one of fitting gender named before it."""
    want = item.role[0] if item.role else ""
    best: tuple[int, Entity] | None = None
    for p in people:
        if want and p.gender not in (want, "u", ""):
            continue
        before = [a for a, _ in p.mentions if a < item.start and (a, _) != (item.start, item.end)]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), p)
    return best[1] if best else None


def _quotations(doc: Document, rel: Relations, quotes: list[QuoteMention], people: list[Entity],
                entities: list[Entity]) -> None:
    for q in quotes:
        speaker = None
        rule = "quote:speaker-name"
        for p in people:
            if any(q.speaker_start <= a < q.speaker_end for a, _ in p.mentions):
                speaker = p
                break
        if speaker is None and q.speaker_text:
            said = fold(q.speaker_text)
            named = [p for p in people if fold(p.name).endswith(said) or said.endswith(fold(p.name))]
            if len(named) == 1:
                speaker = named[0]
        if speaker is None:
            words = q.speaker_text.lower().split()
            gender = next((PRONOUNS[w] for w in words if w in PRONOUNS), None)
            if gender is not None or not words:
                rule = "quote:pronoun"
                before = [(max(a for a, _ in p.mentions if a < q.start), p) for p in people
                          if any(a < q.start for a, _ in p.mentions)
                          and (gender is None or p.gender in (gender, "u", ""))]
                if before:
                    speaker = max(before, key=lambda x: x[0])[1]
        if speaker is None:
            continue
        if rule == "quote:pronoun" and q.speaker_end > q.speaker_start \
                and (q.speaker_start, q.speaker_end) not in speaker.mentions:
            speaker.mentions.append((q.speaker_start, q.speaker_end))
        rel.quotes.append(QuoteFact(speaker, (q.start, q.end), rule, 0.9 if rule.endswith("name") else 0.7))
