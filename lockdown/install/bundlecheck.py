"""The installer's integrity step: a bundle must match its signed manifest before it is copied.

A thin adapter over `lockdown.integrity.verify` (the one verify function) that turns its result
into the installer's yes/no: any difference is an IntegrityError listing the first few.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from lockdown.errors import IntegrityError, IntegrityUnknown
from lockdown.install.installer import Verifier
from lockdown.integrity.tree import MANIFEST_NAME, SIGNATURE_NAME
from lockdown.integrity.verify import verify

SHOWN_PROBLEMS = 5


def manifest_verifier(public_key: Ed25519PublicKey | None = None) -> Verifier:
    """A Verifier against the pinned release key, or `public_key` (a test or in-house build)."""

    def check(folder: Path) -> None:
        try:
            manifest = (folder / MANIFEST_NAME).read_bytes()
            signature = (folder / SIGNATURE_NAME).read_bytes()
        except OSError as exc:
            raise IntegrityUnknown(f"{folder}: no signed manifest to check the files against "
                                   f"({exc.filename}: {exc.strerror})") from None
        result = verify(folder, manifest, signature, public_key)
        if not result.ok:
            problems = result.problems()
            more = len(problems) - SHOWN_PROBLEMS
            text = "; ".join(problems[:SHOWN_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
            raise IntegrityError(f"{folder}: does not match its signed manifest: {text}")

    return check
