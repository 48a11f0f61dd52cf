#!/usr/bin/env python3
"""Sign a release manifest: `tools/sign.py KEYFILE MANIFEST [--out SIG]`.

Writes the raw 64-byte Ed25519 signature over the exact manifest bytes to manifest.sig (next to the
manifest unless --out is given), checks it back, and says whether KEYFILE is the pinned release key
(if not, `lockdown verify` needs --pubkey). The private key is read from the file the maintainer
names and never copied anywhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives import serialization

from lockdown.errors import LockdownError
from lockdown.integrity.signature import (
    load_private_key,
    release_public_key,
    sign,
    verify_signature,
)
from lockdown.integrity.sources import sibling_signature


def _raw(key: object) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)  # type: ignore[attr-defined, no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/sign.py", description=__doc__.split("\n")[0])
    parser.add_argument("key", type=Path, metavar="KEYFILE", help="PEM Ed25519 private key")
    parser.add_argument("manifest", type=Path, metavar="MANIFEST", help="manifest.json to sign")
    parser.add_argument("--out", type=Path, help="signature file (default: manifest.sig beside it)")
    args = parser.parse_args(argv)
    try:
        private = load_private_key(args.key.read_bytes(), str(args.key))
        data = args.manifest.read_bytes()
    except (OSError, LockdownError) as exc:
        print(f"sign: {exc}", file=sys.stderr)
        return 2
    signature = sign(data, private)
    verify_signature(data, signature, private.public_key())
    out = args.out or Path(sibling_signature(str(args.manifest)))
    out.write_bytes(signature)
    pinned = _raw(private.public_key()) == _raw(release_public_key())
    print(f"signed {args.manifest} -> {out}"
          + ("" if pinned else " (not the pinned release key: verify with --pubkey)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
