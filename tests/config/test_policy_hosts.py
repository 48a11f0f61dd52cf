"""The URL policy's hosts as Chromium's proxy bypass list: what is not for them goes nowhere."""

from __future__ import annotations

from lockdown.config.model import ExamConfig, UrlFilter, UrlRule
from lockdown.urls.hosts import bypass_list, policy_hosts


def config(*rules: UrlRule, start: str = "https://exam.example.org/quiz", quit_url: str | None = None,
           enabled: bool = True) -> ExamConfig:
    return ExamConfig(source="t", format="native", start_url=start, quit_url=quit_url,
                      url_filter=UrlFilter(enabled=enabled, rules=rules))


def test_without_a_filter_only_the_start_page_host_and_its_port() -> None:
    assert policy_hosts(config(start="http://127.0.0.1:8080/exam/", enabled=False)) == ["127.0.0.1:8080"]
    assert policy_hosts(config(start="https://exam.example.org/", quit_url="https://lms.example.org/done",
                               enabled=False)) == ["exam.example.org", "lms.example.org"]


def test_wildcard_rules_give_their_hosts_as_seb_matches_them() -> None:
    rules = (UrlRule("allow", "moodle.example.org/mod/quiz/*"),    # the host and its subdomains
             UrlRule("allow", ".cdn.example.net/*"),               # exactly this host
             UrlRule("allow", "*.fonts.example.com:8443/*"),      # a wildcard and a port
             UrlRule("allow", "localhost"),                        # a bare word: only itself
             UrlRule("block", "ads.example.org"),                  # block rules add nothing
             UrlRule("allow", "other.example.org", active=False))  # nor inactive ones
    assert policy_hosts(config(*rules)) == [
        "exam.example.org", "moodle.example.org", "*.moodle.example.org", "cdn.example.net",
        "*.fonts.example.com:8443", "localhost"]


def test_a_rule_that_may_allow_any_host_gives_no_list() -> None:
    assert policy_hosts(config(UrlRule("allow", r"\.pdf$", regex=True))) is None
    assert policy_hosts(config(UrlRule("allow", "*/quiz/*"))) is None


def test_the_implicit_loopback_bypass_is_removed_first() -> None:
    assert bypass_list(["exam.example.org", "[::1]:8080"]) == "<-loopback>;exam.example.org;[::1]:8080"
