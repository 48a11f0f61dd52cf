"""`lockdown uninstall`: the uninstaller, in the terminal (the menu entry shows a window instead)."""

from __future__ import annotations

import argparse

from lockdown.install.entry import configure_uninstall, uninstall_in_terminal


def configure(parser: argparse.ArgumentParser) -> None:
    configure_uninstall(parser)


def run(args: argparse.Namespace) -> int:
    return uninstall_in_terminal("lockdown uninstall", args.dry_run, args.quiet)
