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
from lockdown.config.passwords import PasswordPrompt
from lockdown.config.sebfile import MAX_NESTING, depth_ok, load_plist, unwrap
from lockdown.config.sebmap import from_seb
from lockdown.errors import ConfigError, SignInRequired
from lockdown.platform import OsName, current_os
from lockdown.sebkeys.configkey import config_key
from lockdown.urls.seblinks import is_seb_link, web_url
from lockdown.urls.transport import InsecureUrl, check_transport
from lockdown.words import phrase

MAX_CONFIG_BYTES = 8 * 1024 * 1024
"""Real configurations are kilobytes; a larger file is a mistake or an attack."""
TIMEOUT_S = (10.0, 30.0)
"""(connect, read) seconds: generous for bad school networks, finite for broken servers."""
MAX_REDIRECTS = 5
_SIGN_IN_STATUSES = frozenset({401, 403})
"""Replies that mean "sign in first": the sign-in window takes over from there."""


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def _load_json(text: bytes, source: str) -> dict[str, object]:
    try:
        document = json.loads(text.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ConfigError(source, "", "config.json.not_utf8") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(source, "", "config.json.syntax", error=exc.msg, line=exc.lineno,
                          column=exc.colno) from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(source, "", "config.json.invalid", error=str(exc)[:200] or type(exc).__name__
                          ) from None
    if not isinstance(document, dict):
        raise ConfigError(source, "", "config.json.not_object")
    if not depth_ok(document):
        raise ConfigError(source, "", "config.nesting", levels=MAX_NESTING)
    return document


def parse_config(data: bytes, source: str, os_name: OsName | None = None,
                 passwords: PasswordPrompt | None = None) -> ExamConfig:
    """Sniff the format (native JSON, SEB plist, gzip, `plnd`, encrypted), validate, build the ExamConfig.

    `os_name` picks the SEB process entries for that OS family (default: this machine's);
    `passwords` gives the settings password of an encrypted `.seb` file (None: such a file is refused).
    The Config Key is that of the decrypted settings, as SEB computes it.
    """
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(source, "", "config.file.too_large", mib=MAX_CONFIG_BYTES // 2**20)
    kind, payload = unwrap(data, source, passwords)
    osn = os_name or current_os()
    if kind == "json":
        config = from_native(_load_json(payload, source), source, osn)
    else:
        config = from_seb(load_plist(payload, source), source, osn)
    try:
        config_key(config.settings)
    except (TypeError, ValueError) as exc:
        raise ConfigError(source, "", "config.no_config_key_form", error=str(exc)) from None
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
            what = "config.url.plain_http"
            if parts.scheme not in ("http", "https"):
                what = "config.url.scheme"
            elif parts.scheme == "https" or not parts.hostname:
                what = "config.url.no_host"
            if current == url:
                raise ConfigError(url, "", what) from None
            raise ConfigError(url, "", "config.url.redirected", target=current,
                              problem=phrase(what)) from None
        try:
            with requests.get(current, timeout=TIMEOUT_S, stream=True, allow_redirects=False,
                              headers={"Accept": "application/json, application/seb, */*"}) as reply:
                if reply.is_redirect and "location" in reply.headers:
                    current = urljoin(current, reply.headers["location"])
                    continue
                if reply.status_code in _SIGN_IN_STATUSES:
                    raise SignInRequired(url, "config.download.sign_in", status=reply.status_code)
                if reply.status_code != 200:
                    raise ConfigError(url, "", "config.download.status", status=reply.status_code)
                if _is_web_page(reply.headers.get("content-type", "")):
                    raise SignInRequired(url, "config.download.web_page")
                body = bytearray()
                for chunk in reply.iter_content(chunk_size=65536):
                    body += chunk
                    if len(body) > MAX_CONFIG_BYTES:
                        raise ConfigError(url, "", "config.file.too_large", mib=MAX_CONFIG_BYTES // 2**20)
                return bytes(body)
        except requests.RequestException as exc:
            raise ConfigError(url, "", "config.download.failed", error=type(exc).__name__) from None
    raise ConfigError(url, "", "config.download.redirects", limit=MAX_REDIRECTS)


def _is_web_page(content_type: str) -> bool:
    """An HTML reply: the login page an LMS shows instead of a configuration to a stranger."""
    return content_type.split(";", 1)[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _read_file(path: str) -> bytes:
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(path, "", "config.file.missing") from None
    except IsADirectoryError:
        raise ConfigError(path, "", "config.file.directory") from None
    except PermissionError:
        raise ConfigError(path, "", "config.file.permission") from None
    except OSError as exc:
        raise ConfigError(path, "", "config.file.unreadable", error=exc.strerror or type(exc).__name__
                          ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "", "config.file.too_large", mib=MAX_CONFIG_BYTES // 2**20)
    return data


def _file_url_path(url: str) -> str:
    """The local path a file:// URL names, percent-decoded (a desktop's `%u` may hand one over)."""
    from urllib.request import url2pathname  # this OS's form of the path (a drive letter on Windows)

    parts = urlsplit(url)
    if parts.netloc.lower() not in ("", "localhost"):
        raise ConfigError(url, "", "config.file.remote")
    return url2pathname(parts.path)


def load_config(source: str, os_name: OsName | None = None,
                passwords: PasswordPrompt | None = None) -> ExamConfig:
    """Load from a file path, an https:// URL (http:// on loopback), or an seb(s):// link.

    `passwords` is asked only if the file turns out to be password-encrypted. Raises
    SignInRequired when the URL answers with a web page or 401/403 (a configuration behind the
    LMS's login): the caller opens the sign-in window on `exc.url`.
    """
    if is_seb_link(source):
        source = web_url(source)
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        return parse_config(_download(source), source, os_name, passwords)
    if scheme == "file":
        return parse_config(_read_file(_file_url_path(source)), source, os_name, passwords)
    if len(scheme) > 1:  # a one-letter "scheme" is a Windows drive: C:\exam.seb
        raise ConfigError(source, "", "config.url.unsupported_scheme", scheme=scheme)
    return parse_config(_read_file(source), source, os_name, passwords)


def is_remote(source: str) -> bool:
    """Whether `load_config(source)` goes over the network (a URL or an seb(s):// link): what must
    wait for the self-check's verdict, while a local file may be read meanwhile."""
    scheme = urlsplit(source).scheme.lower()
    return len(scheme) > 1 and scheme != "file"
