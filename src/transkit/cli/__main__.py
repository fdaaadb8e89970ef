"""``python -m transkit.cli``: the ``transkit`` command line."""

import sys

from . import main

sys.exit(main())
