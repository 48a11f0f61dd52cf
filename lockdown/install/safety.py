"""Where the uninstaller may delete, and deletion that never leaves those places.

Only lockdown's own folders (`Paths.owned_roots()`), its own files (`Paths.owned_files()`, the
shortcuts) and its own session temporary folders may be deleted whole. A folder the installer
created only to hold those (a `parent_dir` in the receipt) may be removed when empty. Everything
else is refused, whatever the receipt says. Symbolic links are removed as links, never followed:
a path that passes through a link below an owned root is refused, and folders are removed with
`shutil.rmtree`, which unlinks links it meets instead of entering them.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lockdown.leftovers import PendingRemovals, remove_folder
from lockdown.paths import SESSION_TMP_PREFIX, Paths
from lockdown.platform import get_platform
from lockdown.words import PhraseError


class Refused(PhraseError):
    """A path the uninstaller will not delete; its phrase says why (without the path), for the report."""


@dataclass(frozen=True)
class OwnedLocations:
    """The places one user's lockdown owns, computed from `lockdown.paths`."""

    roots: tuple[Path, ...]
    files: tuple[Path, ...]
    temp_root: Path
    home: Path
    recorded: tuple[Path, ...] = ()
    """Session folders an earlier run could not remove (`Paths.pending_removals`), wherever they are."""

    @classmethod
    def from_paths(cls, paths: Paths) -> OwnedLocations:
        return cls(roots=paths.owned_roots(), files=paths.owned_files(), temp_root=paths.temp_root,
                   home=paths.home, recorded=tuple(PendingRemovals(paths.pending_removals).folders()))

    def _root_of(self, path: Path) -> Path | None:
        for root in self.roots:
            if path == root or root in path.parents:
                return root
        return None

    def is_session_temp(self, path: Path) -> bool:
        """A per-session folder of this user directly in the temporary folder (or recorded as left)."""
        if path.parent != self.temp_root and path not in self.recorded:
            return False
        if not path.name.startswith(SESSION_TMP_PREFIX):
            return False
        try:
            st = path.lstat()
        except OSError:
            return False
        return not hasattr(os, "getuid") or st.st_uid == os.getuid()

    def check_removable(self, path: Path) -> None:
        """Raise Refused unless `path` may be deleted whole (file, link or folder)."""
        if not path.is_absolute() or any(p in (".", "..") for p in path.parts):
            raise Refused("uninstall.refused.not_plain")
        if path in self.files or self.is_session_temp(path):
            return
        root = self._root_of(path)
        if root is None:
            raise Refused("uninstall.refused.outside")
        # Every folder from the root down to the path's parent must be a real folder: a link
        # there would lead outside while the path still looks inside.
        node = root
        for part in path.relative_to(root).parts[:-1]:
            if _is_link(node):
                raise Refused("uninstall.refused.through_link", link=str(node))
            node = node / part
        if node != path and _is_link(node):
            raise Refused("uninstall.refused.through_link", link=str(node))

    def check_empty_parent(self, path: Path) -> None:
        """Raise Refused unless `path` is a folder above an owned location, inside the home folder."""
        owned = (*self.roots, *self.files)
        if self.home not in path.parents or not any(path in o.parents for o in owned):
            raise Refused("uninstall.refused.not_parent")


def _is_link(path: Path) -> bool:
    try:
        st = path.lstat()
    except OSError:
        return False
    return stat.S_ISLNK(st.st_mode) or bool(getattr(st, "st_reparse_tag", 0))


def exists(path: Path) -> bool:
    """True if anything (even a dangling link) is at `path`."""
    try:
        path.lstat()
    except OSError:
        return False
    return True


def remove(path: Path, owned: OwnedLocations) -> bool:
    """Delete `path` if it is lockdown's; True if something was deleted, False if nothing was there.

    Raises Refused for a path outside owned locations and OSError if deletion failed.
    """
    owned.check_removable(path)
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(st.st_mode) and not _is_link(path):
        if not get_platform().files.removes_trees_without_following_links():
            raise Refused("uninstall.refused.unsafe_rmtree")
        left = remove_folder(path)  # removes all it can, and names the full path of what stays
        if left is not None:
            raise OSError(left.reason)
    else:
        path.unlink()  # a link is removed as a link; its target is untouched
    return True


def remove_empty_parent(path: Path, owned: OwnedLocations) -> bool:
    """Remove a folder the installer created to hold lockdown's folders, only if it is empty now."""
    owned.check_empty_parent(path)
    if _is_link(path):
        raise Refused("uninstall.refused.link")
    try:
        path.rmdir()
    except FileNotFoundError:
        return False
    except OSError:
        return False  # it holds something else now: not ours to remove
    return True
