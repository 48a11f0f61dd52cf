"""A real PyInstaller build: it runs, `lockdown verify` passes on it, and tampering is caught every time.

The build is made once per session and trusts the TEST key in place of the release key
(tests/support/bundle.py); each test works on its own copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lockdown.integrity.manifest import parse_manifest
from tests.support.bundle import (
    OTHER_TEST_PRIVATE_KEY,
    OTHER_TEST_PUBLIC_KEY,
    REPO,
    TEST_PRIVATE_KEY,
    TEST_PUBLIC_KEY,
    build_tool,
    second_build,
    sign_bundle,
)
from tests.support.users import User, run_as

pytestmark = pytest.mark.slow

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")


def _frozen(bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "lockdown"), *args], capture_output=True, text=True, timeout=120,
                          env=ENV)


def _verify(bundle: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`lockdown verify` run by the frozen program on its own folder (the IT check of an install)."""
    return _frozen(bundle, "verify", "--pubkey", str(TEST_PUBLIC_KEY), *extra)


def _raw_hex(pem: Path) -> str:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_public_key(pem.read_bytes())
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def test_bundle_has_three_programs_sharing_one_internal_folder(bundle: Path) -> None:
    for name in ("lockdown", "lockdown-install", "lockdown-uninstall"):
        assert os.access(bundle / name, os.X_OK), name
    assert (bundle / "_internal" / "base_library.zip").is_file()
    assert sorted(p.name for p in bundle.iterdir()) == [
        "_internal", "lockdown", "lockdown-install", "lockdown-uninstall", "manifest.json"]


def test_frozen_program_runs(bundle: Path) -> None:
    version = _frozen(bundle, "--version")
    assert version.returncode == 0 and version.stdout.strip().startswith("lockdown 0.")
    privacy = _frozen(bundle, "privacy", "--lang", "fr")
    assert privacy.returncode == 0 and "lockdown" in privacy.stdout


def test_manifest_describes_the_build(bundle: Path) -> None:
    m = parse_manifest((bundle / "manifest.json").read_bytes())
    paths = {e.path for e in m.entries}
    assert {"lockdown", "lockdown-install", "lockdown-uninstall"} <= paths
    assert not any(p.endswith(("/RECORD", "/direct_url.json", "/INSTALLER")) for p in paths)
    assert not any("/qml/" in p for p in paths)
    assert m.build.qt and m.build.python.startswith("3.") and m.build.image


def test_unsigned_build_is_unverifiable_not_valid(bundle: Path) -> None:
    done = _frozen(bundle, "verify")
    assert done.returncode == 2 and "manifest.sig" in done.stderr


def test_frozen_verify_passes_on_a_signed_copy(signed_bundle: Path) -> None:
    done = _verify(signed_bundle)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ") and str(signed_bundle) in done.stdout


def _replace(path: Path, data: bytes) -> None:
    """Rewrite a file keeping its permissions, as an attacker would, so only the content differs."""
    mode = path.stat().st_mode
    path.unlink()
    path.write_bytes(data)
    path.chmod(mode)


