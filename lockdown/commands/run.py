"""`lockdown run CONFIG`: sit the exam described by a configuration file or URL.

The self-check of the build starts before the rest of lockdown is imported: its hashing then
overlaps everything else the start-up does (see lockdown.integrity.pending).
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG",
                        help="exam configuration: a .json or .seb file, or an https:// URL")
    parser.add_argument("--explain", action="store_true",
                        help="print what each setting will do (and which are ignored), then exit")


def run(args: argparse.Namespace) -> int:
    if args.explain:
        from lockdown.config import explain, load_config

        for line in explain(load_config(args.config)):
            print(line)
        return 0
    from lockdown.integrity.pending import start_self_check

    check = start_self_check()  # first, before the rest of lockdown is even imported
    from lockdown.app import run_exam

    return run_exam(args.config, check=check)
