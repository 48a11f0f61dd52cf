"""URL policy: SEB's simplified (wildcard) and regex rules, block beats allow, start/quit URLs, filter off."""

from __future__ import annotations

import pytest

from lockdown.config.model import ExamConfig, UrlFilter, UrlRule
from lockdown.urls.policy import InvalidExpression, SimplifiedRule, UrlPolicy, _Url

START = "https://exam.example.org/mod/quiz/view.php?id=7"
QUIT = "https://exam.example.org/mod/quiz/done.php"


def policy(*rules: UrlRule, enabled: bool = True, quit_url: str | None = QUIT) -> UrlPolicy:
    return UrlPolicy(ExamConfig(source="t", format="native", start_url=START, quit_url=quit_url,
                                url_filter=UrlFilter(enabled=enabled, rules=rules)))


def matches(expression: str, url: str) -> bool:
    parsed = _Url.parse(url)
    assert parsed is not None
    return SimplifiedRule(expression).matches(parsed)


# (expression, URLs it matches, URLs it does not): the behaviour SEB for Windows' SimplifiedRule tests
# pin down
SIMPLIFIED = [
    ("hostname123", ["s://hostname123"],
     ["s://hostname12", "s://hostname123.org", "s://www.hostname123.org", "s://h.org/hostname123"]),
    ("hostname*", ["s://hostname.org", "s://www.hostname-abc.org", "s://sub.hostname.realhost.org"],
     ["s://hostnam.org", "hostname://www.host.org", "s://www.host.org/hostname/path"]),
    ("123-hostname.org", ["s://123-hostname.org", "s://a.b.123-hostname.org/p?q=1#f"],
     ["s://123-hostname.org.com", "s://x123-hostname.org", "s://www.host.org/123-hostname.org"]),
    ("test.*.org", ["s://test.host.org", "s://sub.test.host.domain.org"], ["s://test.org", "s://host.com/test.h.org"]),
    ("*.org", ["s://domain.org", "s://a.b.org/p"], ["s://org", "s://host.com", "s://host.com/test.org"]),
    (".www.host.org", ["s://www.host.org", "s://u:p@www.host.org/x"],
     ["s://host.org", "s://test.www.host.org", "s://www.host.org.com"]),
    ("host.org", ["s://host.org", "s://host.org/", "s://host.org/url/path/",
                  "s://u:p@www.host.org/a?b=1#c"], []),
    ("host.org:2020", ["s://host.org:2020", "s://www.host.org:2020/x"],
     ["s://host.org", "s://host.org:202", "s://host.org:20202"]),
    ("host.org:*", ["s://host.org", "s://host.org:1", "s://host.org:65535"], []),
    ("host.org/url/path", ["s://host.org/url/path", "s://host.org/url/path/", "s://www.host.org/url/path?p=1"],
     ["s://host.org", "s://host.org//", "s://host.org/url", "s://host.org/url/path.txt",
      "s://host.org/another/url/path"]),
    ("host.org/*/path", ["s://host.org//path", "s://host.org/a/b/path"],
     ["s://host.org/path", "s://host.org/url/path/2"]),
    ("*/url/path", ["s://local/url/path", "s://www.host.org/url/path"], ["s://host.org/url"]),
    ("scheme://host.org", ["scheme://host.org", "scheme://www.host.org/x"],
     ["https://host.org", "schemes://host.org"]),
    ("*tp://host.org", ["ftp://host.org", "http://host.org"], ["https://host.org", "p://host.org"]),
    ("user@host.org", ["s://user@host.org", "s://user:pw@host.org"], ["s://usera@host.org", "s://host.org"]),
    ("user:password@host.org", ["s://user:password@host.org"], ["s://user@host.org", "s://user:pw@host.org"]),
    ("*@host.org", ["s://host.org", "s://user@host.org"], ["s://user@server.org"]),
    ("host.org?param=123", ["s://host.org?param=123", "s://www.host.org/any/path?param=123"],
     ["s://host.org?param=1234", "s://host.org?param=", "s://host.org"]),
    ("host.org?*param=123", ["s://host.org?other=4&param=123"], ["s://host.org?param=123&other=4"]),
    ("host.org?param=123*", ["s://host.org?param=123&other=4", "s://host.org?param=1234"],
     ["s://host.org?other=4&param=123"]),
    ("host.org?.", ["s://host.org", "s://host.org/path#f"], ["s://host.org?a", "s://host.org?=1"]),
    ("host.org#fragment", ["s://host.org#fragment", "s://host.org/a?b=1#fragment"],
     ["s://host.org", "s://host.org#fragment2"]),
    ("HTTP://WWW.TEST.ORG/PATH/FILE.TXT?PARAM=123", ["hTtP://wWw.TeSt.OrG/pAtH/fIlE.tXt?PaRaM=123"], []),
]


