"""Synthetic register extracts in Enhetsregisteret's own bulk format, for benchmarks.

:func:`write_brreg_entities` writes a gzipped JSON array of ``n`` entities with the register's
field names: fictional names built from syllables, real municipality numbers (so that county
filters select about a tenth), legal forms and SN2007 codes drawn with fixed weights. The output
is a function of ``n`` and ``seed`` alone.

Examples
--------
>>> import io, json
>>> records = list(entities(3, seed=1))
>>> [len(r["organisasjonsnummer"]) for r in records]
[9, 9, 9]
>>> records == list(entities(3, seed=1))
True
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["entities", "names", "write_brreg_entities"]

_SYLLABLES = ("fjord", "lys", "nor", "vik", "berg", "dal", "stad", "heim", "sol", "vind",
              "elv", "skog", "mark", "lund", "hav", "nes", "bru", "fell", "tind", "strand")
_WORDS = ("DATA", "TEKNOLOGI", "FORSKNING", "INNOVASJON", "BYGG", "ENERGI", "HELSE", "HANDEL",
          "TRANSPORT", "KONSULT", "MARIN", "DESIGN", "ANALYSE", "SYSTEMER", "UTVIKLING")
_FORMS = (("AS", "Aksjeselskap", 50), ("ENK", "Enkeltpersonforetak", 30),
          ("FLI", "Forening/lag/innretning", 10), ("STI", "Stiftelse", 3),
          ("ASA", "Allmennaksjeselskap", 1), ("ANS", "Ansvarlig selskap", 6))
_INDUSTRIES = (("62.010", "Programmeringstjenester"), ("72.190", "Annen forskning"),
               ("70.220", "Bedriftsrådgivning"), ("41.200", "Oppføring av bygninger"),
               ("47.190", "Butikkhandel"), ("85.422", "Universiteter"),
               ("94.991", "Interesseorganisasjoner"), ("49.410", "Godstransport"),
               ("86.211", "Legetjenester"), ("35.111", "Produksjon av elektrisitet"))
#: (number, name) of municipalities in ten counties, three each.
_MUNICIPALITIES = (
    ("0301", "OSLO"), ("1103", "STAVANGER"), ("1108", "SANDNES"), ("1101", "EIGERSUND"),
    ("1506", "MOLDE"), ("1507", "ÅLESUND"), ("1508", "AUKRA"), ("1804", "BODØ"),
    ("1806", "NARVIK"), ("1811", "BINDAL"), ("3101", "HALDEN"), ("3103", "MOSS"),
    ("3105", "SARPSBORG"), ("3201", "BÆRUM"), ("3203", "ASKER"), ("3205", "LILLESTRØM"),
    ("4601", "BERGEN"), ("4602", "KINN"), ("4612", "SVEIO"), ("5001", "TRONDHEIM"),
    ("5006", "STEINKJER"), ("5007", "NAMSOS"), ("5501", "TROMSØ"), ("5503", "HARSTAD"),
    ("5510", "KVÆFJORD"), ("4201", "RISØR"), ("4203", "ARENDAL"), ("4204", "KRISTIANSAND"),
)


def names(rng: random.Random) -> str:
    """A fictional organisation name."""
    first = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).upper()
    return f"{first} {rng.choice(_WORDS)}"


def entities(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` entity records in the register's JSON shape."""
    rng = random.Random(seed)
    forms = [f for f in _FORMS for _ in range(f[2])]
    for i in range(n):
        form = rng.choice(forms)
        code, label = rng.choice(_INDUSTRIES)
        muni, muni_name = rng.choice(_MUNICIPALITIES)
        name = names(rng) + (f" {form[0]}" if form[0] in ("AS", "ASA", "ANS") else "")
        yield {
            "organisasjonsnummer": str(800_000_000 + (i * 7) % 200_000_000),
            "navn": name,
            "organisasjonsform": {"kode": form[0], "beskrivelse": form[1]},
            "naeringskode1": {"kode": code, "beskrivelse": label},
            "forretningsadresse": {
                "land": "Norge", "landkode": "NO", "postnummer": f"{rng.randrange(10000):04d}",
                "poststed": muni_name, "adresse": [f"{rng.choice(_SYLLABLES).title()}veien "
                                                   f"{rng.randrange(1, 200)}"],
                "kommune": muni_name, "kommunenummer": muni,
            },
            "stiftelsesdato": f"{rng.randrange(1950, 2025)}-{rng.randrange(1, 13):02d}-"
                              f"{rng.randrange(1, 29):02d}",
        }


def write_brreg_entities(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` entities as a gzipped JSON array (``enheter_alle.json.gz`` in form)."""
    path = Path(path)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as out:
        out.write("[")
        for i, rec in enumerate(entities(n, seed)):
            out.write(("," if i else "") + "\n" + json.dumps(rec, ensure_ascii=False))
        out.write("\n]\n")
    return path
