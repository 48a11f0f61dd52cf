"""`lockdown privacy`: the privacy manifest, in the student's language or as docs/PRIVACY.md."""

from __future__ import annotations

import argparse

from lockdown.i18n import system_language
from lockdown.privacy import render_document, render_markdown


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["en", "fr"], help="language (default: the system's)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the full bilingual document (docs/PRIVACY.md)")


def run(args: argparse.Namespace) -> int:
    if args.markdown:
        print(render_document(), end="")
    else:
        print(render_markdown(args.lang or system_language()), end="")
    return 0
