"""`lockdown config-key` as admins run it: the key and nothing else; bad files give exit 2 and one line."""

from __future__ import annotations

import gzip
import hashlib
import json
import plistlib
from pathlib import Path

import pytest

from lockdown.config.sebfile import dump_seb
from tests.config.helpers import MOODLE_KEY, MOODLE_SEB, native, plist_xml, run_cli

START = "https://exam.example.org/"


def test_prints_the_config_key_and_nothing_else() -> None:
    result = run_cli("config-key", str(MOODLE_SEB))
    assert (result.returncode, result.stdout, result.stderr) == (0, MOODLE_KEY + "\n", "")


def test_header_prints_the_config_key_hash_for_a_url() -> None:
    url = "https://exam.example.org/mod/quiz/view.php?id=7"
    result = run_cli("config-key", str(MOODLE_SEB), "--header", url + "#top")
    expected = hashlib.sha256((url + MOODLE_KEY).encode()).hexdigest()
    assert (result.returncode, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_compressed_seb_gives_the_same_key(tmp_path: Path) -> None:
    path = tmp_path / "exam.seb"
    path.write_bytes(gzip.compress(b"plnd" + gzip.compress(MOODLE_SEB.read_bytes())))
    assert run_cli("config-key", str(path)).stdout == MOODLE_KEY + "\n"


def _bomb() -> bytes:
    return gzip.compress(b"<" + b" " * (40 * 2**20))


MALFORMED: list[tuple[str, bytes, str]] = [
    ("empty.seb", b"", "the file is empty"),
    ("garbage.seb", b"\x00\x01\x02garbage", "not a lockdown JSON configuration or an SEB .seb file"),
    ("truncated.seb", gzip.compress(MOODLE_SEB.read_bytes())[:300], "truncated gzip data"),
    ("bomb.seb", _bomb(), "decompresses to more than 32 MiB"),
    ("password.seb", gzip.compress(b"pswd" + bytes(100)), "encryption format version 0"),
    ("client.seb", gzip.compress(b"pwcc" + b"\x03\x01" + bytes(96)), "give it with --password-file FILE"),
    ("cert.seb", gzip.compress(b"pkhs" + bytes(100)), "encrypted for a certificate (pkhs)"),
    ("certsym.seb", b"phsk" + bytes(100), "encrypted for a certificate (phsk)"),
    ("binary.seb", plistlib.dumps({"startURL": START}, fmt=plistlib.FMT_BINARY), "binary property lists"),
    ("unclosed.seb", plist_xml("<key>startURL</key><string>x"), "not a valid property list"),
    ("array.seb", b"<plist><array/></plist>", "top level must be a <dict>"),
    ("entities.seb", b'<!DOCTYPE plist [<!ENTITY a "b">]><plist><dict/></plist>', "XML entity declarations"),
    ("nostart.seb", dump_seb({"allowQuit": True}), "startURL: missing"),
    ("badstart.seb", dump_seb({"startURL": "www.exam.org"}), "startURL: must be an http(s) URL"),
    ("badregex.seb", dump_seb({"startURL": START, "URLFilterRules": [
        {"action": 1, "expression": "a"}, {"action": 1, "expression": "b"},
        {"action": 1, "regex": True, "expression": "a(b"}]}),
     "URLFilterRules[2].expression: invalid regular expression"),
    ("badaction.seb", dump_seb({"startURL": START, "URLFilterRules": [{"action": 5, "expression": "a"}]}),
     "URLFilterRules[0].action: must be one of 0, 1"),
    ("badhash.seb", dump_seb({"startURL": START, "hashedQuitPassword": "hunter2"}), "hashedQuitPassword"),
    ("badtype.seb", dump_seb({"startURL": START, "allowQuit": "YES"}),
     "allowQuit: must be <true/> or <false/>"),
    ("nan.seb", dump_seb({"startURL": START, "zoom": float("nan")}), "no Config Key form"),
    ("bad.json", b'{"format": 1,', "not valid JSON"),
    ("list.json", b"[]", "not a lockdown JSON configuration"),
    ("noformat.json", json.dumps({"start_url": START}).encode(), "format: missing"),
    ("v2.json", json.dumps(native(format=2)).encode(), "format: version 2 is newer"),
    ("typo.json", json.dumps(native(alow_quit=True)).encode(), "alow_quit: unknown setting (did you mean"),
    ("badurl.json", json.dumps(native(start_url="https://exam example.org")).encode(),
     "start_url: must be an http(s) URL"),
    ("multiline.json", json.dumps(native(start_url="https://a.org/\nx")).encode(),
     "start_url: must be an http(s) URL, not 'https://a.org/\\nx'"),
    ("deep.json", b'{"a":' * 5000 + b"1" + b"}" * 5000, "not valid JSON"),
    ("latin1.json", '{"format": 1, "start_url": "https://é.org"}'.encode("latin-1"), "not UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_configs_exit_2_with_one_line_naming_the_problem(
        tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run_cli("config-key", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"lockdown: {path}: ")
    assert message in lines[0]


def test_missing_file_and_insecure_url_exit_2(tmp_path: Path) -> None:
    for source, message in [(str(tmp_path / "nope.seb"), "no such file"),
                            ("http://exam.example.org/c.seb", "plain http:// is allowed only for loopback"),
                            (str(tmp_path), "is a directory")]:
        result = run_cli("config-key", source)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.count("\n") == 1 and message in result.stderr


def test_missing_argument_is_a_usage_error() -> None:
    result = run_cli("config-key")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
