"""The privacy manifest: the only data that may leave the machine or be stored on it.

Everything lockdown sends is built by `build_payload()` from the messages defined here, so a field
that is not in this manifest cannot be sent. `docs/PRIVACY.md` is generated from this module
(`lockdown privacy --markdown`) and a test keeps the two equal. The notice shown before the exam
is rendered from it too. Its descriptions, in French and English, are in `lockdown.words`
(`privacy.*`), with every other sentence the student reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lockdown.i18n import Language
from lockdown.words import Phrase, phrase, say

EVENT_TYPES: tuple[str, ...] = (
    "exam_started",
    "exam_ended",
    "focus_lost",
    "prohibited_app_closed",
    "screen_count_changed",
    "connection_lost",
    "connection_restored",
    "build_unverified",
    "quit_requested",
    "guard_failed",
    "window_hidden",
    "window_moved",
    "window_covered",
)
"""The only kinds of event lockdown reports; an event carries its type, never a name or a title."""

CHECK_STATUSES: tuple[str, ...] = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Field:
    """One field of one message: its wire name, what it may hold, and why it is needed."""

    name: str
    pattern: str
    why: Phrase

    def accepts(self, value: object) -> bool:
        """True when `value` is a string or int whose text matches the field's whole pattern."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            return False
        return re.fullmatch(self.pattern, str(value)) is not None


@dataclass(frozen=True)
class Message:
    """One kind of data that leaves the machine: to whom, when, and the exact fields."""

    name: str
    recipient: Phrase
    when: Phrase
    retention: Phrase
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Stored:
    """One item lockdown keeps on the machine, how it is protected, and when it is deleted."""

    name: str
    what: Phrase
    protection: Phrase
    deleted: Phrase


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
_HEX64 = r"[0-9a-f]{64}"
_TOKEN = r"[A-Za-z0-9_-]{16,128}"  # noqa: S105 (a pattern, not a secret)
_STATUS = "|".join(CHECK_STATUSES)

_SERVER = phrase("privacy.server")

MESSAGES: tuple[Message, ...] = (
    Message(
        name="request_headers",
        recipient=_SERVER,
        when=phrase("privacy.request_headers.when"),
        retention=phrase("privacy.request_headers.retention"),
        fields=(
            Field("X-SafeExamBrowser-ConfigKeyHash", _HEX64,
                  phrase("privacy.request_headers.config_key_hash")),
            Field("X-SafeExamBrowser-RequestHash", _HEX64, phrase("privacy.request_headers.request_hash")),
            Field("Authorization", "Bearer " + _TOKEN, phrase("privacy.request_headers.authorization")),
            Field("User-Agent", r"[ -~]{1,400}", phrase("privacy.request_headers.user_agent")),
        ),
    ),
    Message(
        name="session",
        recipient=_SERVER,
        when=phrase("privacy.session.when"),
        retention=phrase("privacy.session.retention"),
        fields=(
            Field("config_key", _HEX64, phrase("privacy.session.config_key")),
        ),
    ),
    Message(
        name="heartbeat",
        recipient=_SERVER,
        when=phrase("privacy.heartbeat.when"),
        retention=phrase("privacy.heartbeat.retention"),
        fields=(),
    ),
    Message(
        name="event",
        recipient=_SERVER,
        when=phrase("privacy.event.when"),
        retention=phrase("privacy.event.retention"),
        fields=(
            Field("event_id", _UUID, phrase("privacy.event.event_id")),
            Field("type", "|".join(EVENT_TYPES), phrase("privacy.event.type", types=", ".join(EVENT_TYPES))),
            Field("t", r"[0-9]{1,6}", phrase("privacy.event.t")),
        ),
    ),
    Message(
        name="compat_report",
        recipient=_SERVER,
        when=phrase("privacy.compat_report.when"),
        retention=phrase("privacy.compat_report.retention"),
        fields=(
            Field("report_id", _UUID, phrase("privacy.compat_report.report_id")),
            Field("os_family", "linux|windows|macos", phrase("privacy.compat_report.os_family")),
            Field("os_version", r"[0-9A-Za-z._ -]{1,40}", phrase("privacy.compat_report.os_version")),
            Field("arch", "x86_64|arm64|x86|other", phrase("privacy.compat_report.arch")),
            Field("qt_version", r"[0-9.]{1,20}|unknown", phrase("privacy.compat_report.qt_version")),
            Field("lockdown_version", r"[0-9A-Za-z.+-]{1,40}",
                  phrase("privacy.compat_report.lockdown_version")),
            Field("check.<name>", _STATUS, phrase("privacy.compat_report.check")),
        ),
    ),
)

