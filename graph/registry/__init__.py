"""Official registers: import their bulk files, and link names to registered organisations.

- :func:`import_registry` streams Enhetsregisteret (``brreg``), Bolagsverket
  (``bolagsverket``) or any register with a mapping file (``generic``) into a store;
- :func:`match_organisation` finds the organisation a name (or number) means.
"""

from .importer import Filters, ImportProgress, ImportReport, import_registry
from .match import Candidate, OrgIndex, match_organisation
from .model import REGISTERS, Register

__all__ = [
    "REGISTERS", "Candidate", "Filters", "ImportProgress", "ImportReport", "OrgIndex", "Register",
    "import_registry", "match_organisation",
]
