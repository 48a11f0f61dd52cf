"""`lockdown run [CONFIG]`: sit the exam described by a configuration file or URL.

Without CONFIG (the "Lockdown exam" menu entry) the start window asks for the file or link. A URL
that answers with a login page (Moodle's config.php to a stranger) opens the sign-in window, whose
session the kiosk then keeps.

An encrypted `.seb` file's settings password comes from `--password-file` (admins, scripts) or,
without it, from the student, in a dialog shown before anything is changed.

The self-check of the build starts before the rest of lockdown is imported: its hashing then
overlaps everything else the start-up does (see lockdown.integrity.pending).
"""

from __future__ import annotations

import argparse
import logging

from lockdown.config.passwords import STUDENT_TRIES, PasswordFile, PasswordRequest
from lockdown.errors import UsageError
from lockdown.i18n import system_language

log = logging.getLogger(__name__)


class StudentPrompt:
    """The settings-password dialog; Qt is loaded only if the configuration turns out to need it."""

    tries = STUDENT_TRIES

    def __call__(self, request: PasswordRequest) -> str | None:
        from lockdown.ui.password_dialog import ask_password

        return ask_password(request, system_language())


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG", nargs="?",
                        help="exam configuration: a .json or .seb file, an https:// URL or a seb(s):// "
                             "link (without it, the start window asks for one)")
    parser.add_argument("--explain", action="store_true",
                        help="print what each setting will do (and which are ignored), then exit")
    parser.add_argument("--password-file", metavar="FILE",
                        help="for a password-encrypted .seb file: a file whose first line is its password "
                             "(without it, the student is asked)")


def run(args: argparse.Namespace) -> int:
    passwords = PasswordFile(args.password_file) if args.password_file else None
    if args.explain:
        if args.config is None:
            raise UsageError("run.explain_needs_config")
        from lockdown.config import load_config
        from lockdown.config.explain import explain

        for line in explain(load_config(args.config, passwords=passwords), system_language()):
            print(line)
        return 0
    from lockdown.integrity.pending import start_self_check

    check = start_self_check()  # first, before the rest of lockdown is even imported
    log.debug("self-check started")
    from lockdown.app import run_exam

    log.debug("lockdown imported")
    from lockdown.ui.entrance import QtEntrance  # Qt, which the student's windows need anyway

    log.debug("Qt imported")
    entrance = QtEntrance(system_language())
    return run_exam(args.config, entrance.frontend, passwords=passwords or StudentPrompt(),
                    entrance=entrance, check=check)
