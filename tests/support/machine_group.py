"""Two workers, and the tests that take the machine one after the other on one of them.

A real kiosk on the X display, a real build, or an exam opened in the test process (lockdown
opens one exam at a time per user, and every worker is root) must not run beside another such
test; the rest (parsing, the server, the network client, Qt widgets offscreen) runs beside them.

pytest-xdist's own `xdist_group` marks do not reach its scheduler under pytest 9 (it renames
`item._nodeid`, which pytest 9 no longer reads), and its scheduler never sees the tests, only
their ids: each worker writes the ids of the machine's tests to a file named after the
controller's process, and `MachineScheduling` (used for `--dist loadgroup`) reads it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

GROUP = "machine"


def on_the_machine(item: pytest.Item) -> bool:
    """Whether the test takes the machine (see the module's docstring)."""
    return bool(item.get_closest_marker("x11") or item.get_closest_marker("slow")
                or "x_display" in getattr(item, "fixturenames", ())
                or hasattr(getattr(item, "module", None), "run_exam"))


def _ids_file(controller_pid: int) -> Path:
    return Path(tempfile.gettempdir()) / f"lockdown-machine-tests-{controller_pid}.txt"


def note_machine_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a worker: write the ids of the machine's tests for the controller (its parent)."""
    if not hasattr(config, "workerinput"):
        return
    path = _ids_file(os.getppid())
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text("\n".join(item.nodeid for item in items if on_the_machine(item)))
    os.replace(partial, path)  # both workers write the same list; the controller reads a whole one


class MachineScheduling(LoadScopeScheduling):
    """Every test is its own unit of work, but the machine's tests are one unit, run in order."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        self._machine: set[str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self._machine is None:  # asked once every worker has collected
            path = _ids_file(os.getpid())
            self._machine = set(path.read_text().splitlines()) if path.exists() else set()
        return GROUP if nodeid in self._machine else nodeid


def forget_machine_tests() -> None:
    """In the controller, at the end: the file goes."""
    _ids_file(os.getpid()).unlink(missing_ok=True)
