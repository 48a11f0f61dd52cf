"""`python -m lockdown` runs the same command as the `lockdown` console script."""

import sys

from lockdown.cli import main

sys.exit(main())
