"""The kiosk's plain rules: quit password, retry delays, navigation verdicts, the SEB script."""

from __future__ import annotations

import hashlib

from lockdown.config.model import ExamConfig
from lockdown.quitting import QuitMode, password_matches, quit_mode
from lockdown.retry import Backoff
from lockdown.sebkeys.jsapi import SebKeys, api_script
from lockdown.urls.navigation import NavigationRules, Verdict


def test_quit_password_is_compared_as_sha256_hex() -> None:
    hashed = hashlib.sha256("s3cret é".encode()).hexdigest().upper()
    assert password_matches("s3cret é", hashed)
    assert not password_matches("s3cret e", hashed)
    assert not password_matches("", hashed)


def test_quit_mode_follows_the_configuration() -> None:
    base = ExamConfig(source="t", format="native", start_url="https://e.org/")
    assert quit_mode(base) is QuitMode.CONFIRM
    assert quit_mode(ExamConfig(source="t", format="native", start_url="https://e.org/",
                                allow_quit=False)) is QuitMode.DISABLED
    assert quit_mode(ExamConfig(source="t", format="native", start_url="https://e.org/", allow_quit=False,
                                hashed_quit_password="a" * 64)) is QuitMode.PASSWORD


def test_retry_delays_double_up_to_a_ceiling_and_reset() -> None:
    backoff = Backoff(first=1, longest=8)
    assert [backoff.next_delay() for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    backoff.reset()
    assert backoff.next_delay() == 1


def test_navigation_verdicts() -> None:
    rules = NavigationRules(lambda url: url.startswith("https://exam.org/"), "https://exam.org/",
                            "https://exam.org/done")
    assert rules.navigation("https://exam.org/q/2") is Verdict.ALLOW
    assert rules.navigation("https://exam.org/done/#x") is Verdict.QUIT
    assert rules.navigation("https://other.org/") is Verdict.REFUSE
    for url in ("file:///etc/passwd", "view-source:https://exam.org/", "chrome://gpu", "qrc:/x",
                "data:text/html,x", "about:blank", "javascript:alert(1)"):
        assert rules.navigation(url) is Verdict.REFUSE, url
    assert rules.navigation("javascript:void(0)", current_url="https://exam.org/") is Verdict.ALLOW
    assert rules.frame("about:srcdoc") is Verdict.ALLOW
    assert rules.subresource("blob:https://exam.org/1") is Verdict.ALLOW
    assert rules.subresource("wss://exam.org/socket") is Verdict.ALLOW
    assert rules.subresource("https://cdn.other.org/x.js") is Verdict.REFUSE
    assert rules.is_exam_host("https://exam.org:443/x") and not rules.is_exam_host("http://exam.org/")


def test_seb_links_reconfigure_only_where_the_exam_allows_them_and_only_at_top_level() -> None:
    link = "seb://exam.org/mod/quiz/accessrule/seb/config.php?cmid=3"
    closed = NavigationRules(lambda url: url.startswith("https://exam.org/"), "https://exam.org/", None)
    assert closed.navigation(link) is Verdict.REFUSE
    rules = NavigationRules(lambda url: url.startswith("https://exam.org/"), "https://exam.org/", None,
                            reconfigure=lambda url: url.startswith("seb://exam.org/"))
    assert rules.navigation(link) is Verdict.RECONFIGURE
    assert rules.navigation("sebs://other.org/x.seb") is Verdict.REFUSE  # the exam's rule said no
    assert rules.frame(link) is Verdict.REFUSE  # a frame cannot end the exam
    fetched = "http://exam.org/mod/quiz/accessrule/seb/config.php?cmid=3"  # outside the URL policy
    assert rules.navigation(fetched) is Verdict.REFUSE
    rules.fetching_configuration = fetched  # while the kiosk downloads that link's configuration
    assert rules.navigation(fetched) is Verdict.ALLOW
    assert rules.navigation(fetched + "4") is Verdict.REFUSE


def test_seb_script_carries_hashes_not_keys() -> None:
    keys = SebKeys("k" * 64, "b" * 64)
    script = api_script(keys, "https://exam.org/q#frag")
    assert hashlib.sha256(b"https://exam.org/q" + b"k" * 64).hexdigest() in script
    assert "k" * 64 not in script and "b" * 64 not in script
