"""Closed word classes of bokmål and Swedish that the rules use: function words, pronouns,
prepositions, street and event words, organisation descriptors.

These are facts of the languages, not of any text; the open classes (names, places, roles)
are in the gazetteers (:mod:`graph.draft.gazetteer`).
"""

from __future__ import annotations

__all__ = [
    "ADVERBS", "COPULAS", "DESCRIPTORS", "EVENT_NOUNS", "FUNCTION_WORDS", "ORG_ANAPHORS",
    "PREPOSITIONS", "PRONOUNS", "STREET_WORDS", "event_noun",
]

#: Words that are never part of a name, even when capitalised at the start of a sentence.
FUNCTION_WORDS = frozenset("""
det den de dei dette denne disse detta denna dessa i på ved vid for för med og och men som etter
efter under både blant bland han hun hon ho vi dere ni jeg jag du der där her här nå nu da då når
när en et ett ei til till fra från om mens medan samtidig også också enligt ifølge uten utan alle
alla flere fler mange många hvor var hva vad hvordan hur hvorfor varför slik sådan så sa sade
sier säger ble blev blir er är var har hade skal ska vil vill kan kunne kunde må måste neste nästa
første första andre andra siste sista nye nya ny nytt ingen inget noen några nesten nästan bare
bara kanskje kanske fordi eftersom at att mot av innen inom hos langs längs over över gjennom
genom rundt runt ifølge dagens årets styret styrelsen prosjektet projektet avtalen satsingen
satsningen konferansen konferensen seminaret seminariet dagen inkubatoren inkubatorn laboratoriet
bedriftene företagen kommunen regionen selskapet företaget bolaget tradisjon dermed därmed
""".split())

PRONOUNS = {"han": "m", "hun": "f", "hon": "f", "ho": "f"}
PREPOSITIONS = frozenset("i ved vid på for för hos fra från hjå".split())
COPULAS = frozenset("er är var ble blev blir".split())
ADVERBS = frozenset(
    "også också nå nu fortsatt fortfarande tidligere tidigare dessutom dessuten i dag idag "
    "for tiden för närvarande".split()
)
NEW_WORDS = frozenset("ny nye nya nytt nyansatt nyanställd nytilsatt nyvalgt nyvald".split())
STREET_WORDS = frozenset(
    "gate gata gatan gaten vei veg veien vegen väg vägen allé alle alléen plass plassen torg "
    "torget gränd gränden stig stien bakke bakken brygge bryggen kai kaia kaj".split()
)

#: Nouns that name an organisation of a kind when they stand before its name
#: (``inkubatoren Vekstverket``) or refer back to it (``klyngen``, ``företagets``).
DESCRIPTORS: dict[str, str] = {
    "klynge": "cluster", "klyngen": "cluster", "klynga": "cluster", "næringsklynge": "cluster",
    "næringsklyngen": "cluster", "kluster": "cluster", "klustret": "cluster", "klustre": "cluster",
    "inkubator": "incubator", "inkubatoren": "incubator", "inkubatorn": "incubator",
    "kunnskapspark": "science-park", "kunnskapsparken": "science-park",
    "forskningspark": "science-park", "forskningsparken": "science-park",
    "vitenpark": "science-park", "vitenparken": "science-park", "teknikpark": "science-park",
    "teknikparken": "science-park", "næringshage": "science-park", "næringshagen": "science-park",
    "stiftelsen": "association", "foreningen": "association", "föreningen": "association",
    "forbundet": "association", "förbundet": "association", "nettverket": "association",
    "nätverket": "association", "organisasjonen": "association", "organisationen": "association",
    "selskapet": "company", "firmaet": "company", "företaget": "company", "bolaget": "company",
    "konsernet": "company", "koncernen": "company", "bedriften": "company", "virksomheten": "company",
    "instituttet": "research-institute", "institutet": "research-institute",
    "forskningsinstituttet": "research-institute", "forskningsinstitutet": "research-institute",
    "komiteen": "committee", "kommittén": "committee", "utvalget": "committee",
    "kommunen": "municipality", "kommun": "municipality", "fylkeskommunen": "county",
    "universitetet": "university", "høgskolen": "university-college",
    "høgskulen": "university-college", "högskolan": "university-college",
    "etaten": "public-agency", "myndigheten": "public-agency", "direktoratet": "public-agency",
}
#: Compound endings that make a descriptor (``livsmedelsklustret``, ``återvinningsföretaget``).
DESCRIPTOR_ENDINGS = (
    ("klyngen", "cluster"), ("klustret", "cluster"), ("inkubatoren", "incubator"),
    ("inkubatorn", "incubator"), ("selskapet", "company"), ("företaget", "company"),
    ("bolaget", "company"), ("parken", "science-park"), ("foreningen", "association"),
    ("föreningen", "association"), ("forbundet", "association"), ("förbundet", "association"),
)
#: Definite nouns that refer back to an organisation of a kind (also with a genitive -s).
ORG_ANAPHORS: dict[str, str] = {
    "klyngen": "cluster", "klynga": "cluster", "klustret": "cluster", "inkubatoren": "incubator",
    "inkubatorn": "incubator", "selskapet": "company", "företaget": "company",
    "bolaget": "company", "bedriften": "company", "kommunen": "municipality",
    "universitetet": "university", "høgskolen": "university-college",
    "høgskulen": "university-college", "högskolan": "university-college",
    "fylkeskommunen": "county", "komiteen": "committee", "kommittén": "committee",
    "foreningen": "association", "föreningen": "association",
}

_EVENT_BASES = (
    "konferanse", "konferens", "seminar", "seminarium", "møte", "möte", "workshop", "festival",
    "messe", "mässa", "invigning", "innvielse", "åpning", "öppning", "lansering", "lansering",
    "kickoff", "kick-off", "samling", "webinar", "webbinarium", "hackathon", "frokostmøte",
    "frukostmöte", "frukostseminarium", "frokostseminar", "mingel", "forum", "konferansedag",
    "temadag", "fagdag", "träff", "summit", "toppmøte", "toppmöte",
)
EVENT_NOUNS = _EVENT_BASES
_DEFINITE = {"seminarium": ("seminariet",), "mässa": ("mässan",), "messe": ("messen",)}


def event_noun(word: str) -> str | None:
    """The base form of an event noun (alone or as the last part of a compound), else None.

    Examples
    --------
    >>> event_noun("frukostseminariet"), event_noun("Konferansen"), event_noun("invigningen")
    ('frukostseminarium', 'konferanse', 'invigning')
    >>> event_noun("konferansemiddagen") is None
    True
    """
    w = word.lower()
    for base in _EVENT_BASES:
        forms = (base, base + "en", base + "et", base + "n", base + "a", base + "ene", base + "er",
                 *_DEFINITE.get(base, ()))
        for form in forms:
            if w.endswith(form):
                return w[: len(w) - len(form)] + base
    return None
