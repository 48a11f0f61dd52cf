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
from lockdown.words import phrase

SHOWN_PROBLEMS = 5


def manifest_verifier(public_key: Ed25519PublicKey | None = None) -> Verifier:
    """A Verifier against the pinned release key, or `public_key` (a test or in-house build)."""

    def check(folder: Path) -> None:
        try:
            manifest = (folder / MANIFEST_NAME).read_bytes()
            signature = (folder / SIGNATURE_NAME).read_bytes()
        except OSError as exc:
            raise IntegrityUnknown("install.bundle.no_manifest", folder=str(folder), path=str(exc.filename),
                                   error=exc.strerror) from None
        result = verify(folder, manifest, signature, public_key)
        if not result.ok:
            problems = result.problems()
            more = len(problems) - SHOWN_PROBLEMS
            shown = problems[:SHOWN_PROBLEMS]
            if more > 0:
                shown.append(phrase("install.bundle.more", count=more))
            raise IntegrityError("install.bundle.mismatch", folder=str(folder), problems=shown)

    return check
