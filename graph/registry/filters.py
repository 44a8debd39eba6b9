"""Which organisations an import keeps, decided exactly on a record and early on its raw text.

:class:`Filters` keeps organisations by municipality number, county, legal form and industry
code (:meth:`Filters.keep`, on a parsed :class:`~.model.OrgRecord`). Most records of a whole
register fail a filter: :meth:`Filters.may_keep_json` and :meth:`Filters.may_keep_cells` tell,
on a record's raw JSON text or on its CSV cells, whether it *can* pass, so that the records
that cannot are never turned into records. These early tests err only one way: a record they
let through is then checked exactly, so a filtered import keeps the same records whether they
run or not.

Examples
--------
>>> f = Filters(counties=frozenset({"31"}))
>>> text = '{"navn": "Halden 3105 AS", "forretningsadresse": {"kommunenummer": "0301"}}'
>>> f.may_keep_json(text, 0, len(text))
False
>>> text = '{"forretningsadresse": {"postnummer": "3105", "kommunenummer": " 3105"}}'
>>> f.may_keep_json(text, 0, len(text))
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import OrgRecord

__all__ = ["Filters", "industry_matches"]

#: An escape that can stand for a character of a key, a number or a code (``\\u0033`` is "3",
#: ``\\t`` is stripped like a space): a record holding one is always parsed.
_ESCAPED = re.compile(r"\\(?:[bfnrt]|u00[0-7])")
#: A roles record (filtered by the organisations kept, not by its own text).
_ROLES = '"rollegrupper"'


def industry_matches(code: str, wanted: Iterable[str]) -> bool:
    """Whether an industry code is one of ``wanted`` or a sub-code of one.

    Examples
    --------
    >>> industry_matches("72.190", ["72"]), industry_matches("72.190", ["7219"])
    (True, True)
    >>> industry_matches("62.010", ["72", "62.02"])
    False
    """
    return any(
        code == want or code.startswith(want.rstrip(".") + ".") or
        (len(want) < len(code) and code.replace(".", "").startswith(want.replace(".", "")))
        for want in wanted
    )


def _alternatives(values: Iterable[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(set(values), key=lambda v: (-len(v), v)))


@dataclass(frozen=True)
class Filters:
    """Which organisations to keep: by municipality number, county, legal form, industry code.

    Each given criterion must hold (an empty one keeps everything); an industry code matches
    its sub-codes (``72`` keeps ``72.190``).

    Examples
    --------
    >>> from graph.evidence import RecordSelector
    >>> from graph.registry.model import Address
    >>> rec = OrgRecord("999999999", "X", RecordSelector.json(0), legal_form=("AS", ""),
    ...                 industries=[("72.190", "")], address=Address(municipality="3105"))
    >>> Filters(counties=frozenset({"31"}), industries=("72",)).keep(rec)
    True
    >>> Filters(forms=frozenset({"ASA"})).keep(rec)
    False
    """

    municipalities: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    industries: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.municipalities or self.counties or self.forms or self.industries)

    def keep(self, rec: OrgRecord) -> bool:
        """Whether the organisation of a parsed record passes every criterion."""
        if self.municipalities and rec.municipality not in self.municipalities:
            return False
        if self.counties and rec.municipality[:2] not in self.counties:
            return False
        if self.forms and (rec.legal_form is None or rec.legal_form[0] not in self.forms):
            return False
        if self.industries and not any(
                industry_matches(code, self.industries) for code, _ in rec.industries):
            return False
        return True

    # ------------------------------------------------------------------ raw JSON text

    @functools.cached_property
    def _json_tests(self) -> tuple[re.Pattern[str], ...]:
        """The patterns that must all be in a record's text for it to be parsed.

        A record is parsed unless a criterion's pattern is absent from its text: the number of
        a municipality or county as the start of a ``kommunenummer`` string (any value that is
        not a string lets it through), a legal form as a string of its own, an industry code's
        digits (dots anywhere between them) at the start of a string or of a bare value.
        """
        tests = []
        if self.municipalities and "" not in self.municipalities:
            tests.append(r'"kommunenummer"\s*:\s*(?:"\s*(?:' + _alternatives(self.municipalities)
                         + r')\s*"|[^"\s])')
        if self.counties and "" not in self.counties:
            tests.append(r'"kommunenummer"\s*:\s*(?:"\s*(?:' + _alternatives(self.counties)
                         + r')|[^"\s])')
        if self.forms and "" not in self.forms:
            codes = _alternatives(self.forms)
            tests.append(r'"\s*(?:' + codes + r')\s*"|[:\[,]\s*(?:' + codes + r')\s*[,}\]]')
        if self.industries:
            digits = [w.replace(".", "") for w in self.industries]
            if all(digits):
                starts = "|".join(r"\.*".join(re.escape(c) for c in d)
                                  for d in sorted(set(digits)))
                tests.append(r'(?:"|[:\[,])\s*\.*(?:' + starts + ")")
        return tuple(re.compile(t) for t in tests)

    def may_keep_json(self, text: str, start: int, end: int) -> bool:
        """Whether the record at ``text[start:end]`` (one JSON object) may pass the filters;
        False only for a record that :meth:`keep` would refuse (or a roles record, never)."""
        for test in self._json_tests:
            if not test.search(text, start, end):
                break
        else:
            return True
        # a record with an escape that may hide a character of a field, or of roles: parsed
        if text.find("\\", start, end) >= 0 and _ESCAPED.search(text, start, end):
            return True
        return text.find(_ROLES, start, end) >= 0

    # ------------------------------------------------------------------ CSV cells

    def may_keep_cells(self, cells: Mapping[str, str]) -> bool:
        """Whether a CSV row of the register (dotted column names) may pass the filters: each
        criterion is tried on every column of its field (any address's municipality number,
        the legal form, any industry code)."""
        def values(test: str) -> list[str]:
            return [v.strip() for k, v in cells.items()
                    if k is not None and isinstance(v, str) and test in k]

        if self.municipalities or self.counties:
            munis = values("kommunenummer")
            if self.municipalities and not any(m in self.municipalities for m in munis):
                return False
            if self.counties and not any(m[:2] in self.counties for m in munis):
                return False
        if self.forms and not any(v in self.forms for v in values("organisasjonsform")):
            return False
        if self.industries and not any(industry_matches(v, self.industries)
                                       for v in values("naeringskode")):
            return False
        return True
