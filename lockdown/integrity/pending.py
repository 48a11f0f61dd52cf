"""The self-check running in the background from the first moment of `lockdown run`.

Hashing the bundle takes a few tenths of a second on a warm cache and a few seconds on a cold one;
the student needs about as long to read the notice. So the check starts first and the rest of the
start-up (a local configuration parsed, Qt started, the notice painted and read) goes on meanwhile.
This module only runs the check and says how far it is: what may happen before the verdict is
`lockdown.app`'s rule (nothing fetched, nothing sent, no exam page) and it waits with `result()`.

Where it runs: in threads, or, for the real check on Linux, in a child process forked before any
other thread exists. The start-up holds Python's global lock most of the time (imports, Qt calls)
and a hashing thread must take it back after every piece it hashes, so in-process hashing crawls
until the notice is idle; a child has its own lock. The child sends its progress and its verdict (one
JSON line each) back through a pipe only the two processes hold, and exits (never running the
parent's exit handlers); it also stops when the parent is gone, at its next progress report. It runs at a
lower priority, so the start-up itself is not slowed by it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from lockdown.errors import IntegrityUnknown

if TYPE_CHECKING:
    from lockdown.integrity.hashing import Progress
    from lockdown.integrity.selfcheck import SelfCheckResult

log = logging.getLogger(__name__)


def _pack(value: object) -> Any:
    """A problem (a Phrase, its values nested) as JSON, to cross from the child process."""
    from lockdown.words import Phrase

    if isinstance(value, Phrase):
        return {"key": value.key, "values": {k: _pack(v) for k, v in value.values.items()}}
    if isinstance(value, (list, tuple)):
        return {"list": [_pack(v) for v in value]}
    return {"value": value if isinstance(value, (str, int, float, bool)) or value is None else str(value)}


def _unpack(packed: Any) -> Any:
    """The value `_pack` wrote."""
    from lockdown.words import Phrase

    if "key" in packed:
        return Phrase(packed["key"], {k: _unpack(v) for k, v in packed["values"].items()})
    if "list" in packed:
        return [_unpack(v) for v in packed["list"]]
    return packed["value"]

CHILD_NICENESS = 5
"""Below the start-up itself, not far below: on two busy cores, niceness 5 gave the earliest exam
page (10 showed the notice sooner but delayed the verdict past the key press; 0 slowed the
start-up itself). See bench/BENCHMARKS.md."""

SelfCheck = Callable[["Progress"], "SelfCheckResult"]
"""The check to run, given a callback for its progress: `self_check` unless a test passes its own."""



def _real_check(progress: Progress) -> SelfCheckResult:
    from lockdown.integrity.selfcheck import self_check  # imported where it runs (the child)

    return self_check(progress)


class PendingCheck:
    """One self-check in the background; `result()` waits for its verdict (or re-raises its error)."""

    def __init__(self, check: SelfCheck = _real_check, in_child: bool = False) -> None:
        self._check = check
        self._in_child = in_child
        self._progress = (0, 0)
        self._result: SelfCheckResult | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._started = 0.0

    def start(self) -> PendingCheck:
        """Start the check; a child process only while this is the process's only thread."""
        self._started = time.monotonic()
        if self._in_child and hasattr(os, "fork") and threading.active_count() == 1:
            read_end, write_end = os.pipe()  # not inherited by the programs either process starts
            pid = os.fork()
            if pid == 0:  # the child: check, report, exit
                os.close(read_end)
                with contextlib.suppress(OSError):
                    os.nice(CHILD_NICENESS)
                self._child(write_end)
            os.close(write_end)
            target: Callable[[], None] = lambda: self._relay(pid, read_end)  # noqa: E731
        else:
            target = self._run
        threading.Thread(target=target, name="lockdown-self-check", daemon=True).start()
        return self

    def _note(self, done: int, total: int) -> None:
        self._progress = (done, total)  # one tuple, replaced whole: readable from any thread

    def _run(self) -> None:
        try:
            self._finish(self._check(self._note), None)
        except BaseException as exc:  # handed to the waiting thread by result()
            self._finish(None, exc)

    def _finish(self, result: SelfCheckResult | None, error: BaseException | None) -> None:
        self._result, self._error = result, error
        elapsed = time.monotonic() - self._started
        log.debug("self-check: %s after %.3f s%s", result.status if result else f"error {error!r}",
                  elapsed, " (child process)" if self._in_child else "")
        self._done.set()

    def _child(self, fd: int) -> NoReturn:
        def send(message: dict[str, Any]) -> None:
            os.write(fd, json.dumps(message).encode() + b"\n")

        code = 0
        try:
            try:
                r = self._check(lambda done, total: send({"done": done, "total": total}))
                send_problems = [_pack(p) for p in r.problems]
                send({"status": r.status, "problems": send_problems, "digest": r.manifest_digest,
                      "install_dir": None if r.install_dir is None else str(r.install_dir)})
            except BrokenPipeError:
                code = 1  # the parent is gone: nobody waits for the verdict
            except Exception as exc:
                send({"error": f"{type(exc).__name__}: {exc}"})
        except BaseException:
            code = 1
        finally:
            os._exit(code)

    def _relay(self, pid: int, fd: int) -> None:
        from lockdown.integrity.selfcheck import SelfCheckResult

        result: SelfCheckResult | None = None
        error: BaseException | None = None
        try:
            with os.fdopen(fd, "rb") as pipe:
                for line in pipe:
                    message = json.loads(line)
                    if "done" in message:
                        self._note(message["done"], message["total"])
                    elif "status" in message:
                        folder = message["install_dir"]
                        problems = [_unpack(p) for p in message["problems"]]
                        result = SelfCheckResult(message["status"], problems, message["digest"],
                                                 Path(folder) if folder else None)
                    else:
                        error = IntegrityUnknown("integrity.pending.failed", error=message["error"])
        except (OSError, ValueError, KeyError) as exc:  # a broken pipe or line: no verdict
            error = IntegrityUnknown("integrity.pending.cut_short", error=str(exc))
        finally:
            os.waitpid(pid, 0)
        if result is None and error is None:
            error = IntegrityUnknown("integrity.pending.no_verdict")
        self._finish(result, error)

    def done(self) -> bool:
        """Whether the verdict is ready (result() returns at once)."""
        return self._done.is_set()

    def progress(self) -> tuple[int, int]:
        """(bytes hashed so far, bytes to hash in total); (0, 0) before hashing starts."""
        return self._progress

    def result(self) -> SelfCheckResult:
        """The verdict, once the check has finished."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def start_self_check() -> PendingCheck:
    """The real self-check of this build, started now: in a child process on Linux (see above),
    in threads elsewhere (fork is unsafe once macOS frameworks are loaded; Windows has none)."""
    from lockdown.platform import get_platform

    return PendingCheck(_real_check, in_child=get_platform().self_check_in_child).start()
