"""The quizzes of the Moodle stand-in and Moodle's Safe Exam Browser access rule (quizaccess_seb).

Modelled on Moodle 4.x mod/quiz/accessrule/seb: seb_quiz_settings.php (the plist "Configure manually"
generates), seb_access_manager.php (which keys each mode checks, how), rule.php (what the quiz page
shows when access is prevented) and link_generator.php (the seb(s):// and http(s):// links).

Which checks run depends on the quiz's "Require the use of Safe Exam Browser" mode:
- configure manually: the Config Key hash (X-SafeExamBrowser-ConfigKeyHash); no Browser Exam Key;
- use SEB client config: "SEB" in the User-Agent, and the Browser Exam Key hash
  (X-SafeExamBrowser-RequestHash) when allowed keys are set (none set: not checked).
A hash is SHA-256 hex of the page's $FULLME (see `fullme`) followed by the key, compared exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from html import escape

from server_stub.configs import DemoAllowances
from server_stub.sebkey import config_key, url_hash

CONFIG_KEY_HEADER = "x-safeexambrowser-configkeyhash"
REQUEST_HASH_HEADER = "x-safeexambrowser-requesthash"
SEB_DOWNLOAD = "https://safeexambrowser.org/download_en.html"
"""Moodle's default for the site setting quizaccess_seb/downloadlink."""


class SebMode(IntEnum):
    """settings_provider::USE_SEB_* (the values Moodle stores)."""

    NO = 0
    CONFIG_MANUALLY = 1
    TEMPLATE = 2
    UPLOAD_CONFIG = 3
    CLIENT_CONFIG = 4


# seb_quiz_settings::get_bool_seb_setting_map(), in the order the settings record lists the fields,
# with the defaults of define_properties().
_BOOL_SETTINGS: tuple[tuple[str, str, bool], ...] = (
    ("showsebtaskbar", "showTaskBar", True),
    ("showwificontrol", "allowWlan", False),
    ("showreloadbutton", "showReloadButton", True),
    ("showtime", "showTime", True),
    ("showkeyboardlayout", "showInputLanguage", True),
    ("allowuserquitseb", "allowQuit", True),
    ("userconfirmquit", "quitURLConfirm", True),
    ("enableaudiocontrol", "audioControlEnabled", False),
    ("muteonstartup", "audioMute", False),
    ("allowspellchecking", "allowSpellCheck", False),
    ("allowreloadinexam", "browserWindowAllowReload", True),
    ("activateurlfiltering", "URLFilterEnable", False),
    ("filterembeddedcontent", "URLFilterEnableContentFilter", False),
)


def manual_config(wwwroot: str, cmid: int, quit_url: str, allow: DemoAllowances | None = None) -> bytes:
    """The plist XML Moodle generates for a quiz set to "Configure manually" with default settings.

    Byte for byte as CFPropertyList writes it (see quiz_settings_test.php): no quit password, no URL
    filter expressions, the quit link set; then the settings Moodle always enforces. With demo
    allowances (`--allow-unverified-build`, `--allow-virtual-machine`), their keys come last: what
    a test of lockdown run from source on a virtual machine needs, never what Moodle writes.
    """
    def key(name: str) -> str:
        return f"<key>{name}</key>"

    def boolean(value: bool) -> str:
        return "<true/>" if value else "<false/>"

    parts = [key(seb) + boolean(default) for _, seb, default in _BOOL_SETTINGS]
    parts.append(key("quitURL") + f"<string>{escape(quit_url, quote=False)}</string>")
    parts.append(key("URLFilterRules") + "<array/>")
    parts.append(key("startURL") + f"<string>{escape(view_url(wwwroot, cmid), quote=False)}</string>")
    parts.append(key("sendBrowserExamKey") + "<true/>")
    parts.append(key("browserWindowWebView") + "<integer>3</integer>")
    parts.append(key("examSessionClearCookiesOnStart") + "<false/>")
    parts.append(key("allowPreferencesWindow") + "<false/>")
    if allow is not None and allow.unverified_build:
        parts.append(key("lockdownAllowUnverifiedBuild") + "<true/>")
    if allow is not None and allow.virtual_machine:
        parts.append(key("allowVirtualMachine") + "<true/>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
            '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
            '<plist version="1.0"><dict>' + "".join(parts) + "</dict></plist>\n").encode("utf-8")


def view_url(wwwroot: str, cmid: int) -> str:
    return f"{wwwroot}/mod/quiz/view.php?id={cmid}"


