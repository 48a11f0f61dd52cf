"""SEB-compatible Config Key and the `X-SafeExamBrowser-ConfigKeyHash` header value.

An LMS (Moodle's quizaccess_seb, ILIAS, ...) lets a page load only when the header matches the key of
the settings it expects, so these bytes must agree with SEB and Moodle to the last character.
Where SEB and Moodle differ we follow the one that checks us (the LMS); see docs/CONFIG.md.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from lockdown.sebkeys.collation import sort_key
from lockdown.urls.transport import without_fragment

__all__ = ["ORIGINATOR_VERSION", "canonical_json", "config_key", "config_key_hash", "sort_key"]

ORIGINATOR_VERSION = "originatorVersion"

_ESCAPES = {'"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _string(text: str) -> str:
    """A JSON string with only what json_encode must escape: quotes and control characters.

    Slashes, backslashes and non-ASCII stay as they are (SEB's rule 2; Moodle's JSON_UNESCAPED_*).
    """
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _real(value: float) -> str:
    """A real as Moodle writes it: PHP's json_encode of a double (serialize_precision -1).

    The shortest digits that read back as the same double; `2.0` is `2` (no JSON_PRESERVE_ZERO_FRACTION);
    exponent form (`1.0e-5`, `1.0e+17`) when the decimal point is more than 3 places left of the first
    digit or more than 17 right of it.
    """
    if not math.isfinite(value):
        raise ValueError(f"{value!r} has no JSON form")
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    exact = Decimal(repr(abs(value))).normalize()  # repr: the shortest round-trip digits
    _, digit_tuple, exponent = exact.as_tuple()
    digits = "".join(map(str, digit_tuple))
    point = len(digits) + int(exponent)  # value = 0.DIGITS x 10**point
    if point < -3 or point > 17:
        return f"{sign}{digits[0]}.{digits[1:] or '0'}e{'-' if point - 1 < 0 else '+'}{abs(point - 1)}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    whole, fraction = digits[:point].ljust(point, "0"), digits[point:]
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def _date(value: date) -> str:
    """ISO 8601 in UTC with `+00:00`, to the second (plist dates carry no fraction)."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return (f'"{value.year:04d}-{value.month:02d}-{value.day:02d}T'
            f'{value.hour:02d}:{value.minute:02d}:{value.second:02d}+00:00"')


def _is_empty_dict(value: Any) -> bool:
    """True for a dictionary that holds nothing once its own empty dictionaries are dropped."""
    return isinstance(value, Mapping) and all(
        k == ORIGINATOR_VERSION or _is_empty_dict(v) for k, v in value.items())


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        return _object(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _real(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return '"' + base64.b64encode(bytes(value)).decode("ascii") + '"'
    if isinstance(value, date):
        return _date(value)
    if value is None:
        return "null"
    if isinstance(value, Sequence):
        return "[" + ",".join(_value(v) for v in value if not _is_empty_dict(v)) + "]"
    raise TypeError(f"{type(value).__name__} values have no SEB-JSON form")


def _object(mapping: Mapping[str, Any]) -> str:
    if not all(isinstance(key, str) for key in mapping):
        raise TypeError("dictionary keys must be strings")
    items = []
    for key in sorted(mapping, key=sort_key):  # stable: keys Moodle's collator finds equal keep their order
        value = mapping[key]
        if key == ORIGINATOR_VERSION or _is_empty_dict(value):
            continue
        items.append(_string(key) + ":" + _value(value))
    return "{" + ",".join(items) + "}"


def canonical_json(settings: Mapping[str, Any]) -> str:
    """SEB-JSON: `originatorVersion` and empty dictionaries removed at every level, keys sorted as
    Moodle's ICU root collator sorts them at every level (inside arrays too), no whitespace,
    minimal escaping, data as Base64, dates as ISO 8601 `+00:00`, reals as PHP writes them.

    Raises TypeError or ValueError for values a settings document cannot hold (NaN, sets...).
    """
    return _object(settings)


def config_key(settings: Mapping[str, Any]) -> str:
    """The Config Key: lower-case hex SHA-256 of the UTF-8 bytes of `canonical_json(settings)`."""
    return hashlib.sha256(canonical_json(settings).encode("utf-8")).hexdigest()


def config_key_hash(url: str, config_key: str) -> str:
    """`X-SafeExamBrowser-ConfigKeyHash` for a request to `url`: sha256(url without #fragment + key)."""
    return hashlib.sha256((without_fragment(url) + config_key).encode("utf-8")).hexdigest()
