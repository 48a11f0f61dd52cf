"""The `lockdown` command: parses arguments, runs one subcommand, turns errors into exit codes.

Each subcommand lives in `lockdown/commands/<name>.py` with `HELP`, `configure(parser)` and
`run(args) -> int`; it is imported only when chosen, so `lockdown --help` never loads Qt.
Exit codes: 0 success, 1 a check found a problem, 2 bad input or usage, 70 a bug in lockdown.
Errors are said in the student's language (the system's locale); `--help` is in English.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from lockdown import __version__
from lockdown.errors import EXIT_USAGE, LockdownError
from lockdown.i18n import system_language
from lockdown.words import say

EXIT_BUG = 70

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("lockdown.commands.run", "run an exam from a configuration file or URL"),
    "demo": ("lockdown.commands.demo", "run the sample exam against a local server stub"),
    "check": ("lockdown.commands.check", "check whether this machine can sit an exam"),
    "verify": ("lockdown.commands.verify", "check an installed copy against the signed release manifest"),
    "config-key": ("lockdown.commands.config_key", "print the SEB Config Key of a configuration"),
    "bek": ("lockdown.commands.bek", "print the Browser Exam Key of this build for a configuration"),
    "privacy": ("lockdown.commands.privacy", "print what lockdown sends and keeps"),
    "paths": ("lockdown.commands.paths", "print every location lockdown may write"),
    "uninstall": ("lockdown.commands.uninstall", "remove lockdown and everything it wrote"),
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser, with only the chosen subcommand's module imported (help lists all of them)."""
    parser = _Parser(prog="lockdown", description="An exam kiosk that keeps other apps out "
                     "without administrator rights and leaves no trace.")
    parser.add_argument("--version", action="version", version=f"lockdown {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module_name, summary) in COMMANDS.items():
        p = sub.add_parser(name, help=summary, description=summary)
        if name == chosen:
            module = importlib.import_module(module_name)
            module.configure(p)
            p.set_defaults(_run=module.run)
    return parser


def _debug_log() -> None:
    """LOCKDOWN_DEBUG=1: debug messages on stderr (only there), stamped with the system's clock so
    another process (a benchmark) can place each start-up step on its own time line."""
    import logging

    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,
                        format="%(created).4f %(threadName)s %(name)s: %(message)s")
    logging.getLogger(__name__).debug("lockdown's code starts")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of `python -m lockdown`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("LOCKDOWN_DEBUG"):
        _debug_log()
    try:
        parser = build_parser(args_list)
        args = parser.parse_args(args_list)
        if not getattr(args, "_run", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return int(args._run(args))
    except LockdownError as exc:
        print(f"lockdown: {exc.phrase.text(system_language())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"lockdown: {say(system_language(), 'cli.interrupted')}", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("LOCKDOWN_DEBUG"):
            raise
        said = say(system_language(), "cli.internal_error", error=f"{type(exc).__name__}: {exc}")
        print(f"lockdown: {said}", file=sys.stderr)
        return EXIT_BUG
