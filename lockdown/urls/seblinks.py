"""SEB's own link schemes and what the sign-in step may load, as pure rules (no Qt).

An LMS publishes its "Launch Safe Exam Browser" button as `sebs://host/path` (`seb://` on an
http site): the same URL over https (http). A configuration behind a login is fetched in a
sign-in window that may go to any host (single sign-on goes through the institution's identity
provider), but only over https, or http on loopback.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from lockdown.urls.transport import InsecureUrl, check_transport

SEB_SCHEMES = {"seb": "http", "sebs": "https"}
"""SEB's link schemes and the web scheme each stands for."""

CONFIG_MIME_TYPES = frozenset({"application/seb", "application/x-sebconfig", "application/x-seb"})
"""Content types under which LMSs serve a SEB configuration."""

IN_PAGE_SCHEMES = frozenset({"data", "blob", "about"})
"""What a page makes itself (inline images, generated files, empty frames): no network."""


def is_seb_link(url: str) -> bool:
    """True for a `seb://` or `sebs://` link."""
    return urlsplit(url).scheme.lower() in SEB_SCHEMES


def web_url(url: str) -> str:
    """The http(s) URL a `seb(s)://` link stands for; other URLs unchanged.

    Only the scheme is replaced, character for character: the rest of the link (its
    percent-encoding, an empty `?`) is what the LMS will hash.
    """
    scheme = urlsplit(url).scheme
    web = SEB_SCHEMES.get(scheme.lower())
    return web + url[len(scheme):] if web else url


def sign_in_allows(url: str) -> bool:
    """Whether the sign-in window may load `url`: https anywhere, http on loopback, in-page data."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in IN_PAGE_SCHEMES:
        return True
    try:
        check_transport(url)
    except InsecureUrl:
        return False
    return True


def is_configuration(mime_type: str, file_name: str) -> bool:
    """Whether a download is a SEB configuration (by its content type or its file name)."""
    mime = mime_type.split(";", 1)[0].strip().lower()
    return mime in CONFIG_MIME_TYPES or PurePosixPath(file_name.lower()).suffix == ".seb"


def exam_link_problem(link: str) -> str | None:
    """Why a pasted exam link cannot be opened (a text key), or None when it can.

    Accepted: `seb://`, `sebs://`, `https://`, and `http://` on loopback (a local test server).
    """
    if not link:
        return "start.link.empty"
    parts = urlsplit(web_url(link))
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "start.link.invalid"
    try:
        check_transport(parts.geturl())
    except InsecureUrl:
        return "start.link.insecure"
    return None


def reconfiguration_allows(allowed: bool, pattern: str, link: str) -> bool:
    """Whether a `seb(s)://` link met in the exam may load another exam (SEB's reconfiguration).

    `allowed` and `pattern` are SEB's `examSessionReconfigureAllow` and
    `examSessionReconfigureConfigURL`. The pattern is matched whole and case-insensitively, `*`
    standing for any characters; it may be written with the seb(s) or the http(s) scheme. An empty
    pattern lets any link through.
    """
    if not allowed or not is_seb_link(link):
        return False
    if not pattern:
        return True
    expression = re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$",
                            re.IGNORECASE)
    return any(expression.match(candidate) for candidate in (link, web_url(link)))
