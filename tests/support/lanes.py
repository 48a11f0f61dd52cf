"""Two workers, and the tests that must not run beside their own kind kept in a lane each.

A real kiosk on the X display (`screen`) takes both cores for a moment as it starts, and a test of
it that waits for a window fails when another kiosk starts beside it; an exam opened in the test
process (`exam`) cannot run beside another one (lockdown opens one exam at a time per user, and
every worker is root). Each lane runs one after the other on one worker; everything else
(parsing, the server, the network client, the builds, Qt widgets offscreen) runs beside them.

pytest-xdist's own `xdist_group` marks do not reach its scheduler under pytest 9 (it renames
`item._nodeid`, which pytest 9 no longer reads), and its scheduler never sees the tests, only
their ids: each worker writes each lane's test ids to a file named after the controller's
process, and `LaneScheduling` (used for `--dist loadgroup`) reads it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling


def opens_exams_here(module: object) -> bool:
    """Whether a test module opens exams in the test process (it calls lockdown's `run_exam`)."""
    return hasattr(module, "run_exam")


def lane(item: pytest.Item) -> str | None:
    """The lane of a test that must not run beside its own kind (see the module's docstring)."""
    if opens_exams_here(getattr(item, "module", None)):  # first: two of them would refuse each other
        return "exam"
    if item.get_closest_marker("x11") or "x_display" in getattr(item, "fixturenames", ()):
        return "screen"
    return None


def _ids_file(controller_pid: int) -> Path:
    return Path(tempfile.gettempdir()) / f"lockdown-test-lanes-{controller_pid}.txt"


def note_lanes(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a worker: write each lane's test ids for the controller (its parent)."""
    if not hasattr(config, "workerinput"):
        return
    path = _ids_file(os.getppid())
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text("".join(f"{name}\t{item.nodeid}\n" for item in items if (name := lane(item))))
    os.replace(partial, path)  # both workers write the same list; the controller reads a whole one


class LaneScheduling(LoadScopeScheduling):
    """Every test is its own unit of work, but each lane is one unit, its tests run in order."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        self._lanes: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self._lanes is None:  # asked once every worker has collected
            path = _ids_file(os.getpid())
            lines = path.read_text().splitlines() if path.exists() else []
            self._lanes = {test: name for name, test in (line.split("\t", 1) for line in lines)}
        return self._lanes.get(nodeid, nodeid)


def forget_lanes() -> None:
    """In the controller, at the end: the file goes."""
    _ids_file(os.getpid()).unlink(missing_ok=True)
