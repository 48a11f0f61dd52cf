"""Typed reads from a settings document, each failure a ConfigError naming the exact field.

Both formats use it: the SEB mapper names fields as SEB does (`URLFilterRules[2].expression`), the
native mapper with the JSON names (`url_filter.rules[2].expression`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar, cast
from urllib.parse import urlsplit

from lockdown.errors import ConfigError
from lockdown.words import Phrase, phrase

T = TypeVar("T")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def shown(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it, on one line and short enough for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Fields:
    """One dictionary of a document, with the dotted path that leads to it."""

    def __init__(self, source: str, data: Mapping[str, Any], path: str = "", kind: str = "json") -> None:
        self.source = source
        self.data = data
        self.path = path
        self.kind = kind
        """"json" or "plist": only changes how expected types are named in messages."""

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str, **values: object) -> NoReturn:
        """Raise the ConfigError of field `key`: `problem` is a message key, `values` its values."""
        raise ConfigError(self.source, self.name(key), problem, **values)

    def _type_name(self, t: type) -> Phrase:
        plist = {bool: "config.type.plist.bool", int: "config.type.plist.int", str: "config.type.plist.str",
                 list: "config.type.plist.list", dict: "config.type.plist.dict",
                 bytes: "config.type.plist.bytes"}
        json = {bool: "config.type.json.bool", int: "config.type.json.int", str: "config.type.json.str",
                list: "config.type.json.list", dict: "config.type.json.dict", bytes: "config.type.json.bytes"}
        return phrase((plist if self.kind == "plist" else json)[t])

    def get(self, key: str, t: type[T], default: T) -> T:
        """The value at `key` if it has type `t` (bool is not an int), `default` if absent."""
        if key not in self.data:
            return default
        value = self.data[key]
        ok = isinstance(value, t) and not (t is int and isinstance(value, bool))
        if not ok:
            self.fail(key, "config.field.type", expected=self._type_name(t), value=shown(value))
        return cast(T, value)

    def require(self, key: str, t: type[T]) -> T:
        if key not in self.data:
            self.fail(key, "config.field.missing")
        return self.get(key, t, cast(T, None))  # the default is never used: the key is there

    def integer(self, key: str, default: int, minimum: int, maximum: int) -> int:
        value = self.get(key, int, default)
        if not minimum <= value <= maximum:
            self.fail(key, "config.field.range", minimum=minimum, maximum=maximum, value=value)
        return value

    def choice(self, key: str, choices: tuple[T, ...], default: T) -> T:
        if key not in self.data:
            return default
        value = self.data[key]
        if value not in choices or isinstance(value, bool) != isinstance(default, bool):
            self.fail(key, "config.field.choice", choices=", ".join(repr(c) for c in choices),
                      value=shown(value))
        return cast(T, value)

    def url(self, key: str, required: bool) -> str | None:
        """An absolute http(s) URL with a host; "" or absent means None unless required."""
        value = self.require(key, str) if required else self.get(key, str, "")
        if not value:
            if required:
                self.fail(key, "config.field.url_empty")
            return None
        try:
            parts = urlsplit(value)
            host = parts.hostname
            parts.port  # noqa: B018  # raises ValueError for a bad port
        except ValueError:
            self.fail(key, "config.field.url", value=shown(value))
        if parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in value):
            self.fail(key, "config.field.url", value=shown(value))
        return value

    def sha256_hex(self, key: str) -> str | None:
        value = self.get(key, str, "")
        if not value:
            return None
        if not _HEX64.fullmatch(value):
            self.fail(key, "config.field.sha256")
        return value.lower()

    def sub(self, key: str) -> Fields | None:
        """The dictionary at `key`, or None if absent."""
        if key not in self.data:
            return None
        return Fields(self.source, self.get(key, dict, {}), self.name(key), self.kind)

    def items(self, key: str) -> list[Fields]:
        """The dictionaries of the array at `key` (each must be a dictionary)."""
        result = []
        for i, item in enumerate(self.get(key, list, [])):
            where = f"{key}[{i}]"
            if not isinstance(item, dict):
                self.fail(where, "config.field.type", expected=self._type_name(dict), value=shown(item))
            result.append(Fields(self.source, item, self.name(where), self.kind))
        return result
