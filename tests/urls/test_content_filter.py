"""SEB's `URLFilterEnableContentFilter`: whether the URL rules also judge embedded content."""

from __future__ import annotations

import pytest

from lockdown.config import parse_config
from lockdown.config.sebfile import dump_seb
from lockdown.urls.navigation import NavigationRules, Verdict
from lockdown.urls.policy import UrlPolicy

START = "https://exam.example.org/quiz/1"
RULES = [{"action": 1, "active": True, "expression": "exam.example.org/*", "regex": False}]


def rules(**settings: object) -> NavigationRules:
    config = parse_config(dump_seb({"startURL": START, "URLFilterEnable": True, "URLFilterRules": RULES,
                                    **settings}), "x.seb")
    policy = UrlPolicy(config)
    return NavigationRules(policy.allows, config.start_url, config.quit_url, embedded=policy.allows_embedded)


def test_with_the_content_filter_embedded_content_follows_the_rules() -> None:
    r = rules(URLFilterEnableContentFilter=True)
    assert r.subresource("https://exam.example.org/theme/a.css") is Verdict.ALLOW
    assert r.subresource("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js") is Verdict.REFUSE
    assert r.frame("https://www.youtube.com/embed/x") is Verdict.REFUSE


def test_without_it_embedded_content_loads_from_any_web_address_but_pages_do_not() -> None:
    r = rules()  # SEB's default: off
    assert r.subresource("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js") is Verdict.ALLOW
    assert r.frame("https://www.youtube.com/embed/x") is Verdict.ALLOW
    assert r.navigation("https://www.youtube.com/") is Verdict.REFUSE  # a page is still judged
    # what is never web content stays refused
    assert r.subresource("file:///etc/passwd") is Verdict.REFUSE
    assert r.frame("chrome://settings") is Verdict.REFUSE


@pytest.mark.parametrize("url", ["https://exam.example.org/x", "https://other.org/y"])
def test_native_configurations_filter_embedded_content_by_default(url: str) -> None:
    config = parse_config(b'{"format": 1, "start_url": "https://exam.example.org/", '
                          b'"url_filter": {"enabled": true, "rules": [{"action": "allow", '
                          b'"expression": "exam.example.org/*"}]}}', "x.json")
    policy = UrlPolicy(config)
    assert policy.allows_embedded(url) == policy.allows(url)
