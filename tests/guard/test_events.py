"""The events of an exam: what the exam server receives (a type) and what the student is shown (all).

No Qt: the dispatcher's two receivers are plain callables here.
"""

from __future__ import annotations

import dataclasses

from lockdown import privacy
from lockdown.guard import events as ev
from lockdown.guard.events import (
    Event,
    EventDispatcher,
    FocusLost,
    GuardFailed,
    ProhibitedAppClosed,
    ScreenCountChanged,
)


def test_the_server_gets_the_type_alone_and_the_student_the_program_s_name() -> None:
    to_server: list[object] = []
    to_student: list[Event] = []
    dispatch = EventDispatcher(server=to_server.append, student=to_student.append)
    dispatch(ProhibitedAppClosed("zoom"))
    dispatch(ScreenCountChanged(2))
    dispatch(FocusLost())
    assert to_server == ["prohibited_app_closed", "screen_count_changed", "focus_lost"]
    assert to_student == [ProhibitedAppClosed("zoom"), ScreenCountChanged(2), FocusLost()]
    assert to_student[0].name == "zoom"  # type: ignore[attr-defined]


def test_a_failing_receiver_keeps_the_event_from_neither_the_other_nor_the_guard() -> None:
    def broken(_: object) -> None:
        raise OSError("queue file unwritable")

    to_student: list[Event] = []
    EventDispatcher(server=broken, student=to_student.append)(GuardFailed("process_guard"))
    assert to_student == [GuardFailed("process_guard")]
    to_server: list[str] = []
    EventDispatcher(server=to_server.append, student=broken)(GuardFailed("process_guard"))
    assert to_server == ["guard_failed"]


def test_every_event_type_is_in_the_privacy_manifest_and_carries_nothing_on_the_wire() -> None:
    kinds = [c for c in vars(ev).values()
             if isinstance(c, type) and issubclass(c, Event) and c is not Event]
    assert sorted(k.wire for k in kinds) == sorted(privacy.EVENT_TYPES)
    for kind in kinds:
        assert "wire" not in {f.name for f in dataclasses.fields(kind)}  # a class constant, not data
    assert "guard_failed" in privacy.EVENT_TYPES


def test_events_are_frozen() -> None:
    event = ProhibitedAppClosed("zoom")
    try:
        event.name = "other"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("an event could be changed after it was emitted")
