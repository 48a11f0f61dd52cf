"""`lockdown config-key CONFIG [--header URL] [--password-file FILE]`: the SEB Config Key, for LMS setup.

Prints the 64-hex key and nothing else, so it can be pasted into Moodle's "Config Key" field or
compared in a script; with --header, the `X-SafeExamBrowser-ConfigKeyHash` value for that URL.
For an encrypted `.seb` file it is the key of the decrypted settings, as SEB computes it.
"""

from __future__ import annotations

import argparse

from lockdown.config import load_config
from lockdown.config.passwords import PasswordFile
from lockdown.sebkeys.configkey import config_key, config_key_hash
from lockdown.sebkeys.jsapi import moodle_request_url


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG", help="a .seb or lockdown JSON file, or an https:// URL")
    parser.add_argument("--header", metavar="URL",
                        help="print the X-SafeExamBrowser-ConfigKeyHash value sent with a request to URL")
    parser.add_argument("--password-file", metavar="FILE",
                        help="for a password-encrypted .seb file: a file whose first line is its password")


def run(args: argparse.Namespace) -> int:
    passwords = PasswordFile(args.password_file) if args.password_file else None
    key = config_key(load_config(args.config, passwords=passwords).settings)
    print(config_key_hash(moodle_request_url(args.header), key) if args.header else key)
    return 0
