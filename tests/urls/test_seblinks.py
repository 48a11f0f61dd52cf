"""SEB's link schemes, the sign-in rules and reconfiguration links, checked against literal strings."""

from __future__ import annotations

import pytest

from lockdown.urls.seblinks import (
    exam_link_problem,
    is_configuration,
    reconfiguration_allows,
    sign_in_allows,
    web_url,
)


@pytest.mark.parametrize(("link", "expected"), [
    ("sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4",
     "https://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4"),
    ("seb://127.0.0.1:8080/a%2Fb/c.seb?", "http://127.0.0.1:8080/a%2Fb/c.seb?"),  # encoding and "?" kept
    ("SEBS://Host/Ex%C3%A9m", "https://Host/Ex%C3%A9m"),
    ("https://lms.example.org/x", "https://lms.example.org/x"),
])
def test_a_seb_link_stands_for_the_same_url_over_the_web_scheme(link: str, expected: str) -> None:
    assert web_url(link) == expected


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://idp.example.org/login", True),
    ("http://127.0.0.1:9000/login", True),
    ("http://localhost:9000/login", True),
    ("http://lms.example.org/login", False),
    ("ftp://lms.example.org/", False),
    ("file:///etc/passwd", False),
    ("data:text/html,x", True),
    ("javascript:alert(1)", False),
])
def test_the_sign_in_step_opens_https_anywhere_and_http_only_on_loopback(url: str, allowed: bool) -> None:
    assert sign_in_allows(url) is allowed


@pytest.mark.parametrize(("mime", "name", "expected"), [
    ("application/seb", "config.php", True),
    ("application/seb; charset=binary", "", True),
    ("application/octet-stream", "Exam 1.SEB", True),
    ("application/pdf", "notes.pdf", False),
    ("text/html", "index.html", False),
])
def test_a_download_is_a_configuration_by_its_type_or_its_name(mime: str, name: str, expected: bool) -> None:
    assert is_configuration(mime, name) is expected


@pytest.mark.parametrize(("link", "problem"), [
    ("", "start.link.empty"),
    ("lms.example.org/quiz", "start.link.invalid"),
    ("ftp://lms.example.org/c.seb", "start.link.invalid"),
    ("http://lms.example.org/c.seb", "start.link.insecure"),
    ("sebs://lms.example.org/c.seb", None),
    ("seb://127.0.0.1:8000/c.seb", None),
    ("https://lms.example.org/c.seb", None),
])
def test_a_pasted_link_is_checked_before_anything_is_fetched(link: str, problem: str | None) -> None:
    assert exam_link_problem(link) == problem


LINK = "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4"


@pytest.mark.parametrize(("allowed", "pattern", "link", "expected"), [
    (False, "", LINK, False),
    (True, "", LINK, True),
    (True, "sebs://lms.example.org/mod/quiz/*", LINK, True),
    (True, "https://lms.example.org/mod/quiz/*", LINK, True),
    (True, "HTTPS://LMS.EXAMPLE.ORG/*", LINK, True),
    (True, "sebs://other.example.org/*", LINK, False),
    (True, "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php", LINK, False),  # matched whole
    (True, "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4", LINK, True),
    (True, "", "https://lms.example.org/c.seb", False),  # only seb(s) links reconfigure
    (True, "sebs://lms.example.org/a.b*", "sebs://lms.example.org/aXb", False),  # "." is literal
])
def test_reconfiguration_links_follow_the_exam_settings(allowed: bool, pattern: str, link: str,
                                                         expected: bool) -> None:
    assert reconfiguration_allows(allowed, pattern, link) is expected
