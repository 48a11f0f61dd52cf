"""Where lockdown writes on macOS: the user's Library, and the bundle in ~/Applications."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from lockdown import APP_NAME
from lockdown.paths import Paths


def folders(home: Path, env: Mapping[str, str]) -> Paths:
    """Application Support, Caches and Logs below ~/Library; no menu entries (Finder lists the bundle)."""
    lib = home / "Library"
    support = lib / "Application Support" / APP_NAME
    return Paths(
        os="macos",
        home=home,
        data=support,
        config=support,
        cache=lib / "Caches" / APP_NAME,
        state=support,
        log=lib / "Logs" / APP_NAME,
        install=home / "Applications" / "Lockdown.app",
        shortcuts=(),
        temp_root=Path(env.get("TMPDIR") or tempfile.gettempdir()),
    )