def config_url(wwwroot: str, cmid: int, seb: bool) -> str:
    """link_generator::get_link: config.php?cmid=N as seb(s):// (Launch) or http(s):// (Download)."""
    scheme, rest = wwwroot.split("://", 1)
    if seb:
        scheme = "sebs" if scheme == "https" else "seb"
    return f"{scheme}://{rest}/mod/quiz/accessrule/seb/config.php?cmid={cmid}"


def fullme(wwwroot: str, raw_path: bytes, query_string: bytes) -> str:
    """Moodle's $FULLME: wwwroot's scheme, host and port, then REQUEST_URI exactly as received.

    Percent-encoding is kept as the client sent it (no decoding, no normalising), except that `"`
    and `'` become %22 and %27 (setup_get_remote_url); a fragment never reaches the server.
    """
    uri = raw_path.decode("latin-1")
    if query_string:
        uri += "?" + query_string.decode("latin-1")
    return wwwroot + uri.replace('"', "%22").replace("'", "%27")


@dataclass(frozen=True)
class Quiz:
    """One quiz activity (course module `cmid`) with its SEB settings."""

    cmid: int
    name: str
    mode: SebMode
    quit_url: str
    config: bytes | None = None
    allowed_beks: tuple[str, ...] = ()
    config_key: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.config is not None:
            object.__setattr__(self, "config_key", config_key(self.config))

    @property
    def checks_config_key(self) -> bool:
        return self.mode in (SebMode.CONFIG_MANUALLY, SebMode.TEMPLATE, SebMode.UPLOAD_CONFIG)

    @property
    def checks_browser_exam_key(self) -> bool:
        return self.mode in (SebMode.UPLOAD_CONFIG, SebMode.CLIENT_CONFIG) and bool(self.allowed_beks)

    def config_key_ok(self, url: str, received: str | None) -> bool:
        """validate_config_key for a hash received (header, or the web service's argument)."""
        if not self.checks_config_key:
            return True
        if not self.config_key or received is None:
            return False
        return url_hash(url, self.config_key) == received

    def browser_exam_key_ok(self, url: str, received: str | None) -> bool:
        """validate_browser_exam_key: any allowed key matches."""
        if not self.checks_browser_exam_key:
            return True
        return received is not None and any(url_hash(url, k) == received for k in self.allowed_beks)


def build_quizzes(wwwroot: str, allowed_beks: tuple[str, ...],
                  allow: DemoAllowances | None = None) -> dict[int, Quiz]:
    """The stand-in's two quizzes: 2 configured manually, 3 using the SEB client's own configuration."""
    def quit_url(cmid: int) -> str:
        return f"{wwwroot}/exit-seb?cmid={cmid}"

    manual = Quiz(cmid=2, name="Sample quiz (SEB configured manually)", mode=SebMode.CONFIG_MANUALLY,
                  quit_url=quit_url(2), config=manual_config(wwwroot, 2, quit_url(2), allow))
    client = Quiz(cmid=3, name="Sample quiz (SEB client configuration)", mode=SebMode.CLIENT_CONFIG,
                  quit_url=quit_url(3), allowed_beks=allowed_beks)
    return {q.cmid: q for q in (manual, client)}


@dataclass(frozen=True)
class Verdict:
    """prevent_access's outcome for one request to a quiz page."""

    allowed: bool
    reason: str = ""
    """Moodle's event reason: not_seb, invalid_config_key or invalid_browser_key."""
    reconfigure: bool = False
    """True when Moodle adds `document.location.replace(seb(s)://...config.php)` to the page."""


def prevent_access(quiz: Quiz, url: str, headers: Mapping[str, str], validated: bool,
                   autoreconfigure: bool) -> Verdict:
    """rule.php prevent_access: session first, then the client check, the Config Key, the BEK.

    `validated` is the session's memory that this quiz already admitted it (set_session_access).
    Moodle sends SEB back to the seb(s):// link only when the request came from SEB (User-Agent),
    carried a ConfigKeyHash header at all, and the site setting "Auto-configure SEB" is on
    (should_redirect_to_seb_config_link); an absent header means SEB does not send headers.
    """
    if validated:
        return Verdict(True)
    using_seb = "SEB" in headers.get("user-agent", "")
    if quiz.mode == SebMode.CLIENT_CONFIG and not using_seb:
        return Verdict(False, "not_seb")
    received_ck = headers.get(CONFIG_KEY_HEADER)
    received_ck = received_ck.strip() if received_ck is not None else None
    if not quiz.config_key_ok(url, received_ck):
        return Verdict(False, "invalid_config_key",
                       reconfigure=using_seb and autoreconfigure and received_ck is not None)
    received_bek = headers.get(REQUEST_HASH_HEADER)
    if not quiz.browser_exam_key_ok(url, received_bek.strip() if received_bek is not None else None):
        return Verdict(False, "invalid_browser_key")
    return Verdict(True)
