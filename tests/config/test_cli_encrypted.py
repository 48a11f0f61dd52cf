"""Encrypted .seb files from the command line: --password-file for config-key and run; one-line errors."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.config.helpers import MOODLE_KEY, MOODLE_SEB, run_cli
from tests.config.rncryptor import encrypt, encrypted_seb, seb_hash

PASSWORD = "Prüfung 2024!"


@pytest.fixture
def exam(tmp_path: Path) -> Path:
    """The Moodle fixture, encrypted with PASSWORD as SEB for Windows saves it."""
    path = tmp_path / "exam.seb"
    path.write_bytes(encrypted_seb(MOODLE_SEB.read_bytes(), PASSWORD))
    return path


def _password_file(tmp_path: Path, text: str, name: str = "pw.txt") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, nothing on stdout, one line on stderr: that line."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("ending", ["", "\n", "\r\n", "\nsecond line\n"])
def test_config_key_of_an_encrypted_file_is_that_of_its_settings(tmp_path: Path, exam: Path,
                                                                  ending: str) -> None:
    result = run_cli("config-key", str(exam), "--password-file", _password_file(tmp_path, PASSWORD + ending))
    assert (result.returncode, result.stdout, result.stderr) == (0, MOODLE_KEY + "\n", "")


def test_config_key_header_of_an_encrypted_client_configuration(tmp_path: Path) -> None:
    path = tmp_path / "client.seb"
    path.write_bytes(encrypted_seb(MOODLE_SEB.read_bytes(), seb_hash("admin"), b"pwcc"))
    url = "https://exam.example.org/mod/quiz/view.php?id=7"
    result = run_cli("config-key", str(path), "--header", url,
                     "--password-file", _password_file(tmp_path, "admin"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == hashlib.sha256((url + MOODLE_KEY).encode()).hexdigest() + "\n"


def test_wrong_password_file_is_one_line_exit_2(tmp_path: Path, exam: Path) -> None:
    pw = _password_file(tmp_path, "nope")
    line = _one_line_error(run_cli("config-key", str(exam), "--password-file", pw))
    assert line == (f"lockdown: {exam}: wrong settings password, or the file was changed after it was "
                    "encrypted")


def test_no_password_file_says_how_to_give_one(exam: Path) -> None:
    line = _one_line_error(run_cli("config-key", str(exam)))
    assert line == (f"lockdown: {exam}: this .seb file is encrypted with a settings password; give it with "
                    "--password-file FILE")


@pytest.mark.parametrize(("content", "message"), [(b"\xff\xfe", "not UTF-8 text"), (None, "no such file"),
                                                  (b"x" * 70000, "larger than 64 KiB; not a password file")],
                         ids=["not-utf8", "missing", "huge"])
def test_bad_password_files_are_one_line_exit_2(tmp_path: Path, exam: Path, content: bytes | None,
                                                message: str) -> None:
    path = tmp_path / "pw.txt"
    if content is not None:
        path.write_bytes(content)
    line = _one_line_error(run_cli("config-key", str(exam), "--password-file", str(path)))
    assert line == f"lockdown: --password-file {path}: {message}"


def test_a_password_file_that_is_a_directory_is_one_line_exit_2(tmp_path: Path, exam: Path) -> None:
    line = _one_line_error(run_cli("config-key", str(exam), "--password-file", str(tmp_path)))
    assert line == f"lockdown: --password-file {tmp_path}: is a directory, not a file"


@pytest.mark.parametrize(("name", "damage", "message"), [
    ("tampered.seb", lambda inner: inner[:-1] + bytes([inner[-1] ^ 1]),
     "wrong settings password, or the file was changed"),
    ("truncated.seb", lambda inner: inner[:-7], "not a whole number of AES blocks"),
    ("short.seb", lambda inner: inner[:50], "50 bytes, shorter than the smallest encrypted block"),
    ("version.seb", lambda inner: b"\x07" + inner[1:], "encryption format version 7"),
])
def test_damaged_encrypted_files_are_one_line_exit_2(tmp_path: Path, name: str,
                                                     damage: Callable[[bytes], bytes], message: str) -> None:
    inner = encrypt(gzip.compress(MOODLE_SEB.read_bytes()), PASSWORD.encode())
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"pswd" + damage(inner)))
    pw = _password_file(tmp_path, PASSWORD)
    line = _one_line_error(run_cli("config-key", str(path), "--password-file", pw))
    assert line.startswith(f"lockdown: {path}: ") and message in line


def test_certificate_encrypted_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "cert.seb"
    path.write_bytes(gzip.compress(b"pkhs" + bytes(20) + encrypt(b"x", b"y")))
    line = _one_line_error(run_cli("config-key", str(path), "--password-file", _password_file(tmp_path, "y")))
    assert "encrypted for a certificate (pkhs)" in line and "ask your institution for the configuration " \
        "encrypted with a password instead, or unencrypted" in line


def test_run_explain_with_a_password_file(tmp_path: Path, exam: Path) -> None:
    result = run_cli("run", str(exam), "--explain", "--password-file", _password_file(tmp_path, PASSWORD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"Config Key: {MOODLE_KEY}" in lines and "Start page: https://www.google.com" in lines


def test_run_explain_without_a_password_file_asks_no_one(exam: Path) -> None:
    line = _one_line_error(run_cli("run", str(exam), "--explain"))
    assert line.endswith("give it with --password-file FILE")



@pytest.mark.parametrize("command", ["bek", "check"])
def test_bek_and_check_take_the_password_file_too(tmp_path: Path, exam: Path, command: str) -> None:
    line = _one_line_error(run_cli(command, str(exam), "--password-file", _password_file(tmp_path, "nope")))
    assert line == (f"lockdown: {exam}: wrong settings password, or the file was changed after it was "
                    "encrypted")
