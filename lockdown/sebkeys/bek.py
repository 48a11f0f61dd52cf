"""Browser Exam Key: ties requests to one official build and one exam configuration, as SEB does.

SEB (Windows) computes HMAC-SHA256(key = examKeySalt, message = UTF-8(code signature hash + build
version + Config Key)), lower-case hex, and sends SHA-256(url without fragment + key) as the
`X-SafeExamBrowser-RequestHash` header. Here the signed manifest's digest plays the role of the code
signature hash and build version (it covers every file and the version). What it proves, and what
it does not (a modified client can send the official key), is in docs/INTEGRITY.md.
"""

from __future__ import annotations

import hashlib
import hmac

from lockdown.config.model import ExamConfig
from lockdown.sebkeys.configkey import config_key
from lockdown.urls.transport import without_fragment

REQUEST_HASH_HEADER = "X-SafeExamBrowser-RequestHash"


def browser_exam_key(config: ExamConfig, manifest_digest: str) -> str:
    """The 64-hex Browser Exam Key of the build `manifest_digest` for `config`.

    Without an examKeySalt in the configuration the key is made with an empty salt, like SEB.
    """
    salt = config.exam_key_salt or b""
    message = (manifest_digest + config_key(config.settings)).encode("utf-8")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()


def request_hash(url: str, bek: str) -> str:
    """The `X-SafeExamBrowser-RequestHash` value for one request to `url`."""
    return hashlib.sha256((without_fragment(url) + bek).encode("utf-8")).hexdigest()