@pytest.mark.parametrize(("expression", "positive", "negative"), SIMPLIFIED,
                         ids=[e for e, _, _ in SIMPLIFIED])
def test_simplified_rules_follow_seb(expression: str, positive: list[str], negative: list[str]) -> None:
    for url in positive:
        assert matches(expression, url), url
    for url in negative:
        assert not matches(expression, url), url


@pytest.mark.parametrize("expression", [".", "/", "?", "#", "@", "(", "\\", "..."])
def test_simplified_rules_need_a_letter_digit_or_star(expression: str) -> None:
    with pytest.raises(InvalidExpression):
        SimplifiedRule(expression)


def test_dot_segments_cannot_escape_an_allowed_path() -> None:
    p = policy(UrlRule("allow", "exam.example.org/mod/*"))
    assert p.allows("https://exam.example.org/mod/quiz/attempt.php")
    assert not p.allows("https://exam.example.org/mod/../admin/")
    assert not p.allows("https://exam.example.org/mod/%2E%2e/admin/")
    assert not p.allows("https://exam.example.org/mod/./../admin")


def test_allow_rule_lets_matching_urls_through_and_blocks_the_rest() -> None:
    p = policy(UrlRule("allow", "exam.example.org"))
    assert p.allows("https://exam.example.org/lib/styles.css")
    assert p.allows("https://cdn.exam.example.org/x.js")
    assert not p.allows("https://www.google.com/")
    assert not p.allows("https://exam.example.org.evil.com/")


def test_block_beats_allow_whatever_the_order() -> None:
    rules = (UrlRule("allow", "exam.example.org"), UrlRule("block", "exam.example.org/admin/*"))
    for ordered in (rules, rules[::-1]):
        p = policy(*ordered)
        assert p.allows("https://exam.example.org/mod/forum/")
        assert not p.allows("https://exam.example.org/admin/settings.php")


def test_regex_rules_search_the_whole_url_ignoring_case() -> None:
    p = policy(UrlRule("allow", r"^https://exam\.example\.org/", regex=True),
               UrlRule("block", r"\.PDF$", regex=True))
    assert p.allows("HTTPS://exam.example.org/file.txt")
    assert not p.allows("https://exam.example.org/file.pdf")
    assert not p.allows("https://evil.org/?https://exam.example.org/")


def test_inactive_rules_do_nothing() -> None:
    p = policy(UrlRule("allow", "exam.example.org"), UrlRule("block", "*", active=False))
    assert p.allows("https://exam.example.org/x")
    assert not p.allows("https://other.org/")


def test_start_and_quit_urls_are_always_allowed_even_against_rules() -> None:
    p = policy(UrlRule("block", "*"))
    assert p.allows(START)
    assert p.allows(START + "#question-3")
    assert p.allows("HTTPS://EXAM.example.org:443/mod/quiz/view.php?id=7")
    assert p.allows(QUIT)
    assert p.allows(QUIT + "/")
    assert not p.allows("https://exam.example.org/mod/quiz/view.php?id=8")


def test_disabled_filter_allows_only_the_start_urls_origin() -> None:
    p = policy(UrlRule("block", "*"), enabled=False, quit_url=None)
    assert p.allows("https://exam.example.org/any/page?x=1")
    assert p.allows("wss://exam.example.org/socket")
    assert not p.allows("http://exam.example.org/any/page")
    assert not p.allows("https://exam.example.org:8443/")
    assert not p.allows("https://sub.exam.example.org/")
    assert not p.allows("https://example.org/")


def test_quit_url_on_another_host_is_allowed_when_the_filter_is_off() -> None:
    p = UrlPolicy(ExamConfig(source="t", format="seb", start_url=START, quit_url="https://lms.example.org/bye"))
    assert p.allows("https://lms.example.org/bye")
    assert not p.allows("https://lms.example.org/other")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://exam.example.org/", "chrome://settings",
                                 "view-source:https://exam.example.org/", "https://", "not a url",
                                 "https://exam.example.org:99999/", ""])
def test_non_web_and_broken_urls_are_blocked(url: str) -> None:
    assert not policy(UrlRule("allow", "*")).allows(url)
    assert not policy(enabled=False).allows(url)


@pytest.mark.parametrize("url", ["about:blank", "data:image/png;base64,AAAA", "blob:https://exam.example.org/1"])
def test_page_local_urls_are_allowed(url: str) -> None:
    assert policy(UrlRule("block", "*")).allows(url)
