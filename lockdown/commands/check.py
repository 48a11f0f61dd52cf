"""`lockdown check`: placeholder until its issue lands (see README)."""

from __future__ import annotations

import argparse

from lockdown.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    raise UsageError("'check' is not available in this build yet")
