"""Sentence rows: each sentence of a text as a row of items, one letter each, that the
relation rules match with regular expressions.

``P`` a person, ``O`` an organisation, ``g`` an organisation in the genitive, ``D``/``d`` a
noun that refers back to an organisation (``klyngen``, ``företagets``), ``R`` a role, ``r`` a
role in the definite form, ``p`` a pronoun, ``E`` an event, ``@`` a preposition, ``s`` *som*,
``v`` a copula, ``&`` *og*, ``a`` an adverb, ``n`` *ny*, ``,()`` punctuation, and letters for
the verbs and nouns of events. The patterns are written once for both languages.

Examples
--------
>>> from graph.draft.recognise import RuleRecogniser
>>> from graph.draft.entities import build_entities
>>> doc = Document.of("Kari Nordmann er daglig leder i Fjellbyen Teknikk AS.")
>>> entities = build_entities(doc, RuleRecogniser()(doc), [])
>>> "".join(it.code for it in sentence_rows(doc, entities, [])[0])
'PvR@Ox'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..search import fold
from .document import Document
from .entities import Entity
from .facts import EventFact, Item
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
from .roles import role_at
from .text import Token

__all__ = ["GENITIVE_BODIES", "sentence_rows"]


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


DESCRIPTOR_SUFFIXES = tuple(e for e, _ in DESCRIPTOR_ENDINGS)

#: Genitives of nouns for places that, in the genitive, mean the body that governs them.
GENITIVE_BODIES: dict[str, tuple[str, ...]] = {
    "regionens": ("region", "county"), "stadens": ("municipality",),
    "fylkets": ("county",), "länets": ("region", "county"),
}

#: Last parts of names that a definite noun can refer back to.
_HEAD_NOUNS = frozenset("lab labb senter center centrum hus huset verk park klynge kluster hage".split())


@dataclass
class _Spans:
    """Where the entities and events of a text are, and the names a definite noun refers to."""

    entities: list[Entity]
    by_pos: dict[int, tuple[int, Entity]]
    event_pos: dict[int, tuple[int, EventFact]]
    orgs_by_head: dict[str, Entity]

    @classmethod
    def of(cls, entities: list[Entity], events: list[EventFact]) -> _Spans:
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
        return cls(entities, by_pos, event_pos, orgs_by_head)


def sentence_rows(doc: Document, entities: list[Entity], events: list[EventFact]) -> list[list[Item]]:
    """The row of items of every sentence of the body of ``doc``."""
    spans = _Spans.of(entities, events)
    rows = []
    for sent in doc.sentences:
        if sent.end <= doc.body_start:
            continue
        toks = sent.tokens
        row: list[Item] = []
        i = 0
        while i < len(toks):
            for step in (_span_item, _phrase_item, _reference_item):
                nxt = step(doc, spans, toks, i, row)
                if nxt is not None:
                    i = nxt
                    break
            else:
                _word_item(toks[i], row)
                i += 1
        rows.append(row)
    return rows


def _span_item(doc: Document, spans: _Spans, toks: tuple[Token, ...], i: int,
               row: list[Item]) -> int | None:
    """An entity or an event found before: one item for all its tokens."""
    t = toks[i]
    if t.start in spans.by_pos:
        end, ent = spans.by_pos[t.start]
        j = i
        while j < len(toks) and toks[j].end <= end:
            j += 1
        genitive = (t.start, end) in ent.genitive
        code = "P" if ent.kind == "person" else ("g" if genitive else "O")
        row.append(Item(code, t.start, end, doc.text[t.start:end], ent))
        return max(j, i + 1)
    if t.start in spans.event_pos:
        end, ev = spans.event_pos[t.start]
        j = i
        while j < len(toks) and toks[j].end <= end:
            j += 1
        row.append(Item("E", t.start, end, doc.text[t.start:end]))
        row[-1].role = (ev.id, "")
        return max(j, i + 1)
    return None


def _phrase_item(doc: Document, spans: _Spans, toks: tuple[Token, ...], i: int,
                 row: list[Item]) -> int | None:
    """Punctuation to skip and phrases of several words («i dag», «tar over etter», «i regi
    av», «ledet debatten»)."""
    t = toks[i]
    low = t.text.lower()
    if t.text == ":" and row and row[-1].code == "F":
        return i + 1      # «Ordstyrer: X»
    if t.text == "(" and i + 2 < len(toks) and toks[i + 1].text.isdigit() and toks[i + 2].text == ")":
        return i + 3      # an age: «Kari Nordmann (44)»
    if low in ("i", "idag") and i + 1 < len(toks) and toks[i + 1].text.lower() == "dag" or low == "idag":
        row.append(Item("a", t.start, toks[min(i + 1, len(toks) - 1)].end, "i dag"))
        return i + (1 if low == "idag" else 2)
    two = f"{low} {toks[i + 1].text.lower()}" if i + 1 < len(toks) else ""
    if two in ("tillsammans med", "sammen med", "sammen", "ihop med"):
        row.append(Item("&", t.start, toks[i + 1].end, two))
        return i + 2
    three = f"{two} {toks[i + 2].text.lower()}" if i + 2 < len(toks) else ""
    if three in ("tar over etter", "tar över efter", "tok over etter", "tog över efter"):
        row.append(Item("Y", t.start, toks[i + 2].end, three))
        return i + 3
    if two in ("tar over", "tar över", "tok over", "tog över") and three not in (
        "tar over etter", "tar över efter"
    ):
        row.append(Item("J", t.start, toks[i + 1].end, two))
        return i + 2
    if two in ("overtar etter", "övertar efter", "overtok etter"):
        row.append(Item("Y", t.start, toks[i + 1].end, two))
        return i + 2
    if low in ("i", "med") and i + 1 < len(toks) and toks[i + 1].text.lower() in ("regi", "samarbeid", "samarbete"):
        k = i + 2
        if k < len(toks) and toks[k].text.lower() in ("av", "med"):
            row.append(Item("A", t.start, toks[k].end, "i regi av"))
            return k + 1
    if low in _LEAD_VERBS and i + 1 < len(toks) and toks[i + 1].text.lower() in _LED_THINGS:
        row.append(Item("M", t.start, toks[i + 1].end, two))    # «ledet debatten»
        return i + 2
    if _WORD_CODES.get(low) == "T" and i + 1 < len(toks) and toks[i + 1].text.lower() in ("at", "att"):
        row.append(Item("x", t.start, t.end, t.text))    # «forteller at …»: reported, not a talk
        return i + 1
    return None


def _reference_item(doc: Document, spans: _Spans, toks: tuple[Token, ...], i: int,
                    row: list[Item]) -> int | None:
    """A role, or a noun that refers to an organisation (or only describes the name after it)."""
    t = toks[i]
    low = t.text.lower()
    by_pos = spans.by_pos
    r = role_at(toks, i)
    if r and not (r[0] in ("leder", "ledare", "sjef", "chef") and not (
        i + r[2] < len(toks) and toks[i + r[2]].text.lower() in PREPOSITIONS | {"av", "för", "for"}
    ) and not (i and toks[i - 1].text.lower() in ("daglig", "nye", "nya", "ny"))):
        end = toks[i + r[2] - 1].end
        row.append(Item("r" if r[3] else "R", t.start, end, doc.text[t.start:end], role=(r[0], r[1])))
        return i + r[2]
    if low in _BOARD_NOUNS and row and row[-1].code in "gd":
        return i + 1      # «klustrets styrelse»: the board speaks for the body
    if row and row[-1].code == "@" and t.text.islower() and low.endswith(("et", "en", "an")) \
            and i + 1 < len(toks) and toks[i + 1].start in by_pos \
            and by_pos[toks[i + 1].start][1].kind == "organisation":
        return i + 1      # «vd för sågverket Kinnarumma Trä AB»: a common noun before the name
    head_ref = _head_anaphor(low, spans.orgs_by_head)
    if head_ref is not None and low not in ORG_ANAPHORS and low.rstrip("s") not in ORG_ANAPHORS:
        code = "d" if low.endswith("s") else "D"
        row.append(Item(code, t.start, t.end, t.text, head_ref))
        return i + 1
    if low in ("regionens", "stadens", "fylkets", "länets") and any(
        e.kind == "organisation" and e.org_kind in GENITIVE_BODIES[low] for e in spans.entities
    ):
        row.append(Item("d", t.start, t.end, t.text, role=(GENITIVE_BODIES[low][0], "")))
        return i + 1
    anaphor = low[:-1] if low.endswith("s") and low[:-1] in ORG_ANAPHORS else low
    if anaphor in ORG_ANAPHORS and anaphor == low and i + 1 < len(toks) \
            and toks[i + 1].start in by_pos:
        return i + 1      # «Klustret Fiberdalen»: a descriptor, not a reference
    if anaphor in ORG_ANAPHORS:
        row.append(Item("d" if anaphor != low else "D", t.start, t.end, t.text, role=(ORG_ANAPHORS[anaphor], "")))
        return i + 1
    if (DESCRIPTORS.get(low) or low.endswith(DESCRIPTOR_SUFFIXES)) and i + 1 < len(toks) \
            and toks[i + 1].start in by_pos:
        return i + 1      # «næringsklyngen Havteknologi Midt»: the name says it
    return None


def _word_item(t: Token, row: list[Item]) -> None:
    """One word by its class: pronoun, verb or noun of an event, preposition, *som*, copula..."""
    low = t.text.lower()
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
