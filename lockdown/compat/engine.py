"""Check that the exam browser engine (QtWebEngine) can load and draw a page on this machine."""

from __future__ import annotations

from dataclasses import dataclass

from lockdown.compat.result import Check
from lockdown.words import Phrase, phrase


@dataclass(frozen=True)
class RenderProbe:
    """Outcome of rendering the test page in a child process."""

    ok: bool
    reason: Phrase | None = None
    qt_version: str | None = None
    offscreen: bool = False
    """True when it rendered without a display (QT_QPA_PLATFORM=offscreen)."""


def check_webengine(probe: RenderProbe) -> Check:
    """A fail here means no exam page can be shown at all."""
    name = "webengine"
    version = f"QtWebEngine {probe.qt_version}" if probe.qt_version else "QtWebEngine"
    if probe.ok:
        key = "check.webengine.offscreen" if probe.offscreen else "check.webengine.ok"
        return Check(name, "pass", phrase(key, engine=version))
    return Check(name, "fail", phrase("check.webengine.failed", engine=version, reason=probe.reason),
                 phrase("check.fix.graphics"))