def flip_a_byte_in_a_library(b: Path) -> None:
    lib = b / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6"
    data = bytearray(lib.read_bytes())
    data[len(data) // 2] ^= 0xFF
    _replace(lib, bytes(data))


def inject_a_library(b: Path) -> None:
    (b / "_internal" / "libinjected.so").write_bytes(b"\x7fELF not really")


def remove_a_file(b: Path) -> None:
    (b / "_internal" / "PySide6" / "Qt" / "translations" / "qtbase_fr.qm").unlink()


def edit_the_manifest(b: Path) -> None:
    m = b / "manifest.json"
    _replace(m, m.read_bytes().replace(b'"version": "0.', b'"version": "9.', 1))


def swap_the_signature(b: Path) -> None:
    other = b / "other.json"
    other.write_bytes(b"{}")
    sign_bundle(b, OTHER_TEST_PRIVATE_KEY)
    other.unlink()


def truncate_the_manifest(b: Path) -> None:
    m = b / "manifest.json"
    _replace(m, m.read_bytes()[:1000])


TAMPERING = {
    "flipped_byte_in_library": (flip_a_byte_in_a_library, 1,
                                "modified: _internal/PySide6/Qt/lib/libQt6Core.so.6 (content differs)"),
    "added_library": (inject_a_library, 1, "extra: _internal/libinjected.so"),
    "removed_file": (remove_a_file, 1, "missing: _internal/PySide6/Qt/translations/qtbase_fr.qm"),
    "edited_manifest": (edit_the_manifest, 1, "signature does not match"),
    "swapped_signature": (swap_the_signature, 1, "signature does not match"),
    "truncated_manifest": (truncate_the_manifest, 1, "signature does not match"),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_is_caught(signed_bundle: Path, name: str) -> None:
    tamper, code, message = TAMPERING[name]
    tamper(signed_bundle)
    done = _verify(signed_bundle)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert message in done.stdout + done.stderr


def test_wrong_public_key_is_refused(signed_bundle: Path) -> None:
    done = _frozen(signed_bundle, "verify", "--pubkey", str(OTHER_TEST_PUBLIC_KEY))
    assert done.returncode == 1 and "signature does not match" in done.stderr


def test_the_build_trusts_the_key_pinned_into_it_and_no_other(signed_bundle: Path) -> None:
    done = _frozen(signed_bundle, "verify")  # no --pubkey: the key written into the build
    assert done.returncode == 0, done.stderr
    assert f"pinned key {_raw_hex(TEST_PUBLIC_KEY)}" in done.stdout
    sign_bundle(signed_bundle, OTHER_TEST_PRIVATE_KEY)
    refused = _frozen(signed_bundle, "verify")
    assert refused.returncode == 1 and "signature does not match" in refused.stderr


def test_a_build_without_a_key_to_pin_keeps_the_release_key(tmp_path: Path) -> None:
    """What the release build freezes: the exported source, whose key module is the repository's."""
    build_tool().export_source(tmp_path / "plain")
    build_tool().export_source(tmp_path / "pinned", TEST_PUBLIC_KEY.read_bytes())
    module = "lockdown/integrity/signature.py"
    assert (tmp_path / "plain" / module).read_bytes() == (REPO / module).read_bytes()
    assert TEST_PUBLIC_KEY.read_bytes() in (tmp_path / "pinned" / module).read_bytes()
    differing = sorted(str(p.relative_to(tmp_path / "plain")) for p in (tmp_path / "plain").rglob("*")
                       if p.is_file() and p.read_bytes() != (tmp_path / "pinned" / p.relative_to(
                           tmp_path / "plain")).read_bytes())
    assert differing == [module]


def test_signed_manifest_with_paths_climbing_out_is_refused(signed_bundle: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("student file")
    doc = json.loads((signed_bundle / "manifest.json").read_bytes())
    doc["files"].append({"path": "../victim.txt", "size": 12, "mode": "0644", "sha256": "0" * 64})
    (signed_bundle / "manifest.json").write_text(json.dumps(doc))
    sign_bundle(signed_bundle)
    done = _verify(signed_bundle)
    assert done.returncode == 2 and "climbs out" in done.stderr


def test_sign_tool_signs_what_verify_accepts(signed_bundle: Path) -> None:
    (signed_bundle / "manifest.sig").unlink()
    signed = subprocess.run([sys.executable, str(REPO / "tools" / "sign.py"), str(TEST_PRIVATE_KEY),
                             str(signed_bundle / "manifest.json")], capture_output=True, text=True)
    assert signed.returncode == 0 and "not the pinned release key" in signed.stdout
    assert _verify(signed_bundle).returncode == 0


def test_what_differs_inside_two_programs_is_named_down_to_the_module(bundle: Path) -> None:
    explain = build_tool().explain_programs
    assert explain(bundle, bundle, ["lockdown", "manifest.json"]) == ["lockdown: "]  # programs only
    from tools.frozen_diff import differing_parts, parts

    # the installer's program has its own entry script and imports what the kiosk's does not
    differing = differing_parts(bundle / "lockdown", bundle / "lockdown-install")
    assert "pkg:__main__" in differing and "pkg:main" in differing
    assert "module:lockdown.app" in parts(bundle / "lockdown")  # the modules are listed one by one
    assert "module:lockdown.app" not in differing  # and the shared ones are the same
    assert differing_parts(bundle / "lockdown", bundle / "manifest.json")[0].startswith("(not readable")


@pytest.mark.second_build
def test_a_second_build_in_another_folder_is_bit_for_bit_identical(bundle: Path) -> None:
    code, stderr, out = second_build()
    assert code == 0, stderr
    again, first = (parse_manifest((b / "manifest.json").read_bytes()) for b in (out, bundle))
    # Both bundles may come from the cache, built at an older commit with the same files.
    differing = sorted(p for p in set(first.by_path()) | set(again.by_path())
                       if first.by_path().get(p) != again.by_path().get(p))
    assert differing == [], build_tool().explain_programs(bundle, out, differing)
    assert (again.build, again.app_version) == (first.build, first.app_version)


# ---- a tampered build, run by a student --------------------------------------------------------

def test_a_tampered_build_fetches_not_even_the_exam_configuration(
        signed_bundle: Path, unprivileged_user: User) -> None:
    """The real frozen program, its self-check hashing in the background: a modified build is
    refused before any request leaves, however the exam is configured."""
    import http.server
    import tempfile
    import threading

    flip_a_byte_in_a_library(signed_bundle)
    where = Path(tempfile.mkdtemp(prefix="lockdown-tampered-", dir="/var/tmp"))  # the user can read it
    shutil.copytree(signed_bundle, where / "lockdown", symlinks=True)
    for root, dirs, files in os.walk(where):
        for name in dirs + files:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644)
    where.chmod(0o755)
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        done = run_as(unprivileged_user, [str(where / "lockdown" / "lockdown"), "run",
                                          f"http://127.0.0.1:{server.server_port}/exam.json"],
                      keyring=False, source_tree=False, timeout=120)
    finally:
        server.shutdown()
        shutil.rmtree(where, ignore_errors=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "does not match its signed release" in done.stderr and "libQt6Core.so.6" in done.stderr
    assert seen == []


# ---- Chromium's locales: lockdown's languages as files, the others in one archive ------------

def test_the_bundle_keeps_lockdowns_languages_and_archives_every_other(bundle: Path) -> None:
    import zipfile

    import PySide6

    shipped = Path(PySide6.__file__).parent / "Qt" / "translations" / "qtwebengine_locales"
    every = sorted(p.name for p in shipped.glob("*.pak"))
    locales = bundle / "_internal" / "PySide6" / "Qt" / "translations"
    as_files = sorted(p.name for p in (locales / "qtwebengine_locales").glob("*.pak"))
    assert as_files == ["en-GB.pak", "en-US.pak", "fr.pak"]
    with zipfile.ZipFile(locales / "qtwebengine_locales-more.zip") as archive:
        assert sorted(archive.namelist()) == sorted(set(every) - set(as_files))
        assert archive.read("de.pak") == (shipped / "de.pak").read_bytes()
    listed = {e.path for e in parse_manifest((bundle / "manifest.json").read_bytes()).entries}
    assert "_internal/PySide6/Qt/translations/qtwebengine_locales-more.zip" in listed


@pytest.mark.parametrize("bcp47, expected", [("de-DE", ["de.pak"]), ("pt-BR", ["pt-BR.pak", "pt-PT.pak"]),
                                             ("fr-FR", None), ("en-US", None)])
def test_a_student_whose_system_speaks_another_language_gets_its_locale(
        bundle: Path, tmp_path: Path, bcp47: str, expected: list[str] | None) -> None:
    import PySide6

    from lockdown.ui.locales import unpack_locales

    shipped = Path(PySide6.__file__).parent / "Qt" / "translations" / "qtwebengine_locales"
    folder = unpack_locales(bundle / "_internal" / "PySide6" / "Qt" / "translations", bcp47, tmp_path)
    if expected is None:
        assert folder is None and list(tmp_path.iterdir()) == []  # a kept language: nothing to unpack
        return
    assert folder is not None and folder.parent == tmp_path
    assert sorted(p.name for p in folder.iterdir()) == sorted(["en-GB.pak", "en-US.pak", "fr.pak", *expected])
    for name in expected:
        assert (folder / name).read_bytes() == (shipped / name).read_bytes()
