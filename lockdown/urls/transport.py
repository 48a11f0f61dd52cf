"""URL rules shared by every part that talks to a server: HTTPS except on loopback, no fragments."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from lockdown.words import PhraseError


class InsecureUrl(PhraseError, ValueError):
    """A URL lockdown must not fetch: not http(s), or plain http to a non-loopback host."""


def is_loopback_host(host: str | None) -> bool:
    """True for localhost and addresses in 127.0.0.0/8 or ::1 (names other than localhost: False)."""
    if not host:
        return False
    h = host.strip("[]").lower()
    if h == "localhost" or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_transport(url: str) -> None:
    """Raise InsecureUrl unless `url` is https://, or http:// to a loopback address."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return
    if parts.scheme == "http":
        raise InsecureUrl("url.plain_http", url=url)
    raise InsecureUrl("url.not_https", url=url)


def without_fragment(url: str) -> str:
    """The URL with its #fragment removed, as SEB hashes it."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
