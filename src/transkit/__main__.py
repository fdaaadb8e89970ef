"""``python -m transkit``: the ``transkit`` command line."""

import sys

from .cli import main

sys.exit(main())
