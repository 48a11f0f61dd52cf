"""The bytes of a configuration file: gzip, SEB's 4-byte block prefixes, XML plist or JSON.

SEB writes an unencrypted `.seb` as gzip("plnd" + gzip(plist XML)); older tools and LMSs hand out
the bare XML. A password-encrypted one is gzip("pswd" or "pwcc" + RNCryptor(gzip(plist XML))):
lockdown.config.passwords gets its password and lockdown.config.sebcrypt opens it. Certificate-
encrypted blocks (`pkhs`, `phsk`) need a private key from the system's certificate store, which
lockdown does not use, so they get a clear refusal instead of a guess.
"""

from __future__ import annotations

import gzip
import plistlib
import zlib
from collections.abc import Mapping
from typing import Any, Literal
from xml.parsers.expat import ExpatError

from lockdown.config.passwords import PasswordPrompt, unlock
from lockdown.errors import ConfigError

MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024
"""A real `.seb` is a few hundred kilobytes; anything past this is a decompression bomb."""
MAX_NESTING = 64
"""SEB settings nest about five levels deep; the limit keeps the recursive mappers safe."""

GZIP_MAGIC = b"\x1f\x8b"
PLAIN_PREFIX = b"plnd"
PASSWORD_PREFIXES = (b"pswd", b"pwcc")
CERTIFICATE_PREFIXES = (b"pkhs", b"phsk")
"""Files encrypted for a certificate: lockdown cannot open them."""
MAX_LAYERS = 5
"""gzip, "pswd", gzip, "plnd", gzip: deeper than any file SEB writes."""

Kind = Literal["json", "plist"]


def _gunzip(data: bytes, source: str) -> bytes:
    """Decompress one gzip layer, refusing output past MAX_DECOMPRESSED_BYTES."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, MAX_DECOMPRESSED_BYTES + 1)
    except zlib.error as exc:
        raise ConfigError(source, "", "config.gzip.corrupt", error=str(exc)) from None
    if len(out) > MAX_DECOMPRESSED_BYTES or inflater.unconsumed_tail:
        raise ConfigError(source, "", "config.gzip.too_large", mib=MAX_DECOMPRESSED_BYTES // 2**20)
    if not inflater.eof:
        raise ConfigError(source, "", "config.gzip.truncated")
    return out


def unwrap(data: bytes, source: str, passwords: PasswordPrompt | None = None) -> tuple[Kind, bytes]:
    """Peel gzip layers, the `plnd` prefix and one password encryption; say if JSON or an XML plist.

    `passwords` is asked for the settings password of an encrypted file (None: no one to ask).
    """
    decrypted = False
    for _ in range(MAX_LAYERS):
        if data.startswith(GZIP_MAGIC):
            data = _gunzip(data, source)
            continue
        prefix = data[:4]
        if prefix in CERTIFICATE_PREFIXES:
            raise ConfigError(source, "", "config.seb.certificate", prefix=prefix.decode())
        if prefix in PASSWORD_PREFIXES:
            if decrypted:
                raise ConfigError(source, "", "config.seb.nested_encryption")
            data = unlock(prefix, data[4:], source, passwords)
            decrypted = True
            continue
        if prefix == PLAIN_PREFIX:
            data = data[4:]
            continue
        break
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"bplist"):
        raise ConfigError(source, "", "config.plist.binary")
    if text.startswith(b"<"):
        return "plist", text
    if text.startswith(b"{"):
        return "json", text
    if not text:
        raise ConfigError(source, "", "config.file.empty")
    raise ConfigError(source, "", "config.file.unknown_format")


def depth_ok(root: Any) -> bool:
    """True if no container nests deeper than MAX_NESTING (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return False
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return True


def load_plist(xml: bytes, source: str) -> dict[str, Any]:
    """Parse an XML plist whose root is a dict; no entity declarations (no billion laughs)."""
    if b"<!ENTITY" in xml:
        raise ConfigError(source, "", "config.plist.entities")
    try:
        root = plistlib.loads(xml, fmt=plistlib.FMT_XML)
    except (ExpatError, ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(source, "", "config.plist.invalid", error=reason[:200]) from None
    if not isinstance(root, dict):
        raise ConfigError(source, "", "config.plist.not_dict")
    if not depth_ok(root):
        raise ConfigError(source, "", "config.nesting", levels=MAX_NESTING)
    return root


def dump_seb(settings: Mapping[str, Any], compress: bool = False) -> bytes:
    """A `.seb` file for `settings`: plain XML plist, or SEB's gzip("plnd" + gzip(xml)) form."""
    xml = plistlib.dumps(dict(settings), fmt=plistlib.FMT_XML, sort_keys=False)
    if not compress:
        return xml
    inner = gzip.compress(xml, mtime=0)
    return gzip.compress(PLAIN_PREFIX + inner, mtime=0)
