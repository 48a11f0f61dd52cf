"""`lockdown verify` and `lockdown bek` as IT staff and admins run them: exit codes and messages."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lockdown.cli import main
from lockdown.integrity.manifest import parse_manifest
from lockdown.sebkeys.bek import browser_exam_key, request_hash
from lockdown.sebkeys.configkey import config_key
from tests.support.bundle import OTHER_TEST_PUBLIC_KEY, TEST_PUBLIC_KEY
from tests.support.stub import start_stub

PUB = str(TEST_PUBLIC_KEY)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_ok_exit_0(signed_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB)
    assert (code, err) == (0, "")
    assert out.startswith("OK: 3 files") and "abc123" in out


def test_verify_lists_differences_and_exits_1(signed_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (signed_tree / "_internal" / "base_library.zip").unlink()
    (signed_tree / "_internal" / "libinject.so").write_bytes(b"x")
    code, out, err = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB)
    assert code == 1
    assert out.splitlines() == ["missing: _internal/base_library.zip", "extra: _internal/libinject.so"]
    assert err.count("\n") == 1 and "1 missing, 0 modified, 1 extra" in err and "reinstall" in err


def test_verify_json(signed_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (signed_tree / "lockdown").write_bytes(b"\x7fELF program" * 99 + b"\x7fELF prograM")
    code, out, _ = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["status"] == "invalid"
    assert doc["modified"] == [{"path": "lockdown", "reason": "content differs"}]
    assert len(doc["manifest_digest"]) == 64


def test_verify_with_the_wrong_public_key_exits_1(signed_tree: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify", str(signed_tree), "--pubkey", str(OTHER_TEST_PUBLIC_KEY))
    assert code == 1 and "signature does not match" in err


def test_verify_from_source_without_a_folder_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify")
    assert code == 2 and "running from source" in err


def test_verify_without_manifest_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify", str(tmp_path), "--pubkey", PUB)
    assert code == 2 and "manifest" in err and "cannot be read" in err


def test_verify_with_a_bad_key_file_exits_2(signed_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify", str(signed_tree), "--pubkey", str(signed_tree / "lockdown"))
    assert code == 2 and "not a PEM public key" in err


def test_verify_refuses_a_signed_manifest_that_climbs_out(
        signed_tree: Path, test_private_key: Ed25519PrivateKey, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((signed_tree / "manifest.json").read_bytes())
    doc["files"][0]["path"] = "../../home/student/.bashrc"
    data = json.dumps(doc).encode()
    (signed_tree / "manifest.json").write_bytes(data)
    (signed_tree / "manifest.sig").write_bytes(test_private_key.sign(data))
    code, out, err = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB)
    assert code == 2 and "climbs out" in err and out == ""


def test_verify_fetches_the_published_manifest_from_the_server(
        signed_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = tmp_path / "release"
    release.mkdir()
    for name in ("manifest.json", "manifest.sig"):
        shutil.copy(signed_tree / name, release / name)
        (signed_tree / name).unlink()
    with start_stub(tmp_path, release_dir=release) as stub:
        code, _, err = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB,
                            "--manifest", f"{stub.url}/release/manifest.json")
        assert (code, err) == (0, ""), err
        (release / "manifest.sig").write_bytes(b"\0" * 64)
        code, _, err = _run(capsys, "verify", str(signed_tree), "--pubkey", PUB,
                            "--manifest", f"{stub.url}/release/manifest.json")
        assert code == 1 and "signature" in err
        code, _, err = _run(capsys, "verify", str(signed_tree), "--manifest", f"{stub.url}/release/nope.json")
        assert code == 2 and "404" in err


def test_verify_refuses_plain_http_to_another_host(signed_tree: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify", str(signed_tree), "--manifest", "http://example.org/manifest.json")
    assert code == 2 and "https" in err


def _config(tmp_path: Path, salt: bytes | None) -> Path:
    doc: dict[str, object] = {"format": 1, "start_url": "https://exam.example.org/quiz/1"}
    if salt is not None:
        doc["exam_key_salt"] = base64.b64encode(salt).decode()
    path = tmp_path / f"exam-{len(salt or b'')}.json"
    path.write_text(json.dumps(doc))
    return path


def test_bek_matches_an_independent_hmac(tmp_path: Path, signed_tree: Path) -> None:
    from lockdown.config import load_config
    salt = bytes(range(32))
    config = load_config(str(_config(tmp_path, salt)))
    digest = parse_manifest((signed_tree / "manifest.json").read_bytes()).digest
    message = digest + config_key(config.settings)
    openssl = subprocess.run(["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt",
                              f"hexkey:{salt.hex()}"], input=message.encode(), capture_output=True,
                             check=True).stdout.decode()
    assert browser_exam_key(config, digest) == openssl.split()[-1]
    assert browser_exam_key(config, "0" * 64) != browser_exam_key(config, digest)


def test_bek_without_salt_uses_an_empty_key_like_seb(tmp_path: Path) -> None:
    from lockdown.config import load_config
    config = load_config(str(_config(tmp_path, None)))
    expected = hmac.new(b"", ("a" * 64 + config_key(config.settings)).encode(), hashlib.sha256).hexdigest()
    assert browser_exam_key(config, "a" * 64) == expected


def test_request_hash_ignores_the_fragment() -> None:
    bek = "b" * 64
    assert request_hash("https://x.org/q?a=1#part", bek) == request_hash("https://x.org/q?a=1", bek)
    expected = hashlib.sha256(b"https://x.org/q" + bek.encode()).hexdigest()
    assert request_hash("https://x.org/q", bek) == expected


def test_bek_command_prints_the_key_and_header(tmp_path: Path, signed_tree: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from lockdown.config import load_config
    config_path = _config(tmp_path, b"salt-of-this-exam")
    code, out, err = _run(capsys, "bek", str(config_path), "--manifest", str(signed_tree / "manifest.json"),
                          "--pubkey", PUB, "--url", "https://exam.example.org/quiz/1#top")
    digest = parse_manifest((signed_tree / "manifest.json").read_bytes()).digest
    bek = browser_exam_key(load_config(str(config_path)), digest)
    assert (code, err) == (0, "")
    assert out.splitlines() == [bek, f"X-SafeExamBrowser-RequestHash: "
                                     f"{request_hash('https://exam.example.org/quiz/1', bek)}"]


def test_bek_refuses_a_manifest_it_cannot_trust(tmp_path: Path, signed_tree: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config_path = _config(tmp_path, b"s")
    code, _, err = _run(capsys, "bek", str(config_path), "--manifest", str(signed_tree / "manifest.json"))
    assert code == 1 and "signature" in err
    code, _, err = _run(capsys, "bek", str(config_path))
    assert code == 2 and "running from source" in err
