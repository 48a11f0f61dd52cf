"""What the exam browser may load: one decision function per kind of request, no Qt.

The Qt page and the request interceptor ask these for every navigation, redirect, new-window
request and sub-resource; they only carry out the answer. The URL rules themselves are
`lockdown.urls.policy.UrlPolicy` (start and quit URL, SEB allow/block rules), passed in as `allows`;
which `seb(s)://` links may load another exam is SEB's reconfiguration rule
(`lockdown.urls.seblinks.reconfiguration_allows`), passed in as `reconfigure`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from urllib.parse import urlsplit

from lockdown.urls.seblinks import is_seb_link
from lockdown.urls.transport import without_fragment

IN_PAGE_SCHEMES = frozenset({"data", "blob"})
"""Sub-resources made by the page itself (inline images, generated files): same document, allowed."""

NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss"})

FRAME_DOCUMENTS = frozenset({"about:blank", "about:srcdoc"})
"""Empty frames that rich-text editors create inside the page: allowed as frames, never top level."""


class Verdict(Enum):
    """What to do with one request."""

    ALLOW = "allow"
    REFUSE = "refuse"
    QUIT = "quit"
    RECONFIGURE = "reconfigure"
    """A `seb(s)://` link the exam allows: ask the student, then load that exam's configuration."""


def origin(url: str) -> tuple[str, str, int | None]:
    """scheme, host and port (default ports made explicit), as browsers compare origins."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def same_url(a: str, b: str) -> bool:
    """Equal once the fragment, an empty query and a trailing slash are ignored (how SEB matches
    its quit URL)."""
    return (without_fragment(a).removesuffix("?").rstrip("/")
            == without_fragment(b).removesuffix("?").rstrip("/"))


class NavigationRules:
    """The exam's navigation rules: `allows` from the URL policy plus lockdown's fixed refusals."""

    def __init__(self, allows: Callable[[str], bool], start_url: str, quit_url: str | None,
                 reconfigure: Callable[[str], bool] | None = None, *,
                 embedded: Callable[[str], bool] | None = None) -> None:
        self._allows = allows
        self._reconfigure = reconfigure
        self._embedded = embedded or allows
        """Whether content embedded in an allowed page (a sub-resource, a frame) may load."""
        self.start_url = start_url
        self.quit_url = quit_url
        self.exam_origin = origin(start_url)
        self.fetching_configuration: str | None = None
        """The http(s) URL of an allowed `seb(s)://` link while its configuration downloads: let
        through even where the URL policy would not (the exam allowed it by its reconfiguration rule)."""

    def is_quit(self, url: str) -> bool:
        """True when `url` is the configured quit URL."""
        return self.quit_url is not None and same_url(url, self.quit_url)

    def allows(self, url: str, embedded: bool = False) -> bool:
        """The URL policy (for embedded content, its content rule), asked with http(s) for
        WebSocket URLs (same host rules)."""
        parts = urlsplit(url)
        if parts.scheme in ("ws", "wss"):
            url = parts._replace(scheme="http" if parts.scheme == "ws" else "https").geturl()
        return (self._embedded if embedded else self._allows)(url)

    def frame(self, url: str, current_url: str = "") -> Verdict:
        """A navigation inside a frame of the exam page: embedded content."""
        if url in FRAME_DOCUMENTS:
            return Verdict.ALLOW
        verdict = self.navigation(url, current_url, embedded=True)
        if verdict is Verdict.RECONFIGURE:
            return Verdict.REFUSE  # only the exam page itself may open another exam
        return Verdict.ALLOW if verdict is Verdict.QUIT else verdict

    def navigation(self, url: str, current_url: str = "", embedded: bool = False) -> Verdict:
        """A top-level navigation, redirect or new-window request (`embedded`: in a frame)."""
        scheme = urlsplit(url).scheme.lower()
        if self.is_quit(url):
            return Verdict.QUIT
        if is_seb_link(url):
            allowed = self._reconfigure is not None and self._reconfigure(url)
            return Verdict.RECONFIGURE if allowed else Verdict.REFUSE
        if url == self.fetching_configuration:
            return Verdict.ALLOW
        if scheme in ("data", "javascript"):
            # A javascript: link runs in the page it belongs to; a data: document is a new
            # (opaque) origin, so as a top-level navigation it always leaves the exam.
            same = scheme == "javascript" and current_url != "" and self.allows(current_url)
            return Verdict.ALLOW if same else Verdict.REFUSE
        if scheme not in NETWORK_SCHEMES:
            return Verdict.REFUSE
        return Verdict.ALLOW if self.allows(url, embedded) else Verdict.REFUSE

    def subresource(self, url: str) -> Verdict:
        """An image, script, style, XHR/fetch or WebSocket request of a page already allowed."""
        scheme = urlsplit(url).scheme.lower()
        if scheme in IN_PAGE_SCHEMES:
            return Verdict.ALLOW
        if scheme not in NETWORK_SCHEMES:
            return Verdict.REFUSE
        if self.is_quit(url):
            return Verdict.ALLOW
        return Verdict.ALLOW if self.allows(url, embedded=True) else Verdict.REFUSE

    def is_exam_host(self, url: str) -> bool:
        """Requests to the exam's own origin carry the SEB headers; no other host sees them."""
        return origin(url) == self.exam_origin
