"""Request and reply bodies; the lockdown-facing ones take their patterns from the privacy manifest.

Every model forbids unknown fields and coerces nothing, so a field the manifest does not list is a 400.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lockdown import privacy


def _pattern(message: str, field: str) -> str:
    for f in privacy.message(message).fields:
        if f.name == field:
            return f"^(?:{f.pattern})$"
    raise KeyError(f"{message}.{field}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


EventType = Literal[
    "exam_started", "exam_ended", "focus_lost", "prohibited_app_closed", "screen_count_changed",
    "connection_lost", "connection_restored", "build_unverified", "quit_requested", "guard_failed",
    "window_hidden", "window_moved", "window_covered",
]


class SessionRequest(_Strict):
    config_key: Annotated[str, StringConstraints(pattern=_pattern("session", "config_key"))]


class SessionReply(BaseModel):
    token: str
    session: str = Field(description="pseudonym of the session, as admins see it")


class EventRequest(_Strict):
    event_id: Annotated[str, StringConstraints(pattern=_pattern("event", "event_id"))]
    type: EventType
    t: Annotated[int, Field(ge=0, le=999_999)]


class EventReply(BaseModel):
    stored: bool
    duplicate: bool


class ReportReply(BaseModel):
    stored: bool
    duplicate: bool


class TimeReply(BaseModel):
    time: float = Field(description="server clock, seconds since the Unix epoch")


QuestionId = Annotated[str, StringConstraints(pattern=r"^q[1-4]$")]
Choice = Annotated[str, StringConstraints(max_length=4)]
Answer = Annotated[str, StringConstraints(max_length=20_000)] | list[Choice]


class AnswersRequest(_Strict):
    attempt: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    answers: dict[QuestionId, Answer] = Field(max_length=4)


class Problem(BaseModel):
    error: str


REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "fields exactly as the privacy manifest's compat_report message",
    "required": ["report_id", "os_family", "os_version", "arch", "qt_version", "lockdown_version"],
    "properties": {
        f.name: {"type": "string", "pattern": f"^(?:{f.pattern})$"}
        for f in privacy.message("compat_report").fields if not f.name.endswith("<name>")
    },
    "patternProperties": {r"^check\.[a-z_]{1,40}$": {"enum": list(privacy.CHECK_STATUSES)}},
    "additionalProperties": False,
}
