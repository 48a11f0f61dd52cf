"""Deletion stays inside lockdown's own locations, never follows a link out, copes with absence."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lockdown.install import safety
from lockdown.paths import SESSION_TMP_PREFIX, Paths

Owned = safety.OwnedLocations


@pytest.fixture
def owned(paths: Paths) -> Owned:
    return safety.OwnedLocations.from_paths(paths)


def test_rmtree_on_this_platform_resists_symlink_attacks() -> None:
    assert shutil.rmtree.avoids_symlink_attacks


def test_file_outside_owned_locations_is_refused_and_survives(home: Path, owned: Owned) -> None:
    precious = home / "thesis.txt"
    precious.write_text("years of work")
    with pytest.raises(safety.Refused, match="outside"):
        safety.remove(precious, owned)
    assert precious.read_text() == "years of work"


def test_home_itself_and_parents_of_owned_roots_are_refused(home: Path, paths: Paths,
                                                            owned: Owned) -> None:
    for path in (home, paths.data.parent, home / ".config", Path("/")):
        with pytest.raises(safety.Refused):
            owned.check_removable(path)


def test_dot_dot_path_that_looks_inside_is_refused(paths: Paths, owned: Owned) -> None:
    sneaky = Path(str(paths.data) + "/../../../.bashrc")
    with pytest.raises(safety.Refused, match="plain absolute"):
        owned.check_removable(sneaky)


def test_link_inside_an_owned_root_is_removed_but_not_followed(home: Path, paths: Paths,
                                                               owned: Owned) -> None:
    outside = home / "Documents"
    outside.mkdir()
    (outside / "essay.txt").write_text("keep me")
    paths.cache.mkdir(parents=True)
    os.symlink(outside, paths.cache / "docs")
    os.symlink(outside / "essay.txt", paths.cache / "essay-link")
    assert safety.remove(paths.cache, owned)
    assert not safety.exists(paths.cache)
    assert (outside / "essay.txt").read_text() == "keep me"


def test_path_reached_through_a_link_is_refused(home: Path, paths: Paths, owned: Owned) -> None:
    outside = home / "Documents"
    outside.mkdir()
    (outside / "essay.txt").write_text("keep me")
    paths.data.mkdir(parents=True)
    os.symlink(outside, paths.data / "app")
    with pytest.raises(safety.Refused, match="symbolic link"):
        safety.remove(paths.data / "app" / "essay.txt", owned)
    assert (outside / "essay.txt").exists()


def test_owned_root_that_is_a_link_is_unlinked_only(home: Path, paths: Paths, owned: Owned) -> None:
    outside = home / "Music"
    outside.mkdir()
    (outside / "song.ogg").write_bytes(b"la")
    paths.config.parent.mkdir(parents=True)
    os.symlink(outside, paths.config)
    assert safety.remove(paths.config, owned)
    assert not safety.exists(paths.config)
    assert (outside / "song.ogg").read_bytes() == b"la"


def test_missing_things_are_not_an_error(paths: Paths, owned: Owned) -> None:
    assert safety.remove(paths.install / "gone", owned) is False
    assert safety.remove(paths.shortcuts[0], owned) is False


def test_session_folders_are_removable_only_with_the_prefix(paths: Paths, owned: Owned) -> None:
    ours = paths.temp_root / f"{SESSION_TMP_PREFIX}123-abc"
    ours.mkdir()
    theirs = paths.temp_root / "someone-else"
    theirs.mkdir()
    assert safety.remove(ours, owned)
    with pytest.raises(safety.Refused):
        safety.remove(theirs, owned)
    assert theirs.is_dir()


def test_parent_folder_is_removed_only_when_empty(home: Path, paths: Paths, owned: Owned) -> None:
    apps = paths.shortcuts[0].parent
    apps.mkdir(parents=True)
    (apps / "firefox.desktop").write_text("[Desktop Entry]\n")
    assert safety.remove_empty_parent(apps, owned) is False
    assert (apps / "firefox.desktop").exists()
    (apps / "firefox.desktop").unlink()
    assert safety.remove_empty_parent(apps, owned) is True
    assert not apps.exists()


def test_only_folders_above_owned_locations_count_as_parents(home: Path, owned: Owned) -> None:
    empty = home / "Empty"
    empty.mkdir()
    with pytest.raises(safety.Refused):
        safety.remove_empty_parent(empty, owned)
    with pytest.raises(safety.Refused):
        safety.remove_empty_parent(home, owned)
    assert empty.is_dir()
