"""Which failed loads of the exam page are retried: every one that is not lockdown's own refusal.

A failed load that is not retried leaves the student on an empty page with nothing to click, so
the rule is "retry unless we know a retry cannot help". QtWebEngine describes a failure with a
domain (the name of `QWebEngineLoadingInfo.ErrorDomain`) and a code: a Chromium net error
(negative, `net/base/net_error_list.h`) or, in the HTTP status domain, the server's status.
The domain is not a good guide: a reset connection is reported in the connection domain at first
and, on the next try, as ERR_SOCKET_NOT_CONNECTED in the internal one; an empty reply is an HTTP
error. Only the codes that mean "lockdown itself said no" are left alone.

No Qt here: the page hands over plain values, and plain tests check the table.
"""

from __future__ import annotations

ERR_ABORTED = -3
"""The load was cancelled, not failed: lockdown's page refused it (URL policy, quit URL), another
navigation replaced it, it became a download, the server answered 204 No Content, or the load
was stopped (the stalled-load watchdog reports its own stops itself)."""

ERR_BLOCKED_BY_CLIENT = -20
"""lockdown's request interceptor refused the request (URL policy): a retry is refused again."""

OWN_REFUSALS = frozenset({ERR_ABORTED, ERR_BLOCKED_BY_CLIENT})

HTTP_STATUS_DOMAIN = "HttpStatusCodeDomain"

RETRIED_CLIENT_STATUSES = frozenset({408, 429})
"""Request Timeout and Too Many Requests: answers about this moment, not about the page."""


def is_retried(domain: str, code: int) -> bool:
    """True when a failed main-frame load should show the offline page and be tried again.

    Server errors (5xx: a gateway that lost its backend, maintenance, overload) pass with time
    and are retried. Other 4xx statuses are the server's answer about the page itself (not found,
    forbidden, SEB's Config Key refused): a retry gets the same answer, so the page the server
    sent is shown as it is, as before. Everything else is a network failure of some kind.
    """
    if domain == HTTP_STATUS_DOMAIN:
        return code >= 500 or code in RETRIED_CLIENT_STATUSES
    return code not in OWN_REFUSALS


def stalled_load_failed(ready_state: str | None) -> bool:
    """A load made no progress for too long: is the student left without a usable page?

    `ready_state` is `document.readyState` of the document shown when the watchdog fires.
    "interactive" means the new document is all there and only images, styles or frames are
    pending: the student can work, so it stays. "loading" means the document itself stopped
    arriving; "complete" (the previous or the empty document) or no answer means the new
    document never arrived. Those are failures.
    """
    return ready_state != "interactive"
