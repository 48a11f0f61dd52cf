"""Reading a configuration from a file or a URL, and parsing bytes of either format.

Downloads follow the transport rule of lockdown.urls.transport at every redirect (https, or http on loopback
only), stop at MAX_CONFIG_BYTES and time out, so a hostile or broken server costs one error line.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lockdown.config.model import ExamConfig
from lockdown.config.native import from_native
from lockdown.config.sebfile import MAX_NESTING, depth_ok, load_plist, unwrap
from lockdown.config.sebmap import from_seb
from lockdown.errors import ConfigError
from lockdown.osname import OsName, current_os
from lockdown.sebkeys.configkey import config_key
from lockdown.urls.transport import InsecureUrl, check_transport

MAX_CONFIG_BYTES = 8 * 1024 * 1024
"""Real configurations are kilobytes; a larger file is a mistake or an attack."""
TIMEOUT_S = (10.0, 30.0)
"""(connect, read) seconds: generous for bad school networks, finite for broken servers."""
MAX_REDIRECTS = 5
_SEB_SCHEMES = {"seb": "http", "sebs": "https"}
"""SEB's own link schemes, as LMSs publish them (`sebs://host/quiz.seb` = `https://...`)."""


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def _load_json(text: bytes, source: str) -> dict[str, object]:
    try:
        document = json.loads(text.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ConfigError(source, "", "not valid JSON (the file is not UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(source, "", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
                          ) from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(source, "", f"not valid JSON ({str(exc)[:200] or type(exc).__name__})") from None
    if not isinstance(document, dict):
        raise ConfigError(source, "", "the top level of a JSON configuration must be an object")
    if not depth_ok(document):
        raise ConfigError(source, "", f"nested more than {MAX_NESTING} levels deep")
    return document


def parse_config(data: bytes, source: str, os_name: OsName | None = None) -> ExamConfig:
    """Sniff the format (native JSON, SEB plist, gzip, `plnd`), validate, build the ExamConfig.

    `os_name` picks the SEB process entries for that OS family (default: this machine's).
    """
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(source, "", f"larger than {MAX_CONFIG_BYTES // 2**20} MiB; not a configuration")
    kind, payload = unwrap(data, source)
    osn = os_name or current_os()
    if kind == "json":
        config = from_native(_load_json(payload, source), source, osn)
    else:
        config = from_seb(load_plist(payload, source), source, osn)
    try:
        config_key(config.settings)
    except (TypeError, ValueError) as exc:
        raise ConfigError(source, "", f"holds a value with no Config Key form ({exc})") from None
    return config


def _download(url: str) -> bytes:
    """GET `url`, re-checking the transport rule at each redirect; at most MAX_CONFIG_BYTES."""
    import requests  # here, not at the top: most exams start from a file, and it costs ~70 ms to load

    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            check_transport(current)
        except InsecureUrl:
            parts = urlsplit(current)
            what = "plain http:// is allowed only for loopback addresses; use https://"
            if parts.scheme not in ("http", "https"):
                what = "only https:// URLs (or http:// on loopback) can be loaded"
            elif parts.scheme == "https" or not parts.hostname:
                what = "not a valid URL (no host)"
            raise ConfigError(url, "", what if current == url else f"redirected to {current}: {what}"
                              ) from None
        try:
            with requests.get(current, timeout=TIMEOUT_S, stream=True, allow_redirects=False,
                              headers={"Accept": "application/json, application/seb, */*"}) as reply:
                if reply.is_redirect and "location" in reply.headers:
                    current = urljoin(current, reply.headers["location"])
                    continue
                if reply.status_code != 200:
                    raise ConfigError(url, "", f"the server answered HTTP {reply.status_code}")
                body = bytearray()
                for chunk in reply.iter_content(chunk_size=65536):
                    body += chunk
                    if len(body) > MAX_CONFIG_BYTES:
                        raise ConfigError(url, "", f"larger than {MAX_CONFIG_BYTES // 2**20} MiB; "
                                                   "not a configuration")
                return bytes(body)
        except requests.RequestException as exc:
            raise ConfigError(url, "", f"could not download the configuration ({type(exc).__name__})"
                              ) from None
    raise ConfigError(url, "", f"more than {MAX_REDIRECTS} redirects")


def _read_file(path: str) -> bytes:
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(path, "", "no such file") from None
    except IsADirectoryError:
        raise ConfigError(path, "", "is a directory, not a configuration file") from None
    except PermissionError:
        raise ConfigError(path, "", "cannot be read (permission denied)") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "", f"larger than {MAX_CONFIG_BYTES // 2**20} MiB; not a configuration")
    return data


def load_config(source: str, os_name: OsName | None = None) -> ExamConfig:
    """Load from a file path, an https:// URL (http:// on loopback), or an seb(s):// link."""
    scheme = urlsplit(source).scheme.lower()
    if scheme in _SEB_SCHEMES:
        source = _SEB_SCHEMES[scheme] + source[len(scheme):]
        scheme = _SEB_SCHEMES[scheme]
    if scheme in ("http", "https"):
        return parse_config(_download(source), source, os_name)
    if scheme == "file":
        return parse_config(_read_file(urlsplit(source).path), source, os_name)
    if len(scheme) > 1:  # a one-letter "scheme" is a Windows drive: C:\exam.seb
        raise ConfigError(source, "", f"cannot load {scheme}:// URLs; give a file or an https:// URL")
    return parse_config(_read_file(source), source, os_name)


def is_remote(source: str) -> bool:
    """Whether `load_config(source)` goes over the network (a URL or an seb(s):// link): what must
    wait for the self-check's verdict, while a local file may be read meanwhile."""
    scheme = urlsplit(source).scheme.lower()
    return len(scheme) > 1 and scheme != "file"
