"""OperationSequence: performs in order, undoes in reverse, on failure and at the end."""

from __future__ import annotations

import pytest

from lockdown.session.operations import (
    Lazy,
    Operation,
    OperationFailed,
    OperationSequence,
    RevertFailed,
    SwitchOperation,
)


class Recorder:
    """An operation that writes what happened to a shared journal list."""

    def __init__(self, name: str, journal: list[str], fail_perform: bool = False,
                 fail_revert: bool = False) -> None:
        self.name = name
        self.journal = journal
        self.fail_perform = fail_perform
        self.fail_revert = fail_revert

    def perform(self) -> None:
        if self.fail_perform:
            self.journal.append(f"fail {self.name}")
            raise ValueError(f"{self.name} broke")
        self.journal.append(f"perform {self.name}")

    def revert(self) -> None:
        if self.fail_revert:
            self.journal.append(f"fail-revert {self.name}")
            raise OSError(f"{self.name} stuck")
        self.journal.append(f"revert {self.name}")


def test_recorder_satisfies_the_operation_protocol() -> None:
    assert isinstance(Recorder("a", []), Operation)


def test_operations_are_performed_in_order_and_reverted_last_first() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder(n, journal) for n in "abc"])
    seq.perform()
    in_effect = seq.performed
    seq.revert()
    assert in_effect == ("a", "b", "c")
    assert journal == ["perform a", "perform b", "perform c", "revert c", "revert b", "revert a"]
    assert seq.performed == ()


def test_a_failing_operation_undoes_what_was_done_before_it_and_stops() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal), Recorder("b", journal),
                             Recorder("c", journal, fail_perform=True), Recorder("d", journal)])
    with pytest.raises(OperationFailed) as info:
        seq.perform()
    assert journal == ["perform a", "perform b", "fail c", "revert b", "revert a"]
    assert info.value.name == "c"
    assert isinstance(info.value.cause, ValueError)
    assert info.value.revert_errors == []
    assert seq.performed == ()


def test_revert_errors_during_a_failed_start_are_reported_with_it() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal), Recorder("b", journal, fail_revert=True),
                             Recorder("c", journal, fail_perform=True)])
    with pytest.raises(OperationFailed) as info:
        seq.perform()
    assert journal == ["perform a", "perform b", "fail c", "fail-revert b", "revert a"]
    assert info.value.revert_errors == ["b: b stuck"]


def test_every_revert_is_attempted_and_failures_are_reported_together() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal, fail_revert=True), Recorder("b", journal),
                             Recorder("c", journal, fail_revert=True)])
    seq.perform()
    with pytest.raises(RevertFailed) as info:
        seq.revert()
    assert journal[3:] == ["fail-revert c", "revert b", "fail-revert a"]
    assert info.value.errors == ["c: c stuck", "a: a stuck"]


def test_revert_twice_undoes_nothing_the_second_time() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal)])
    seq.perform()
    seq.revert()
    seq.revert()
    assert journal == ["perform a", "revert a"]


def test_perform_again_does_not_repeat_operations_already_in_effect() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal)])
    seq.perform()
    seq.perform()
    assert journal == ["perform a"]


def test_a_list_performed_in_two_stages_is_reverted_as_one_last_first() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder(n, journal) for n in "abcd"])
    seq.perform(through="b")
    assert journal == ["perform a", "perform b"]
    journal.append("(the checks, between the stages)")
    seq.perform()
    seq.revert()
    assert journal == ["perform a", "perform b", "(the checks, between the stages)", "perform c",
                       "perform d", "revert d", "revert c", "revert b", "revert a"]


def test_a_failure_in_the_second_stage_undoes_the_first_one_too() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal), Recorder("b", journal),
                             Recorder("c", journal, fail_perform=True), Recorder("d", journal)])
    seq.perform(through="a")
    with pytest.raises(OperationFailed):
        seq.perform()
    seq.perform()  # nothing is left to perform after a failed start
    assert journal == ["perform a", "perform b", "fail c", "revert b", "revert a"]


def test_performing_through_a_name_not_in_the_list_changes_nothing() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal)])
    with pytest.raises(ValueError, match="'z'"):
        seq.perform(through="z")
    assert journal == []


def test_reverting_back_to_an_operation_keeps_it_and_those_before_it_for_the_next_list() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder(n, journal) for n in ("folder", "mark", "kiosk", "grab")])
    seq.perform(through="kiosk")  # "grab" still pending: dropped with the exam it belonged to
    seq.revert(back_to="mark")
    assert seq.performed == ("folder", "mark")
    seq.extend([Recorder("kiosk 2", journal)])
    seq.perform()
    seq.revert()
    assert journal == ["perform folder", "perform mark", "perform kiosk", "revert kiosk",
                       "perform kiosk 2", "revert kiosk 2", "revert mark", "revert folder"]


def test_reverting_back_to_an_operation_not_in_effect_changes_nothing() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal), Recorder("b", journal)])
    seq.perform(through="a")
    with pytest.raises(ValueError, match="'b'"):
        seq.revert(back_to="b")
    assert journal == ["perform a"] and seq.performed == ("a",)


def test_a_failed_revert_back_to_an_operation_still_attempts_every_one_after_it() -> None:
    journal: list[str] = []
    seq = OperationSequence([Recorder("a", journal), Recorder("b", journal, fail_revert=True),
                             Recorder("c", journal)])
    seq.perform()
    with pytest.raises(RevertFailed) as info:
        seq.revert(back_to="a")
    assert journal[3:] == ["revert c", "fail-revert b"] and info.value.errors == ["b: b stuck"]
    assert seq.performed == ("a",)


def test_a_lazy_operation_is_made_when_its_turn_comes_and_reverts_what_was_made() -> None:
    journal: list[str] = []
    made: list[str] = []

    def make() -> Recorder:
        made.append("x")
        return Recorder("x", journal)

    seq = OperationSequence([Recorder("a", journal), Lazy("lazy-x", make), Lazy("nothing", lambda: None)])
    seq.perform(through="a")
    assert made == []
    seq.perform()
    assert made == ["x"] and seq.performed == ("a", "lazy-x", "nothing")
    seq.revert()
    assert journal == ["perform a", "perform x", "revert x", "revert a"]


def test_a_switch_runs_from_perform_to_revert() -> None:
    journal: list[str] = []

    class Switch:
        def start(self) -> None:
            journal.append("start")

        def stop(self) -> None:
            journal.append("stop")

    op = SwitchOperation("hook", Switch())
    assert isinstance(op, Operation) and op.name == "hook"
    op.perform()
    op.revert()
    assert journal == ["start", "stop"]
