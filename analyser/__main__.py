"""Run the command line: ``python -m analyser``."""

import sys

from analyser.cli import main

sys.exit(main())
