"""`lockdown check [CONFIG] [--json] [--server URL] [--report [--yes]]`: can this machine sit the exam?

Exit 0 when no check fails (warnings allowed), 1 when one does, 2 for bad input. The table, the
report preview and the question speak the student's language (the exam's, else the system's);
`--json` is the same in every language. `--report` shows the student the anonymous report and
sends it only once they agree (`--yes` agrees in advance).
The hidden `--probe` option is how the checks run Qt in a child process (lockdown.ui.compat_probe).
"""

from __future__ import annotations

import argparse
import os
import sys

from lockdown.compat.gather import run_checks
from lockdown.compat.network import Get
from lockdown.compat.render import render_json, render_report_preview, render_table, use_colour
from lockdown.compat.report import REPORT_PATH, build_report
from lockdown.compat.result import all_passed_or_warned
from lockdown.config import load_config
from lockdown.config.passwords import PasswordFile
from lockdown.errors import EXIT_OK, EXIT_PROBLEM, UsageError
from lockdown.i18n import Language, system_language
from lockdown.net.http import HttpClient, RetryPolicy
from lockdown.ui import compat_probe
from lockdown.words import say

CHECK_RETRY = RetryPolicy(attempts=2, base_delay=0.5)
"""One retry: a check should report a bad network quickly, not hide it."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", nargs="?", metavar="CONFIG",
                        help="the exam's configuration (file or URL); without it, default needs apply")
    parser.add_argument("--json", action="store_true", help="print the results as JSON (see docs/ADMIN.md)")
    parser.add_argument("--server", metavar="URL",
                        help="exam server to test (default: the configuration's server)")
    parser.add_argument("--report", action="store_true",
                        help="after showing it, send the anonymous result to the exam server")
    parser.add_argument("--yes", action="store_true", help="send the --report without asking")
    parser.add_argument("--password-file", metavar="FILE",
                        help="for a password-encrypted .seb file: a file whose first line is its password")
    parser.add_argument("--probe", choices=("screens", "render"), help=argparse.SUPPRESS)


def _getter(client: HttpClient) -> Get:
    def get(path: str, limit: int) -> bytes:
        return client.request("GET", path, limit=limit)[1]
    return get


def _confirm(lang: Language) -> bool:
    """y/N on the terminal (o/N in French); the question goes to stderr so --json output stays clean."""
    if not sys.stdin.isatty():
        raise UsageError("check.report.no_terminal")
    sys.stderr.write(say(lang, "check.report.ask") + " ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes", "o", "oui")


def run(args: argparse.Namespace) -> int:
    if args.probe:
        return compat_probe.main(args.probe)
    if args.yes and not args.report:
        raise UsageError("check.usage.yes_alone")
    passwords = PasswordFile(args.password_file) if args.password_file else None
    config = load_config(args.config, passwords=passwords) if args.config else None
    lang: Language = (config.language if config else None) or system_language()  # as the kiosk chooses
    server = args.server or (config.server.url if config and config.server else None)
    if args.report and not server:
        raise UsageError("check.usage.report_needs_server")
    client = HttpClient(server, retry=CHECK_RETRY) if server else None
    try:
        checks, identity = run_checks(config, client.base_url if client else None,
                                      _getter(client) if client else None)
        if args.json:
            sys.stdout.write(render_json(checks, identity, args.config, client.base_url if client else None))
        else:
            sys.stdout.write(render_table(checks, lang, use_colour(sys.stdout.isatty(), os.environ)))
        sys.stdout.flush()
        if args.report and client:
            payload = build_report(identity, checks)
            sys.stderr.write(render_report_preview(payload, client.url(REPORT_PATH), lang))
            if args.yes or _confirm(lang):
                client.json("POST", REPORT_PATH, json_body=payload)
                sys.stderr.write(say(lang, "check.report.sent") + "\n")
            else:
                sys.stderr.write(say(lang, "check.report.not_sent") + "\n")
    finally:
        if client:
            client.close()
    return EXIT_OK if all_passed_or_warned(checks) else EXIT_PROBLEM
