"""``python -m app``: the same as the ``neuroqt`` command."""

import sys

from app.cli import main

sys.exit(main())
