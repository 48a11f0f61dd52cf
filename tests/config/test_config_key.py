"""SEB Config Key: Moodle's vectors from the conformance folder, and SEB's rules on our own vectors."""

from __future__ import annotations

import hashlib
import plistlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from lockdown.config import parse_config
from lockdown.sebkeys.configkey import canonical_json, config_key, config_key_hash
from tests.config.helpers import MOODLE_KEY, plist_xml

# moodle/moodle mod/quiz/accessrule/seb/tests/property_list_test.php, as listed in the conformance README
MOODLE_JSON_VECTORS = [
    ("<key>date</key><date>1940-10-09T22:13:56Z</date>", '{"date":"1940-10-09T22:13:56+00:00"}'),
    ("<key>string</key><string>hello wörld</string>", '{"string":"hello wörld"}'),
    ("<key>string</key><string>ws:\\localhost</string>", '{"string":"ws:\\localhost"}'),
    ("<key>bool</key><true/><key>array</key><array/>", '{"array":[],"bool":true}'),
    ("<key>bool</key><true/><key>emptydict</key><dict/>", '{"bool":true}'),
    ("<key>dict</key><dict><key>banana</key><false/><key>apple</key><true/></dict>",
     '{"dict":{"apple":true,"banana":false}}'),
    ("<key>url</key><string>http://test.com</string>", '{"url":"http://test.com"}'),
]


def test_moodle_fixture_gives_moodles_config_key(moodle_seb_bytes: bytes) -> None:
    config = parse_config(moodle_seb_bytes, "unencrypted_mac_001.seb")
    assert config_key(config.settings) == MOODLE_KEY


@pytest.mark.parametrize(("body", "expected"), MOODLE_JSON_VECTORS)
def test_moodle_canonical_json_vectors(body: str, expected: str) -> None:
    settings = plistlib.loads(plist_xml(body))
    assert canonical_json(settings) == expected
    assert config_key(settings) == hashlib.sha256(expected.encode()).hexdigest()


def test_key_order_does_not_change_the_key() -> None:
    a = {"zeta": 1, "Alpha": True, "beta": {"y": 2, "X": 1}}
    b = {"beta": {"X": 1, "y": 2}, "zeta": 1, "Alpha": True}
    assert canonical_json(a) == canonical_json(b) == '{"Alpha":true,"beta":{"X":1,"y":2},"zeta":1}'


def test_keys_sort_case_insensitively_with_lower_case_first_on_a_tie() -> None:
    assert canonical_json({"allowWLAN": 1, "allowWlan": 2, "Allow": 3, "allowA": 4}) == \
        '{"Allow":3,"allowA":4,"allowWlan":2,"allowWLAN":1}'


def test_keys_sort_punctuation_before_digits_before_letters_as_unicode_collation_does() -> None:
    assert canonical_json({"ab": 1, "a1": 2, "a_": 3}) == '{"a_":3,"a1":2,"ab":1}'


def test_dicts_inside_arrays_are_sorted_too() -> None:
    settings = {"URLFilterRules": [{"regex": False, "action": 1, "expression": "*.org", "active": True}]}
    assert canonical_json(settings) == \
        '{"URLFilterRules":[{"action":1,"active":true,"expression":"*.org","regex":false}]}'


def test_nested_arrays_keep_their_order() -> None:
    assert canonical_json({"a": [[3, 1], [{"b": 1, "a": 2}], []]}) == '{"a":[[3,1],[{"a":2,"b":1}],[]]}'


def test_originator_version_is_removed_at_every_level() -> None:
    with_version = {"originatorVersion": "SEB_OSX_2.1.4", "x": {"originatorVersion": "1", "y": 1}}
    assert canonical_json(with_version) == '{"x":{"y":1}}'
    assert config_key(with_version) == config_key({"x": {"y": 1}})


def test_empty_dicts_are_dropped_recursively_but_empty_arrays_stay() -> None:
    settings = {"a": {"b": {}, "c": {"d": {}}}, "e": [], "f": [{}, 1, {"g": {}}], "h": 0}
    assert canonical_json(settings) == '{"e":[],"f":[1],"h":0}'


