"""Windows files: no executable bit, and `rmtree` removes junctions and links without entering them."""

from __future__ import annotations


class WindowsFiles:
    """NTFS has no "executable" permission: whether a file runs depends on its extension."""

    keeps_executable_bit = False

    def removes_trees_without_following_links(self) -> bool:
        # Python's rmtree on Windows removes a junction or symbolic link as a link (Python 3.8+).
        return True
