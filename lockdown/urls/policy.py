"""Which URLs the kiosk may load: SEB's URL filter, in pure Python so it is testable without Qt.

Semantics follow SEB for Windows (SafeExamBrowser/seb-win-refactoring, `RequestFilter` and
`SimplifiedRule`): active block rules are checked first, then allow rules, and anything unmatched is
blocked. The exam's start and quit URLs are always allowed. With the filter disabled only the start
URL's origin (scheme, host, port) is allowed. docs/CONFIG.md has the details and examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from lockdown.config.model import ExamConfig, UrlRule
from lockdown.words import PhraseError

# SEB's split of a simplified expression: scheme://user:password@host:port/path?query#fragment
_EXPRESSION_PARTS = re.compile(
    r"(?:([^:]*)://)?(?:([^:@]*)(?::([^@]*))?@)?([^/:?#]*)(?::([0-9*]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}
_ORIGIN_SCHEME = {"ws": "http", "wss": "https"}
_NETWORK_SCHEMES = ("http", "https", "ws", "wss")
_LOCAL_SCHEMES = ("data", "blob")
"""Content made by the page itself; it reaches no server, so the filter does not apply."""


class InvalidExpression(PhraseError, ValueError):
    """A rule expression SEB would refuse too; its phrase says why."""


def _wildcard(text: str) -> str:
    """Regex for a literal part of an expression, where `*` is any text."""
    return re.escape(text).replace(r"\*", ".*")


def _anchored(pattern: str) -> re.Pattern[str]:
    return re.compile(f"^(?:{pattern})$", re.IGNORECASE | re.DOTALL)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4 (`%2e` counts as a dot, as browsers treat it), so `/exam/../admin`
    cannot slip past a `/exam/*` rule."""
    out: list[str] = []
    segments = [s.lower().replace("%2e", ".") if "%2e" in s.lower() else s for s in path.split("/")]
    for segment in segments:
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")
    result = "/".join(out)
    return result if result.startswith("/") else "/" + result


@dataclass(frozen=True)
class _Url:
    """The parts of a URL a simplified rule looks at, as .NET's `Uri` exposes them."""

    scheme: str
    user_info: str
    host: str
    port: int | None
    path: str
    query: str
    fragment: str

    @classmethod
    def parse(cls, url: str) -> _Url | None:
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            return None
        scheme = parts.scheme.lower()
        if port is None:
            port = _DEFAULT_PORTS.get(scheme)
        user_info = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
        return cls(scheme=scheme, user_info=user_info, host=(parts.hostname or "").lower(), port=port,
                   path=_remove_dot_segments(parts.path or "/"),
                   query=f"?{parts.query}" if parts.query else "",
                   fragment=f"#{parts.fragment}" if parts.fragment else "")


class SimplifiedRule:
    """An SEB wildcard expression such as `*.example.org/exam/*` (see docs/CONFIG.md)."""

    def __init__(self, expression: str) -> None:
        if not re.search(r"[A-Za-z0-9*]", expression):
            raise InvalidExpression("config.rule.no_letter")
        m = _EXPRESSION_PARTS.match(expression)
        assert m is not None  # every group is optional: the pattern matches any string
        scheme, user, password, host, port, path, query, fragment = m.groups()
        self.scheme = _anchored(_wildcard(scheme)) if scheme else None
        self.user_info = None
        if user:
            pattern = _wildcard(user) + (":" + _wildcard(password) if password else "(:.*)?")
            self.user_info = _anchored(pattern)
        self.host_expression = (host or "").lower()
        self.host = self._host(host or "")
        self.port = int(port) if port and port.isdigit() else None
        self.path = None
        if path and path.strip() and path != "/":
            p = _wildcard(path)
            self.path = _anchored(p + "?" if path.endswith("/") else p + "/?")
        self.query = None
        if query and query.strip():
            self.query = _anchored(r"\??" if query == "." else r"\??" + _wildcard(query))
        self.fragment = _anchored("#?" + _wildcard(fragment)) if fragment and fragment.strip() else None

    @staticmethod
    def _host(expression: str) -> re.Pattern[str]:
        """A leading `.` means exactly this host; a bare word (`localhost`) only itself;
        anything else also matches its subdomains."""
        if expression.startswith("."):
            return _anchored(_wildcard(expression[1:]))
        if re.fullmatch(r"[A-Za-z0-9]+", expression):
            return _anchored(_wildcard(expression))
        return _anchored(r"(.+?\.)*" + _wildcard(expression))

    def matches(self, url: _Url) -> bool:
        return ((self.scheme is None or bool(self.scheme.match(url.scheme)))
                and (self.user_info is None or bool(self.user_info.match(url.user_info)))
                and bool(self.host.match(url.host))
                and (self.port is None or self.port == url.port)
                and (self.path is None or bool(self.path.match(url.path)))
                and (self.query is None or bool(self.query.match(url.query)))
                and (self.fragment is None or bool(self.fragment.match(url.fragment))))


