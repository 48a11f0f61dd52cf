"""Fixtures for install tests: a throw-away home folder, its lockdown paths, a fake bundle."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from lockdown.paths import Paths, get_paths
from tests.install.helpers import FakeSecrets, make_bundle

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the application


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home folder that platformdirs (and so lockdown.paths) uses for this test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def paths(home: Path, tmp_path: Path) -> Paths:
    """Linux layout under `home`, with its own temporary folder."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    return dataclasses.replace(get_paths("linux", home=home), temp_root=temp)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return make_bundle(tmp_path / "bundle")


@pytest.fixture
def secrets() -> FakeSecrets:
    return FakeSecrets()