STORED: tuple[Stored, ...] = (
    Stored("event-queue", phrase("privacy.stored.event_queue.what"),
           phrase("privacy.stored.event_queue.protection"), phrase("privacy.stored.event_queue.deleted")),
    Stored("session-token", phrase("privacy.stored.session_token.what"),
           phrase("privacy.stored.session_token.protection"), phrase("privacy.stored.session_token.deleted")),
    Stored("browser-data", phrase("privacy.stored.browser_data.what"),
           phrase("privacy.stored.browser_data.protection"), phrase("privacy.stored.browser_data.deleted")),
)

NEVER: tuple[Phrase, ...] = (
    phrase("privacy.never.camera"), phrase("privacy.never.screen"), phrase("privacy.never.keystrokes"),
    phrase("privacy.never.windows"), phrase("privacy.never.names"), phrase("privacy.never.identifiers"),
    phrase("privacy.never.profiling"),
)
"""What lockdown never collects, as the notice and docs/PRIVACY.md list it."""


PAGE_CAN_LEARN: tuple[Phrase, ...] = (
    phrase("privacy.page.user_agent"), phrase("privacy.page.cores"), phrase("privacy.page.locale"),
    phrase("privacy.page.screen"),
)
"""What the exam page itself can read in the browser, as any web page can; lockdown sends none of it."""


class PrivacyViolation(ValueError):
    """Code tried to send something the privacy manifest does not list: a bug, never user input."""


def message(name: str) -> Message:
    """The definition of one message."""
    for m in MESSAGES:
        if m.name == name:
            return m
    raise PrivacyViolation(f"no message {name!r} in the privacy manifest")


def _field_for(msg: Message, key: str) -> Field | None:
    for f in msg.fields:
        if f.name == key or (f.name.endswith(".<name>") and key.startswith(f.name[: -len("<name>")])
                             and re.fullmatch(r"[a-z_]{1,40}", key[len(f.name) - len("<name>"):])):
            return f
    return None


def build_payload(message_name: str, values: Mapping[str, object]) -> dict[str, object]:
    """Check every field against the manifest and return a plain dict ready to serialise.

    Keys of the form `check.<name>` (compat reports) are allowed where the manifest says so.
    Raises `PrivacyViolation` for an unknown message, field or value.
    """
    msg = message(message_name)
    out: dict[str, object] = {}
    for key, value in values.items():
        f = _field_for(msg, key)
        if f is None:
            raise PrivacyViolation(f"{message_name}.{key} is not in the privacy manifest")
        if not f.accepts(value):
            raise PrivacyViolation(f"{message_name}.{key}: value not allowed by the privacy manifest")
        out[key] = value
    return out


def allowed_fields(message_name: str) -> tuple[str, ...]:
    """Wire names of one message's fields (for tests that check what the server received)."""
    return tuple(f.name for f in message(message_name).fields)


def render_markdown(lang: Language) -> str:
    """The manifest in one language, as Markdown (docs/PRIVACY.md holds both languages)."""
    def t(key: str) -> str:
        return say(lang, key)
    lines = [f"## {t('privacy.title')}", "", f"### {t('privacy.heading.never')}", ""]
    lines += [f"- {item.text(lang)}" for item in NEVER]
    lines += ["", f"### {t('privacy.heading.sent')}", ""]
    for m in MESSAGES:
        lines += [f"#### `{m.name}`", "",
                  f"- {t('privacy.heading.to')}: {m.recipient.text(lang)}",
                  f"- {t('privacy.heading.when')}: {m.when.text(lang)}",
                  f"- {t('privacy.heading.kept')}: {m.retention.text(lang)}", ""]
        if m.fields:
            lines += [f"| {t('privacy.heading.field')} | {t('privacy.heading.why')} |", "|---|---|"]
            lines += [f"| `{f.name}` | {f.why.text(lang)} |" for f in m.fields]
            lines.append("")
    lines += [f"### {t('privacy.heading.stored')}", "",
              f"| | {t('privacy.heading.protection')} | {t('privacy.heading.deleted')} |", "|---|---|---|"]
    lines += [f"| {s.what.text(lang)} | {s.protection.text(lang)} | {s.deleted.text(lang)} |" for s in STORED]
    lines += ["", f"### {t('privacy.heading.page')}", ""]
    lines += [f"- {item.text(lang)}" for item in PAGE_CAN_LEARN]
    return "\n".join(lines) + "\n"


def render_document() -> str:
    """docs/PRIVACY.md: both languages, English first."""
    head = (f"# {say('en', 'privacy.document')} / {say('fr', 'privacy.document')}\n\n"
            f"{say('en', 'privacy.generated')}\n\n{say('fr', 'privacy.generated')}\n\n")
    return head + render_markdown("en") + "\n" + render_markdown("fr")
