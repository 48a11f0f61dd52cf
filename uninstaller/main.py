"""`lockdown-uninstall`: remove lockdown and everything it wrote (frozen next to `lockdown`)."""

import sys

sys.dont_write_bytecode = True  # before any project import: no __pycache__ next to a source run

from lockdown.install.entry import uninstall_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(uninstall_main())
