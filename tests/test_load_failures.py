"""Which failed loads the kiosk retries, as plain values (no Qt, no page).

The codes are Chromium's (net/base/net_error_list.h); the domains are those QtWebEngine reported
on loopback servers where measured (-15, -101, -102, -105, -324, -354, -370 and the statuses),
else Qt's filing of Chromium's ranges (100-199 connection, 200-299 certificate, 800-899 DNS).
"""

from __future__ import annotations

import pytest

from lockdown.load_failures import is_retried, stalled_load_failed

NETWORK_FAILURES = [
    ("InternalErrorDomain", -15),      # ERR_SOCKET_NOT_CONNECTED: the next try after a reset
    ("InternalErrorDomain", -2),       # ERR_FAILED
    ("InternalErrorDomain", -7),       # ERR_TIMED_OUT
    ("InternalErrorDomain", -21),      # ERR_NETWORK_CHANGED
    ("ConnectionErrorDomain", -100),   # ERR_CONNECTION_CLOSED
    ("ConnectionErrorDomain", -101),   # ERR_CONNECTION_RESET
    ("ConnectionErrorDomain", -102),   # ERR_CONNECTION_REFUSED
    ("ConnectionErrorDomain", -105),   # ERR_NAME_NOT_RESOLVED (Qt files it here, not under DNS)
    ("ConnectionErrorDomain", -106),   # ERR_INTERNET_DISCONNECTED
    ("ConnectionErrorDomain", -107),   # ERR_SSL_PROTOCOL_ERROR
    ("ConnectionErrorDomain", -109),   # ERR_ADDRESS_UNREACHABLE
    ("ConnectionErrorDomain", -118),   # ERR_CONNECTION_TIMED_OUT
    ("ConnectionErrorDomain", -137),   # ERR_NAME_RESOLUTION_FAILED
    ("DnsErrorDomain", -803),          # ERR_DNS_TIMED_OUT
    ("CertificateErrorDomain", -200),  # ERR_CERT_COMMON_NAME_INVALID (a captive portal, say)
    ("CertificateErrorDomain", -201),  # ERR_CERT_DATE_INVALID
    ("CertificateErrorDomain", -202),  # ERR_CERT_AUTHORITY_INVALID
    ("HttpErrorDomain", -324),         # ERR_EMPTY_RESPONSE: closed without a reply
    ("HttpErrorDomain", -354),         # ERR_CONTENT_LENGTH_MISMATCH: reply cut short
    ("HttpErrorDomain", -370),         # ERR_INVALID_HTTP_RESPONSE
    ("HttpErrorDomain", -310),         # ERR_TOO_MANY_REDIRECTS (a server mid-deployment)
    ("NoErrorDomain", 0),              # a failure nobody explained is still a failure
    ("SomeFutureDomain", -999),        # a domain Qt may add one day
]


@pytest.mark.parametrize(("domain", "code"), NETWORK_FAILURES)
def test_network_failures_are_retried_whatever_the_domain(domain: str, code: int) -> None:
    assert is_retried(domain, code)


def test_lockdowns_own_refusals_are_not_retried() -> None:
    assert not is_retried("InternalErrorDomain", -3)   # ERR_ABORTED: page refusal, quit URL, stop, 204
    assert not is_retried("InternalErrorDomain", -20)  # ERR_BLOCKED_BY_CLIENT: the request interceptor


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, 429])
def test_server_errors_and_momentary_refusals_are_retried(status: int) -> None:
    assert is_retried("HttpStatusCodeDomain", status)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_the_servers_answer_about_the_page_itself_is_shown_not_retried(status: int) -> None:
    assert not is_retried("HttpStatusCodeDomain", status)


def test_a_stalled_load_fails_unless_the_document_is_all_there() -> None:
    assert not stalled_load_failed("interactive")  # only images, styles or frames pending
    assert stalled_load_failed("loading")          # the document itself stopped arriving
    assert stalled_load_failed("complete")         # the previous (or empty) document: nothing came
    assert stalled_load_failed(None)               # the page did not even answer
