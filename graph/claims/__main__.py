"""``python -m graph.claims``: rebuild a data file from its claims specification."""

import sys

from .compiler import main

sys.exit(main())
