"""The trimming rules of build.spec, on PyInstaller-style entries (no build needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import bundle_rules

sys.path.pop(0)


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/translations/qtbase_fr.qm", True),
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtwebengine_locales/fr.pak", True),
    ("PySide6/Qt/translations/qtwebengine_locales/en-US.pak", True),
    ("PySide6/Qt/translations/qtwebengine_locales/ja.pak", False),
    ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", False),
    ("PySide6/Qt/lib/libQt63DCore.so.6", False),
    ("libQt6Multimedia.so.6", False),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt/lib/libQt6Qml.so.6", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/resources/qtwebengine_devtools_resources.pak", False),
    ("PySide6/Qt/resources/qtwebengine_resources.pak", True),
    ("keyring-25.7.0.dist-info/RECORD", False),
    ("keyring-25.7.0.dist-info/direct_url.json", False),
    ("keyring-25.7.0.dist-info/entry_points.txt", True),
])
def test_keep(dest: str, kept: bool) -> None:
    assert bundle_rules.keep(dest) is kept


def test_links_to_trimmed_files_go_too() -> None:
    entries = [
        ("PySide6/Qt/lib/libQt6Svg.so.6", "/src/libQt6Svg.so.6", "BINARY"),
        ("libQt6Svg.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    assert [e[0] for e in bundle_rules.trim(entries)] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]


def test_libraries_only_a_trimmed_plugin_needed_are_pruned() -> None:
    needs = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libQt6Gui.so.6": [],
        "/s/libgtk-3.so.0": ["libcairo.so.2"],
        "/s/libcairo.so.2": [],
        "/s/libsoftokn3.so": ["libsqlite3.so.0"],
        "/s/libsqlite3.so.0": [],
    }
    entries = [(Path(src).name if "abi3" not in src else "PySide6/" + Path(src).name, src, "BINARY")
               for src in needs]
    kept = bundle_rules.prune_unreferenced(entries, lambda src: needs[src])
    assert sorted(e[0] for e in kept) == ["PySide6/QtWidgets.abi3.so", "libQt6Gui.so.6", "libQt6Widgets.so.6",
                                          "libsoftokn3.so", "libsqlite3.so.0"]


def test_chromium_locales_kept_as_files_are_lockdowns_languages() -> None:
    from lockdown.i18n import LANGUAGES

    kept = {name for name in ("en-US.pak", "en-GB.pak", "fr.pak", "de.pak", "pt-BR.pak", "zh-CN.pak")
            if bundle_rules.is_kept_locale(name)}
    assert kept == {"en-US.pak", "en-GB.pak", "fr.pak"}
    assert set(LANGUAGES) == {"en", "fr"}  # a new language must add its Chromium files above


def test_the_other_locales_go_into_a_reproducible_archive(tmp_path: Path) -> None:
    import zipfile

    source = tmp_path / "src"
    source.mkdir()
    entries = []
    for name in ("de.pak", "fr.pak", "ja.pak", "en-US.pak"):
        (source / name).write_bytes(name.encode() * 1000)
        entries.append((f"PySide6/Qt/translations/qtwebengine_locales/{name}", str(source / name), "DATA"))
    entries.append(("PySide6/Qt/translations/qtbase_de.qm", str(source / "de.pak"), "DATA"))
    archived = bundle_rules.archived_locales(entries)
    assert sorted(e[0].rsplit("/", 1)[-1] for e in archived) == ["de.pak", "ja.pak"]
    first = bundle_rules.write_locale_archive(archived, tmp_path / "a.zip")
    second = bundle_rules.write_locale_archive(list(reversed(archived)), tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert z.namelist() == ["de.pak", "ja.pak"]
        assert z.read("ja.pak") == (source / "ja.pak").read_bytes()
    assert bundle_rules.keep("PySide6/Qt/translations/qtwebengine_locales/ja.pak") is False
