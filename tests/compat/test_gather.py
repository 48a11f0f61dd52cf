"""How the real machine's facts are read: this Linux for real, Windows and macOS through `platform`."""

from __future__ import annotations

import platform
import sys

import pytest

from lockdown.compat import gather
from lockdown.compat.engine import RenderProbe
from lockdown.words import phrase


@pytest.mark.skipif(sys.platform != "linux", reason="reads this Linux machine")
def test_this_linux_is_described_by_distribution_and_glibc() -> None:
    facts = gather.os_facts("linux")
    release = platform.freedesktop_os_release()
    assert facts.label == f"{release['ID']} {release['VERSION_ID']}"
    assert facts.version == tuple(int(p) for p in platform.libc_ver()[1].split("."))


@pytest.mark.parametrize(("release", "version", "label", "build"), [
    ("10", "10.0.22631", "11", 22631), ("10", "10.0.19045", "10", 19045), ("11", "10.0.26100", "11", 26100),
])
def test_windows_11_is_told_apart_by_its_build(monkeypatch: pytest.MonkeyPatch, release: str, version: str,
                                               label: str, build: int) -> None:
    monkeypatch.setattr(platform, "release", lambda: release)
    monkeypatch.setattr(platform, "version", lambda: version)
    facts = gather.os_facts("windows")
    assert (facts.label, facts.version) == (label, (build,))


def test_macos_keeps_major_and_minor_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform, "mac_ver", lambda: ("14.4.1", ("", "", ""), "arm64"))
    facts = gather.os_facts("macos")
    assert (facts.label, facts.version) == ("14.4", (14, 4))


def test_qt_version_comes_from_the_probe_else_the_installed_pyside6() -> None:
    assert gather.qt_version(RenderProbe(True, qt_version="6.8.2")) == "6.8.2"
    from importlib import metadata
    failed = RenderProbe(False, phrase("probe.render.timeout"))
    assert gather.qt_version(failed) == metadata.version("PySide6")


def test_no_exam_keeps_the_models_defaults() -> None:
    assert gather.NO_EXAM.allowed_displays_max == 1
    assert gather.NO_EXAM.wayland == "refuse"
    assert gather.NO_EXAM.network.min_download_kbps == 256
