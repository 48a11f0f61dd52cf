"""The anonymous compatibility report: what `lockdown check --report` may send, and nothing else.

The payload is built only through `lockdown.privacy.build_payload("compat_report", ...)`: system
family and version, processor family, Qt and lockdown versions, and each check's status. No
detail text, host name, user name, program name or address can get in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from lockdown.compat.result import Check
from lockdown.compat.system import Arch
from lockdown.platform import OsName
from lockdown.privacy import build_payload

REPORT_PATH = "/api/compat-reports"


@dataclass(frozen=True)
class Identity:
    """The anonymous description of this machine shown in `--json` and sent with `--report`."""

    os_family: OsName
    os_version: str
    arch: Arch
    qt_version: str
    lockdown_version: str


def clean_version(text: str, allowed: str = r"[^0-9A-Za-z._ -]", limit: int = 40) -> str:
    """Keep only the characters the manifest allows (a distribution's VERSION_ID may hold others)."""
    cleaned = re.sub(allowed, "", text).strip()[:limit].strip()
    return cleaned or "unknown"


def build_report(identity: Identity, checks: Sequence[Check],
                 report_id: str | None = None) -> dict[str, object]:
    """The exact payload to show the student and then send."""
    values: dict[str, object] = {
        "report_id": report_id or str(uuid.uuid4()),
        "os_family": identity.os_family,
        "os_version": identity.os_version,
        "arch": identity.arch,
        "qt_version": identity.qt_version,
        "lockdown_version": identity.lockdown_version,
    }
    values.update({f"check.{c.name}": c.status for c in checks})
    return build_payload("compat_report", values)
