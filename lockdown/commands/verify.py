"""`lockdown verify [INSTALL_DIR]`: does an installed copy match the signed release manifest?

For IT staff: exit 0 when every file matches, 1 when something differs (or the signature does not
match), 2 when it could not be checked (no manifest, unreadable, unsafe paths, unreachable URL).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from lockdown.errors import IntegrityError, IntegrityUnknown
from lockdown.i18n import Language, system_language
from lockdown.integrity.manifest import MAX_MANIFEST_BYTES
from lockdown.integrity.selfcheck import installed_bundle_dir
from lockdown.integrity.signature import SIGNATURE_BYTES, load_public_key, raw_key_hex, release_public_key
from lockdown.integrity.sources import read_source, sibling_signature
from lockdown.integrity.tree import MANIFEST_NAME
from lockdown.integrity.verify import VerifyResult, verify
from lockdown.words import say

_KEY_LIMIT = 4096


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("install_dir", nargs="?", metavar="INSTALL_DIR",
                        help="the installed copy to check (default: the one running this command)")
    parser.add_argument("--manifest", metavar="PATH_OR_URL",
                        help="the published manifest (default: INSTALL_DIR/manifest.json)")
    parser.add_argument("--signature", metavar="PATH_OR_URL",
                        help="its detached signature (default: manifest.sig next to the manifest)")
    parser.add_argument("--pubkey", metavar="FILE",
                        help="PEM Ed25519 public key to check against (default: the pinned release key)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--progress", action="store_true",
                        help="show progress on stderr even when it is not a terminal")


class _Progress:
    """A one-line progress meter on stderr, redrawn at most ten times a second."""

    def __init__(self, lang: Language) -> None:
        self._last = 0.0
        self._lang = lang

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        print("\r" + say(self._lang, "verify.progress", done=done / 1e6, total=total / 1e6), end="",
              file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)


def _as_json(folder: Path, result: VerifyResult) -> str:
    m = result.manifest
    return json.dumps({
        "status": "valid" if result.ok else "invalid",
        "install_dir": str(folder),
        "app": {"name": m.app_name, "version": m.app_version},
        "source_commit": m.source_commit,
        "manifest_digest": m.digest,
        "missing": list(result.missing),
        "modified": [{"path": x.path, "reason": x.reason.text("en")} for x in result.modified],
        "extra": list(result.extra),
        "checked_files": result.checked_files,
        "checked_bytes": result.checked_bytes,
    }, indent=2)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.install_dir) if args.install_dir else installed_bundle_dir()
    if folder is None:
        raise IntegrityUnknown("verify.from_source")
    manifest_source = args.manifest or str(folder / MANIFEST_NAME)
    signature_source = args.signature or sibling_signature(manifest_source)
    manifest_bytes = read_source(manifest_source, MAX_MANIFEST_BYTES, "manifest")
    signature = read_source(signature_source, SIGNATURE_BYTES * 4, "signature")
    key = (load_public_key(read_source(args.pubkey, _KEY_LIMIT, "public key"), args.pubkey)
           if args.pubkey else None)
    lang = system_language()
    progress = _Progress(lang) if args.progress or sys.stderr.isatty() else None
    result = verify(folder, manifest_bytes, signature, key, progress)
    if args.json:
        print(_as_json(folder, result))
        return 0 if result.ok else IntegrityError.exit_code
    if result.ok:
        m = result.manifest
        signer = (say(lang, "integrity.signer.file", path=args.pubkey) if key is not None
                  else say(lang, "integrity.signer.pinned", key=raw_key_hex(release_public_key())))
        print(say(lang, "verify.ok", files=result.checked_files, mb=result.checked_bytes / 1e6,
                  folder=folder, app=m.app_name, version=m.app_version, commit=m.source_commit,
                  digest=m.digest, signer=signer))
        return 0
    for line in result.problems():
        print(line.text(lang))
    raise IntegrityError("verify.differs", folder=str(folder), missing=len(result.missing),
                         modified=len(result.modified), extra=len(result.extra))
