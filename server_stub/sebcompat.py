"""CFG's SEB helpers (lockdown.seb, lockdown.config.sebfile), with a stand-in while they are written.

The stand-in follows the rules in shared/conformance/seb/README.md for the value types the stub's own
configurations use (dict, list, str, bool, int); it goes once CFG's modules land.
"""

from __future__ import annotations

import hashlib
import json
import plistlib
from collections.abc import Mapping
from typing import Any

from lockdown.urls import without_fragment


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        items = [(k, _canonical(v)) for k, v in value.items() if k != "originatorVersion"]
        return {k: v for k, v in sorted(items, key=lambda kv: kv[0].lower())
                if not (isinstance(v, dict) and not v)}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def _config_key(settings: Mapping[str, Any]) -> str:
    text = json.dumps(_canonical(settings), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.replace("\\\\", "\\").encode()).hexdigest()


def _config_key_hash(url: str, config_key: str) -> str:
    return hashlib.sha256((without_fragment(url) + config_key).encode()).hexdigest()


def _dump_seb(settings: Mapping[str, Any], compress: bool = False) -> bytes:
    return plistlib.dumps(dict(settings), fmt=plistlib.FMT_XML, sort_keys=True)


try:
    from lockdown.config.sebfile import dump_seb
    from lockdown.seb import config_key, config_key_hash
except ImportError:  # CFG's modules are not there yet
    config_key, config_key_hash, dump_seb = _config_key, _config_key_hash, _dump_seb

__all__ = ["config_key", "config_key_hash", "dump_seb"]
