"""`lockdown-install`: install lockdown for the current user (frozen next to `lockdown` by build.spec)."""

import sys

sys.dont_write_bytecode = True  # before any project import: no __pycache__ next to a source run

from lockdown.install.entry import install_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(install_main())
