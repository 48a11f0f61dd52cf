"""Operations with undo, and the one sequence that runs them.

Every change made for the exam (keyboard grab, clipboard, screen covers, presentation options...)
is an `Operation`. `OperationSequence.perform()` runs them in order; if one fails, the ones already
done are reverted, last first. `revert()` undoes everything at the end of the exam. A revert that
fails does not stop the others: each is attempted and the failures are reported together.
An exam performs its one list in two stages (`perform(through=...)`): what must come before the
checks, then, once the kiosk is open, the rest; `Lazy` makes an operation only when its turn comes.
`revert(back_to=...)` undoes only the operations after one: an exam's own, when the next exam
starts in the same session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from lockdown.platform import Switch

log = logging.getLogger(__name__)


@runtime_checkable
class Operation(Protocol):
    """One change to the machine and its exact undo."""

    name: str

    def perform(self) -> None:
        """Make the change; raise to abort the whole start-up."""

    def revert(self) -> None:
        """Undo the change; must be safe to call once after a successful perform()."""


class OperationFailed(RuntimeError):
    """An operation could not be performed; everything done before it was reverted."""

    def __init__(self, name: str, cause: BaseException, revert_errors: list[str]) -> None:
        self.name = name
        self.cause = cause
        self.revert_errors = revert_errors
        super().__init__(f"{name}: {cause}")


class RevertFailed(RuntimeError):
    """Some operations could not be reverted; the message lists each, `causes` holds their errors
    (so the caller can tell the student what stays, e.g. `leftovers.LeftoversRemain`)."""

    def __init__(self, errors: list[str], causes: Sequence[Exception] = ()) -> None:
        self.errors = errors
        self.causes = tuple(causes)
        super().__init__("; ".join(errors))


class OperationSequence:
    """Runs operations in order and reverts the performed ones in reverse order."""

    def __init__(self, operations: Iterable[Operation]) -> None:
        self._pending = list(operations)
        self._done: list[Operation] = []

    def extend(self, operations: Iterable[Operation]) -> None:
        """Add operations after the pending ones: those that can be named only once the first have
        run (the exam's, once its configuration is read inside the session folder)."""
        self._pending.extend(operations)

    @property
    def performed(self) -> tuple[str, ...]:
        """Names of the operations currently in effect, in the order they were performed."""
        return tuple(op.name for op in self._done)

    def perform(self, through: str | None = None) -> None:
        """Perform the pending operations, up to the one named `through` (all when None).

        On a failure everything performed so far, in this call or before, is reverted, last
        first, and OperationFailed is raised.
        """
        if through is not None and through not in (op.name for op in self._pending):
            raise ValueError(f"no pending operation is named {through!r}")
        while self._pending:
            op = self._pending.pop(0)
            try:
                op.perform()
            except Exception as exc:
                self._pending = []
                errors = self._revert_all()
                raise OperationFailed(op.name, exc, errors) from exc
            self._done.append(op)
            log.debug("performed %s", op.name)
            if op.name == through:
                break

    def revert(self, back_to: str | None = None) -> None:
        """Revert the performed operations, last first; raise RevertFailed if any failed.

        `back_to`: stop at the operation of that name, which stays in effect with those before it
        (one exam ends and the next one starts in the same session); the operations still
        pending are dropped, they were to follow the ones undone. None: revert everything.
        """
        if back_to is not None:
            if back_to not in self.performed:
                raise ValueError(f"no performed operation is named {back_to!r}")
            self._pending = []
        causes: list[Exception] = []
        errors = self._revert_all(causes, back_to)
        if errors:
            raise RevertFailed(errors, causes)

    def _revert_all(self, causes: list[Exception] | None = None, back_to: str | None = None) -> list[str]:
        errors: list[str] = []
        while self._done and self._done[-1].name != back_to:
            op = self._done.pop()
            try:
                op.revert()
                log.debug("reverted %s", op.name)
            except Exception as exc:  # every revert is attempted, failures reported together
                errors.append(f"{op.name}: {exc}")
                if causes is not None:
                    causes.append(exc)
        return errors


class OnRevert:
    """An operation that changes nothing when performed and frees something on revert (what a
    step made along the way, such as the sign-in window's browser session)."""

    def __init__(self, name: str, free: Callable[[], None]) -> None:
        self.name = name
        self._free = free

    def perform(self) -> None:
        """Nothing to change."""

    def revert(self) -> None:
        self._free()


class Lazy:
    """An operation made when its turn comes, from what the steps before it created (the kiosk).

    `make` may return None: nothing to do on this system (no capture protection on X11...).
    """

    def __init__(self, name: str, make: Callable[[], Operation | None]) -> None:
        self.name = name
        self._make = make
        self._made: Operation | None = None

    def perform(self) -> None:
        made = self._make()
        if made is None:
            log.debug("%s: nothing to do on this system", self.name)
            return
        made.perform()
        self._made = made

    def revert(self) -> None:
        made, self._made = self._made, None
        if made is not None:
            made.revert()


class SwitchOperation:
    """A platform backend's `Switch` (a hook, a window's capture setting...) as an Operation."""

    def __init__(self, name: str, switch: Switch) -> None:
        self.name = name
        self._switch = switch

    def perform(self) -> None:
        self._switch.start()

    def revert(self) -> None:
        self._switch.stop()
