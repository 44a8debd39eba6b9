"""``python -m graph``: the same as the ``innograph`` command."""

import sys

from .cli import main

sys.exit(main())
