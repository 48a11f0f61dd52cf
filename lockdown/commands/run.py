"""`lockdown run CONFIG`: sit the exam described by a configuration file or URL."""

from __future__ import annotations

import argparse

from lockdown.app import run_exam
from lockdown.config import explain, load_config
from lockdown.i18n import system_language


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG",
                        help="exam configuration: a .json or .seb file, or an https:// URL")
    parser.add_argument("--explain", action="store_true",
                        help="print what each setting will do (and which are ignored), then exit")


def run(args: argparse.Namespace) -> int:
    if args.explain:
        for line in explain(load_config(args.config), system_language()):
            print(line)
        return 0
    return run_exam(args.config)
