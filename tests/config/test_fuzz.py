"""Whatever bytes arrive, parse_config returns an ExamConfig or raises ConfigError, nothing else."""

from __future__ import annotations

import gzip
import json
import plistlib
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from lockdown.config import parse_config
from lockdown.config.explain import explain
from lockdown.config.model import ExamConfig
from lockdown.config.sebmap import KNOWN_KEYS
from lockdown.errors import ConfigError
from lockdown.sebkeys.configkey import config_key
from lockdown.urls.policy import UrlPolicy

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_text = st.text(max_size=30)
_xml_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc",)), max_size=30)
"""Text a plist can hold (XML forbids control characters)."""
_plist_scalars = (st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats() | _xml_text
                  | st.binary(max_size=20)
                  | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
_plist_values = st.recursive(_plist_scalars, lambda inner: st.lists(inner, max_size=4)
                             | st.dictionaries(_xml_text, inner, max_size=4), max_leaves=20)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4), max_leaves=20)
_urls = st.sampled_from(["https://exam.example.org/", "http://x", "", "https://[::1]:80/a", "ftp://a"]) \
    | _text
_sub_dicts = st.dictionaries(st.sampled_from(["action", "expression", "regex", "active", "executable", "os",
                                              "description", "url", "enabled", "rules"]),
                             _plist_scalars | _urls, max_size=4)


def _check(data: bytes) -> None:
    try:
        config = parse_config(data, "fuzz")
    except ConfigError as err:
        assert "\n" not in str(err)
        event(f"ConfigError on {err.field or 'the document'}".split("[")[0])
        return
    event("parsed")
    assert isinstance(config, ExamConfig)
    assert len(config_key(config.settings)) == 64
    assert all(isinstance(line, str) for line in explain(config))
    UrlPolicy(config).allows("https://exam.example.org/x")


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([b"", b"plnd", b"pswd", b"\x1f\x8b", b"<", b"{"]),
       st.booleans())
def test_random_bytes(data: bytes, prefix: bytes, wrap: bool) -> None:
    blob = prefix + data
    _check(gzip.compress(blob) if wrap else blob)


@FUZZ
@given(st.dictionaries(_xml_text, _plist_values, max_size=6),
       st.dictionaries(st.sampled_from(sorted(KNOWN_KEYS)),
                       _plist_values | _urls | st.lists(_sub_dicts, max_size=3), max_size=6),
       st.booleans(), st.booleans())
def test_random_plists(extra: dict[str, Any], known: dict[str, Any], with_start: bool,
                       compress: bool) -> None:
    document = {**extra, **known}
    if with_start:
        document["startURL"] = "https://exam.example.org/"
    try:
        xml = plistlib.dumps(document)
    except (ValueError, TypeError, OverflowError):
        assume(False)
    _check(gzip.compress(b"plnd" + gzip.compress(xml)) if compress else xml)


_native_keys = st.sampled_from(["format", "start_url", "quit_url", "url_filter", "hashed_quit_password",
                                "allow_quit", "prohibited_processes", "permitted_processes",
                                "allowed_displays_max", "wayland", "language", "exam_key_salt", "server",
                                "network", "user_agent_suffix", "_comment", "unknown"])


@FUZZ
@given(st.dictionaries(_native_keys, _json_values | _urls | st.lists(_sub_dicts.map(
           lambda d: {k: v for k, v in d.items() if not isinstance(v, bytes | datetime)}), max_size=3),
           max_size=8),
       st.booleans())
def test_random_json(document: dict[str, Any], valid_base: bool) -> None:
    if valid_base:
        document = {"format": 1, "start_url": "https://exam.example.org/", **document}
    _check(json.dumps(document).encode())


@FUZZ
@given(_json_values)
def test_random_json_of_any_shape(value: Any) -> None:
    _check(json.dumps(value).encode())
