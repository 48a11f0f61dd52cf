"""The Moodle stand-in's own SEB Config Key, written from SEB's published algorithm.

It deliberately does not use lockdown's implementation: the stub plays an independent server, so a
mistake in lockdown's key cannot hide behind the same mistake here. The algorithm
(safeexambrowser.org/developer/seb-config-key.html, as Moodle's config_key.php applies it):
drop `originatorVersion`, write the settings as "SEB-JSON" (no whitespace, dictionary keys sorted
case-insensitively at every level, empty dictionaries left out, `/` and non-ASCII not escaped,
`<data>` as Base64, `<date>` as ISO 8601), and take the SHA-256 of that text in lower-case hex.

The quiz configurations the stub serves use ASCII letter keys only, where a case-insensitive sort
and the Unicode collation Moodle uses give the same order.
"""

from __future__ import annotations

import base64
import hashlib
import plistlib
from datetime import UTC, datetime
from typing import Any

_JSON_ESCAPES = {'"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _json_string(text: str) -> str:
    """Quotes and control characters escaped; backslashes, slashes and non-ASCII left alone."""
    out = []
    for ch in text:
        if ch in _JSON_ESCAPES:
            out.append(_JSON_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def seb_json(value: Any) -> str:
    """One plist value as SEB-JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, bytes):
        return _json_string(base64.b64encode(value).decode("ascii"))
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return _json_string(moment.astimezone(UTC).isoformat())
    if isinstance(value, list):
        return "[" + ",".join(seb_json(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted((k for k, v in value.items() if v != {}), key=lambda k: (k.lower(), k.swapcase()))
        return "{" + ",".join(_json_string(k) + ":" + seb_json(value[k]) for k in keys) + "}"
    raise TypeError(f"no SEB-JSON form for {type(value).__name__}")


def config_key(plist: bytes) -> str:
    """The Config Key of an unencrypted `.seb` plist."""
    settings = plistlib.loads(plist)
    if not isinstance(settings, dict):
        raise ValueError("a SEB configuration's root must be a dictionary")
    settings.pop("originatorVersion", None)
    return hashlib.sha256(seb_json(settings).encode("utf-8")).hexdigest()


def url_hash(url: str, key: str) -> str:
    """What SEB sends for `url` (fragment already removed) and a key: SHA-256 hex of url + key."""
    return hashlib.sha256((url + key).encode("utf-8")).hexdigest()