class RegexRule:
    """A regular expression searched anywhere in the full URL, ignoring case (as SEB does)."""

    def __init__(self, expression: str) -> None:
        try:
            self.pattern = re.compile(expression, re.IGNORECASE)
        except (re.error, OverflowError, RecursionError) as exc:
            raise InvalidExpression("config.rule.bad_regex", error=str(exc)) from None

    def matches_text(self, url: str) -> bool:
        return bool(self.pattern.search(url))


def compile_rule(rule: UrlRule) -> SimplifiedRule | RegexRule:
    """The matcher for one rule; raises InvalidExpression as SEB would refuse it."""
    return RegexRule(rule.expression) if rule.regex else SimplifiedRule(rule.expression)


def _origin(parts: SplitResult) -> tuple[str, str, int | None]:
    scheme = parts.scheme.lower()
    port = parts.port if parts.port is not None else _DEFAULT_PORTS.get(scheme)
    return (_ORIGIN_SCHEME.get(scheme, scheme), (parts.hostname or "").lower(), port)


def _same_page(a: str, b: str) -> bool:
    """Equal up to case of scheme and host, default port, trailing slash and fragment."""
    try:
        pa, pb = urlsplit(a.strip()), urlsplit(b.strip())
        return (_origin(pa) == _origin(pb) and pa.query == pb.query
                and _remove_dot_segments(pa.path or "/").rstrip("/")
                == _remove_dot_segments(pb.path or "/").rstrip("/"))
    except ValueError:
        return False


class UrlPolicy:
    """Answers, for every request the kiosk is about to make, whether it may go ahead."""

    def __init__(self, config: ExamConfig) -> None:
        self.start_url = config.start_url
        self.quit_url = config.quit_url
        self.enabled = config.url_filter.enabled
        self.content_filter = config.url_filter.content_filter
        self._start_origin = _origin(urlsplit(config.start_url))
        active = [r for r in config.url_filter.rules if r.active]
        self._block = [compile_rule(r) for r in active if r.action == "block"]
        self._allow = [compile_rule(r) for r in active if r.action == "allow"]

    @staticmethod
    def _hits(rules: list[SimplifiedRule | RegexRule], url: str, parts: _Url) -> bool:
        return any(r.matches_text(url) if isinstance(r, RegexRule) else r.matches(parts) for r in rules)

    def allows(self, url: str) -> bool:
        """True if the kiosk may load `url`."""
        scheme = url.strip().partition(":")[0].lower()
        if url.strip().lower() == "about:blank" or scheme in _LOCAL_SCHEMES:
            return True
        if _same_page(url, self.start_url) or (self.quit_url and _same_page(url, self.quit_url)):
            return True
        parts = _Url.parse(url)
        if parts is None or parts.scheme not in _NETWORK_SCHEMES or not parts.host:
            return False
        if not self.enabled:
            try:
                return _origin(urlsplit(url.strip())) == self._start_origin
            except ValueError:
                return False
        if self._hits(self._block, url, parts):
            return False
        return self._hits(self._allow, url, parts)

    def allows_embedded(self, url: str) -> bool:
        """True if content embedded in an allowed page (an image, a script, a frame) may load from
        `url`: the same rules as pages with the content filter on, any http(s) address with it
        off (SEB's `URLFilterEnableContentFilter`)."""
        if self.content_filter:
            return self.allows(url)
        parts = _Url.parse(url)
        return parts is not None and parts.scheme in _NETWORK_SCHEMES and bool(parts.host)
