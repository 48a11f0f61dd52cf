"""URL rules shared by every part that talks to a server: HTTPS except on loopback, no fragments."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

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
    """`url` up to its first `#`, every other character as it is: SEB and Moodle hash the URL as the
    browser requested it, so nothing is decoded or re-encoded and an empty query (`/p?`) stays."""
    return url.split("#", 1)[0]
