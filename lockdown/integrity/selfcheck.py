"""The first start-up step of `lockdown run`: is this the signed official build, unmodified?

Three answers, kept apart on purpose: "valid" (signature and every file match), "invalid" (checked
and something differs: the exam must not start; tell the student to reinstall from the official
source) and "unverifiable" (running from source, or no manifest shipped: nothing to check against;
the exam configuration and the server decide whether such a build may sit the exam).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lockdown.errors import IntegrityError, IntegrityUnknown
from lockdown.integrity.hashing import Progress
from lockdown.integrity.manifest import ManifestError
from lockdown.integrity.tree import MANIFEST_NAME, SIGNATURE_NAME
from lockdown.words import Phrase, phrase

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from lockdown.integrity.verify import VerifyResult

Status = Literal["valid", "unverifiable", "invalid"]


@dataclass(frozen=True)
class SelfCheckResult:
    """The verdict, the reasons for people, and the manifest digest when the manifest was trusted."""

    status: Status
    problems: list[Phrase] = field(default_factory=list)
    manifest_digest: str | None = None
    install_dir: Path | None = None
    report: VerifyResult | None = None


def installed_bundle_dir() -> Path | None:
    """The folder of the running frozen build (where manifest.json sits), or None from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def self_check(progress: Progress | None = None, *, install_dir: Path | None = None,
               public_key: Ed25519PublicKey | None = None) -> SelfCheckResult:
    """Check this install against its bundled, signed manifest.

    `install_dir` defaults to the running build's folder; `public_key` to the pinned release key
    (tests pass their own key explicitly). `progress(done_bytes, total_bytes)` is called from the
    calling thread while files are hashed.
    """
    # Imported here: the signature check loads cryptography (~6 MB, ~10 ms), which `lockdown run`
    # on Linux then loads only in the child process that runs this check.
    from lockdown.integrity.verify import verify

    folder = install_dir or installed_bundle_dir()
    if folder is None:
        return SelfCheckResult("unverifiable", [phrase("integrity.from_source")])
    try:
        manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
        signature = (folder / SIGNATURE_NAME).read_bytes()
    except OSError as exc:
        return SelfCheckResult("unverifiable", [phrase("integrity.unreadable", path=str(exc.filename),
                                                       error=exc.strerror)], install_dir=folder)
    try:
        report = verify(folder, manifest_bytes, signature, public_key, progress)
    except ManifestError as exc:  # signed with the release key, yet unusable: treat as tampering
        return SelfCheckResult("invalid", [exc.phrase], install_dir=folder)
    except IntegrityUnknown as exc:
        return SelfCheckResult("unverifiable", [exc.phrase], install_dir=folder)
    except IntegrityError as exc:
        return SelfCheckResult("invalid", [exc.phrase], install_dir=folder)
    if report.ok:
        return SelfCheckResult("valid", [], report.manifest.digest, folder, report)
    return SelfCheckResult("invalid", report.problems(), None, folder, report)
