"""Where lockdown writes on Linux: the freedesktop (XDG) base folders, through platformdirs."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from lockdown import APP_NAME
from lockdown.paths import Paths


def folders(home: Path, env: Mapping[str, str]) -> Paths:
    """XDG data, config, cache and state folders; the menu entries in the data folder's applications/,
    the link handlers in the config folder's mimeapps.list, the `.seb` type in the data folder's mime/."""
    # platformdirs reads XDG_* and HOME from the process environment itself.
    dirs = platformdirs.unix.Unix(APP_NAME, appauthor=False)
    data = Path(dirs.user_data_dir)
    state = Path(dirs.user_state_dir)
    apps = data.parent / "applications"
    config = Path(dirs.user_config_dir)
    return Paths(
        os="linux",
        home=home,
        data=data,
        config=config,
        cache=Path(dirs.user_cache_dir),
        state=state,
        log=state / "log",
        install=data / "app",
        shortcuts=(apps / "lockdown.desktop", apps / "lockdown-uninstall.desktop"),
        temp_root=Path(tempfile.gettempdir()),
        mimeapps=config.parent / "mimeapps.list",
        mime_database=data.parent / "mime",
    )