def test_data_is_base64() -> None:
    settings = plistlib.loads(plist_xml("<key>salt</key><data>AAEC/w==</data>"))
    assert settings["salt"] == b"\x00\x01\x02\xff"
    assert canonical_json(settings) == '{"salt":"AAEC/w=="}'


def test_dates_are_iso_8601_in_utc() -> None:
    naive = datetime(2024, 1, 2, 3, 4, 5)
    paris = datetime(2024, 1, 2, 4, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    assert canonical_json({"d": naive}) == '{"d":"2024-01-02T03:04:05+00:00"}'
    assert canonical_json({"d": paris}) == canonical_json({"d": naive.replace(tzinfo=UTC)})
    assert canonical_json({"d": datetime(99, 1, 1)}) == '{"d":"0099-01-01T00:00:00+00:00"}'


def test_unicode_is_not_escaped_and_hashes_as_utf8() -> None:
    settings = {"browserWindowTitleSuffix": "Épreuve 数学 🎓"}
    text = '{"browserWindowTitleSuffix":"Épreuve 数学 🎓"}'
    assert canonical_json(settings) == text
    assert config_key(settings) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_backslashes_and_slashes_are_not_escaped_but_quotes_are() -> None:
    settings = {"expression": r"^https?://exam\.example\.org/.*$", "q": 'say "hi"'}
    assert canonical_json(settings) == \
        '{"expression":"^https?://exam\\.example\\.org/.*$","q":"say \\"hi\\""}'


def test_control_characters_are_escaped_as_json_encode_does() -> None:
    assert canonical_json({"t": "a\nb\tc\x01"}) == '{"t":"a\\nb\\tc\\u0001"}'


def test_numbers_booleans_and_reals() -> None:
    settings = {"i": 42, "n": -7, "t": True, "f": False, "r": 0.5, "w": 2.0, "big": 2**70}
    assert canonical_json(settings) == \
        '{"big":1180591620717411303424,"f":false,"i":42,"n":-7,"r":0.5,"t":true,"w":2}'


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), {1, 2}, object()])
def test_values_with_no_json_form_are_refused(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_json({"x": bad})


def test_config_key_hash_is_sha256_of_url_without_fragment_plus_key() -> None:
    url = "https://exam.example.org/mod/quiz/view.php?id=7"
    expected = hashlib.sha256((url + MOODLE_KEY).encode()).hexdigest()
    assert config_key_hash(url, MOODLE_KEY) == expected
    assert config_key_hash(url + "#section-2", MOODLE_KEY) == expected
    assert config_key_hash(url + "&x=1", MOODLE_KEY) != expected


def test_native_config_key_is_the_key_of_the_json_object_as_read() -> None:
    text = b'{"start_url": "https://exam.example.org/", "format": 1, "_note": "\\u00e9t\\u00e9"}'
    config = parse_config(text, "exam.json")
    assert config_key(config.settings) == hashlib.sha256(
        '{"_note":"été","format":1,"start_url":"https://exam.example.org/"}'.encode()).hexdigest()


# PHP's json_encode as Moodle calls it (serialize_precision -1, no JSON_PRESERVE_ZERO_FRACTION): the
# PHP manual's JSON_PRESERVE_ZERO_FRACTION example gives 12.0 -> 12; php_gcvt writes the shortest
# digits, in exponent form when the point is more than 3 places left of the first digit or more
# than 17 right of it, with one digit before the point and at least one after ("1.0e+17").
PHP_REALS = [(12.0, "12"), (2.0, "2"), (0.5, "0.5"), (0.1, "0.1"), (-2.5, "-2.5"), (0.0, "0"),
             (-0.0, "-0"), (1e15, "1000000000000000"), (1e16, "10000000000000000"), (1e17, "1.0e+17"),
             (1.5e300, "1.5e+300"), (0.0001, "0.0001"), (0.00012, "0.00012"), (1e-5, "1.0e-5"),
             (2.5e-7, "2.5e-7"), (123456.789, "123456.789"), (1 / 3, "0.3333333333333333")]


@pytest.mark.parametrize(("value", "written"), PHP_REALS)
def test_reals_are_written_as_moodles_json_encode_writes_them(value: float, written: str) -> None:
    assert canonical_json({"r": value}) == '{"r":' + written + "}"
