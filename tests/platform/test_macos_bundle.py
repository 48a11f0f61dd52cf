"""The macOS app bundle's Info.plist: lockdown opens seb:// and sebs:// links and .seb files.

The dict is serialised with plistlib, as PyInstaller's BUNDLE writes Contents/Info.plist (its own
defaults updated with `info_plist`), and read back. Expected values come from Apple's keys and
from Safe Exam Browser's own Info.plist (seb-mac: UTExportedTypeDeclarations declares
`org.safeexambrowser.seb` for the `seb` extension and `application/seb`).
"""

from __future__ import annotations

import ast
import plistlib
from pathlib import Path

from lockdown.platform.macos.bundle_info import info_plist

REPO = Path(__file__).resolve().parents[2]


def _plist() -> dict[str, object]:
    data = plistlib.dumps(info_plist("1.2.3"), fmt=plistlib.FMT_XML)
    loaded = plistlib.loads(data)
    assert isinstance(loaded, dict)
    return loaded


def test_the_plist_declares_both_link_schemes() -> None:
    plist = _plist()
    url_types = plist["CFBundleURLTypes"]
    assert isinstance(url_types, list)
    schemes = {scheme for t in url_types for scheme in t["CFBundleURLSchemes"]}
    assert schemes == {"seb", "sebs"}
    assert all(t["CFBundleTypeRole"] == "Viewer" and t["CFBundleURLName"] for t in url_types)


def test_the_plist_opens_seb_files_as_the_type_safe_exam_browser_exports() -> None:
    plist = _plist()
    (document,) = plist["CFBundleDocumentTypes"]  # type: ignore[misc]
    assert document["LSItemContentTypes"] == ["org.safeexambrowser.seb"]
    assert document["CFBundleTypeRole"] == "Viewer"
    (declared,) = plist["UTImportedTypeDeclarations"]  # type: ignore[misc]
    assert declared["UTTypeIdentifier"] == "org.safeexambrowser.seb"
    assert declared["UTTypeTagSpecification"] == {"public.filename-extension": ["seb"],
                                                  "public.mime-type": ["application/seb"]}
    assert "public.data" in declared["UTTypeConformsTo"]
    assert plist["CFBundleShortVersionString"] == "1.2.3"


def test_build_spec_hands_these_entries_to_the_app_bundle() -> None:
    tree = ast.parse((REPO / "build.spec").read_text())
    bundles = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
               and isinstance(node.func, ast.Name) and node.func.id == "BUNDLE"]
    assert len(bundles) == 1
    given = {kw.arg: ast.unparse(kw.value) for kw in bundles[0].keywords}
    assert given["info_plist"] == "bundle_info.info_plist(__version__)"
    assert given["name"] == "bundle_info.BUNDLE_NAME"
