"""The bytes of a .seb file: plain XML, gzip, `plnd`, SEB's double gzip, encrypted and hostile files."""

from __future__ import annotations

import gzip
import plistlib
from datetime import datetime

import pytest

from lockdown.config import parse_config
from lockdown.config.sebfile import MAX_DECOMPRESSED_BYTES, dump_seb
from lockdown.errors import ConfigError
from lockdown.sebkeys.configkey import config_key
from tests.config.helpers import MOODLE_KEY, plist_xml


def _forms(xml: bytes) -> dict[str, bytes]:
    return {
        "plain": xml,
        "gzip": gzip.compress(xml),
        "plnd+gzip": b"plnd" + gzip.compress(xml),
        "plnd+xml": b"plnd" + xml,
        "gzip(plnd+gzip)": gzip.compress(b"plnd" + gzip.compress(xml)),
        "bom": b"\xef\xbb\xbf" + xml,
    }


@pytest.mark.parametrize("form", list(_forms(b"")))
def test_every_seb_form_gives_the_same_config_key(moodle_seb_bytes: bytes, form: str) -> None:
    data = _forms(moodle_seb_bytes)[form]
    assert config_key(parse_config(data, f"exam-{form}.seb").settings) == MOODLE_KEY


@pytest.mark.parametrize("compress", [False, True])
def test_dump_seb_round_trips_to_the_same_settings_and_key(compress: bool) -> None:
    settings = {"startURL": "https://exam.example.org/", "examKeySalt": b"\x01\x02",
                "created": datetime(2024, 5, 6, 7, 8, 9), "URLFilterRules": [],
                "nested": {"list": [1, 2.5, "x", True]}, "originatorVersion": "lockdown"}
    data = dump_seb(settings, compress=compress)
    assert data.startswith(b"\x1f\x8b") == compress
    config = parse_config(data, "written.seb")
    assert dict(config.settings) == settings
    assert config_key(config.settings) == config_key(settings)


def test_compressed_dump_has_seb_layout() -> None:
    data = dump_seb({"startURL": "https://exam.example.org/"}, compress=True)
    inner = gzip.decompress(data)
    assert inner[:4] == b"plnd"
    assert plistlib.loads(gzip.decompress(inner[4:])) == {"startURL": "https://exam.example.org/"}


def test_dump_seb_is_deterministic() -> None:
    settings = {"startURL": "https://exam.example.org/"}
    assert dump_seb(settings, compress=True) == dump_seb(settings, compress=True)


@pytest.mark.parametrize(("prefix", "advice"), [(b"pswd", "give it with --password-file FILE"),
                                                (b"pwcc", "give it with --password-file FILE"),
                                                (b"pkhs", "ask your institution"),
                                                (b"phsk", "ask your institution")])
@pytest.mark.parametrize("wrapped", [False, True])
def test_encrypted_files_say_so_and_what_to_do(prefix: bytes, advice: str, wrapped: bool) -> None:
    data = prefix + b"\x02\x01" + bytes(range(96))
    if wrapped:
        data = gzip.compress(data)
    with pytest.raises(ConfigError) as err:
        parse_config(data, "secret.seb")
    text = str(err.value)
    assert "encrypted" in text and advice in text
    assert text.startswith("secret.seb: ") and "\n" not in text


def test_billion_laughs_is_refused_without_expanding() -> None:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    xml = (f'<?xml version="1.0"?><!DOCTYPE plist [{entities}]>'
           '<plist version="1.0"><dict><key>startURL</key><string>&j;</string></dict></plist>').encode()
    with pytest.raises(ConfigError, match="entity"):
        parse_config(xml, "laughs.seb")


def test_utf16_xml_is_not_sniffed_as_a_configuration() -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE plist [<!ENTITY a "x">]>'
           '<plist version="1.0"><dict><key>startURL</key><string>&a;</string></dict></plist>')
    with pytest.raises(ConfigError, match=r"not a lockdown JSON configuration or an SEB \.seb file"):
        parse_config(xml.encode("utf-16"), "utf16.seb")


def test_external_entities_are_never_fetched_or_expanded(tmp_path: object) -> None:
    xml = (b'<?xml version="1.0"?><!DOCTYPE plist SYSTEM "file:///etc/passwd">'
           b'<plist version="1.0"><dict><key>startURL</key><string>https://exam.example.org/</string>'
           b'<key>x</key><string>&xxe;</string></dict></plist>')
    config = parse_config(xml, "xxe.seb")
    assert config.settings["x"] == ""


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"<" + b" " * (MAX_DECOMPRESSED_BYTES + 10))
    assert len(bomb) < 100_000
    with pytest.raises(ConfigError, match="decompresses to more than"):
        parse_config(bomb, "bomb.seb")


def test_truncated_and_corrupt_gzip_are_refused() -> None:
    good = gzip.compress(plist_xml("<key>startURL</key><string>https://e.org/</string>"))
    with pytest.raises(ConfigError, match="truncated gzip"):
        parse_config(good[: len(good) // 2], "cut.seb")
    with pytest.raises(ConfigError, match="corrupt gzip"):
        parse_config(good[:10] + b"\xff" * 40, "corrupt.seb")


def test_binary_plist_is_refused_with_advice() -> None:
    data = plistlib.dumps({"startURL": "https://e.org/"}, fmt=plistlib.FMT_BINARY)
    with pytest.raises(ConfigError, match="binary property lists are not supported"):
        parse_config(data, "binary.seb")


def test_deep_nesting_is_refused() -> None:
    body = "<key>a</key>" + "<array>" * 200 + "</array>" * 200
    with pytest.raises(ConfigError, match="nested more than"):
        parse_config(plist_xml(body), "deep.seb")
