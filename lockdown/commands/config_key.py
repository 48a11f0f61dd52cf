"""`lockdown config-key CONFIG [--header URL]`: the SEB Config Key, for admins setting up an LMS.

Prints the 64-hex key and nothing else, so it can be pasted into Moodle's "Config Key" field or
compared in a script; with --header, the `X-SafeExamBrowser-ConfigKeyHash` value for that URL.
"""

from __future__ import annotations

import argparse

from lockdown.config import load_config
from lockdown.sebkeys.configkey import config_key, config_key_hash
from lockdown.sebkeys.jsapi import moodle_request_url


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG", help="a .seb or lockdown JSON file, or an https:// URL")
    parser.add_argument("--header", metavar="URL",
                        help="print the X-SafeExamBrowser-ConfigKeyHash value sent with a request to URL")


def run(args: argparse.Namespace) -> int:
    key = config_key(load_config(args.config).settings)
    print(config_key_hash(moodle_request_url(args.header), key) if args.header else key)
    return 0
