"""Read a manifest, signature or key from a file or a URL (https, or http on loopback only).

A published manifest may be fetched from the release server; every failure to get it is "could not
check" (IntegrityUnknown, exit 2), and a redirect is held to the same transport rule as the URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Literal

from lockdown.errors import IntegrityUnknown
from lockdown.urls.transport import InsecureUrl, check_transport
from lockdown.words import phrase

TIMEOUT_S = 30


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class _CheckedRedirect(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URL the transport rule allows."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        try:
            check_transport(newurl)
        except InsecureUrl as exc:
            raise IntegrityUnknown("integrity.source.redirect", url=req.full_url,
                                   problem=exc.phrase) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


Source = Literal["manifest", "signature", "public key"]
_WHAT: dict[Source, str] = {"manifest": "integrity.what.manifest", "signature": "integrity.what.signature",
                            "public key": "integrity.what.public_key"}
"""How each kind of source is named in an error (a message key)."""


def read_source(source: str, limit: int, what: Source) -> bytes:
    """The bytes of a local file or URL, at most `limit` of them; IntegrityUnknown otherwise."""
    kind = phrase(_WHAT[what])
    if not is_url(source):
        try:
            with Path(source).open("rb") as f:
                data = f.read(limit + 1)
        except OSError as exc:
            raise IntegrityUnknown("integrity.source.unreadable", what=kind, source=source,
                                   error=exc.strerror) from None
    else:
        try:
            check_transport(source)
        except InsecureUrl as exc:
            raise IntegrityUnknown("integrity.source.insecure", what=kind, problem=exc.phrase) from None
        opener = urllib.request.build_opener(_CheckedRedirect())
        try:
            with opener.open(source, timeout=TIMEOUT_S) as response:
                data = response.read(limit + 1)
        except urllib.error.HTTPError as exc:
            raise IntegrityUnknown("integrity.source.status", what=kind, source=source, status=exc.code,
                                   reason=exc.reason) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise IntegrityUnknown("integrity.source.unreachable", what=kind, source=source,
                                   error=str(reason)) from None
    if len(data) > limit:
        raise IntegrityUnknown("integrity.source.too_big", what=kind, source=source, limit=limit)
    return data


def sibling_signature(manifest_source: str) -> str:
    """Where the signature of a manifest lives by default: `manifest.sig` next to `manifest.json`."""
    if manifest_source.endswith(".json"):
        return manifest_source[: -len(".json")] + ".sig"
    return manifest_source + ".sig"
