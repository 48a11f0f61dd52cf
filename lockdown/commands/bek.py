"""`lockdown bek CONFIG`: the Browser Exam Key of the official build for one exam configuration.

An admin pastes it into the LMS's "allowed browser exam keys". It is computed from a signed manifest
(this install's, or the published one given with --manifest), never from unchecked bytes.
"""

from __future__ import annotations

import argparse

from lockdown.config import load_config
from lockdown.config.passwords import PasswordFile
from lockdown.errors import IntegrityUnknown
from lockdown.integrity.manifest import MAX_MANIFEST_BYTES, parse_manifest
from lockdown.integrity.selfcheck import installed_bundle_dir
from lockdown.integrity.signature import SIGNATURE_BYTES, load_public_key, verify_signature
from lockdown.integrity.sources import read_source, sibling_signature
from lockdown.integrity.tree import MANIFEST_NAME
from lockdown.sebkeys.bek import REQUEST_HASH_HEADER, browser_exam_key, request_hash


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", metavar="CONFIG", help="a .seb or lockdown JSON file, or an https:// URL")
    parser.add_argument("--manifest", metavar="PATH_OR_URL",
                        help="the signed release manifest (default: this install's manifest.json)")
    parser.add_argument("--signature", metavar="PATH_OR_URL",
                        help="its detached signature (default: manifest.sig next to the manifest)")
    parser.add_argument("--pubkey", metavar="FILE",
                        help="PEM Ed25519 public key to check against (default: the pinned release key)")
    parser.add_argument("--url", metavar="URL",
                        help=f"also print the {REQUEST_HASH_HEADER} header sent with a request to URL")
    parser.add_argument("--password-file", metavar="FILE",
                        help="for a password-encrypted .seb file: a file whose first line is its password")


def run(args: argparse.Namespace) -> int:
    passwords = PasswordFile(args.password_file) if args.password_file else None
    config = load_config(args.config, passwords=passwords)
    manifest_source = args.manifest
    if manifest_source is None:
        folder = installed_bundle_dir()
        if folder is None:
            raise IntegrityUnknown("bek.from_source")
        manifest_source = str(folder / MANIFEST_NAME)
    manifest_bytes = read_source(manifest_source, MAX_MANIFEST_BYTES, "manifest")
    signature = read_source(args.signature or sibling_signature(manifest_source), SIGNATURE_BYTES * 4,
                            "signature")
    key = load_public_key(read_source(args.pubkey, 4096, "public key"), args.pubkey) if args.pubkey else None
    verify_signature(manifest_bytes, signature, key)
    bek = browser_exam_key(config, parse_manifest(manifest_bytes).digest)
    print(bek)
    if args.url:
        print(f"{REQUEST_HASH_HEADER}: {request_hash(args.url, bek)}")
    return 0
