"""The pieces of one exam that `lockdown.app` names in its list: the interface, the exam server,
the environment probe, and how start-up time is logged.

Each is small and has no Qt: `Interface` starts whatever front end it is given, `ExamServer` the
network client (imported only for exams that have a server).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from lockdown.config import ExamConfig
from lockdown.frontend import EndReason, Frontend, FrontendFactory
from lockdown.guard.environment import Environment, detect_environment
from lockdown.guard.events import ConnectionLost, ConnectionRestored, Event, EventSink
from lockdown.guard.processes import AppPolicy, ProhibitedScan, RunningApp
from lockdown.i18n import Language
from lockdown.platform import PlatformBackend
from lockdown.sebkeys.jsapi import SebKeys

if TYPE_CHECKING:
    from lockdown.net.client import ConnectionStatus, ExamClient

log = logging.getLogger(__name__)

CLOSE_BUDGET_S: dict[EndReason, float] = {"signal": 0.8, "quit_url": 5.0, "quit_shortcut": 5.0,
                                           "reconfigure": 5.0}
"""How long the end of the session may wait for the server: SIGTERM must end within 2 s."""


class ConnectionWatch:
    """Turns the client's status changes into the events `ConnectionLost` and `ConnectionRestored`."""

    def __init__(self, events: EventSink) -> None:
        self._events = events
        self._lost = False

    def __call__(self, status: ConnectionStatus) -> None:
        from lockdown.net.client import ConnectionStatus  # loaded already: only a client calls this

        if status is ConnectionStatus.OFFLINE and not self._lost:
            self._lost = True
            self._events(ConnectionLost())
        elif status is ConnectionStatus.ONLINE and self._lost:
            self._lost = False
            self._events(ConnectionRestored())


def exam_client(config: ExamConfig, keys: SebKeys) -> ExamClient | None:
    """The network client when the exam has a server that takes events, else None."""
    if config.server is None or not config.server.send_events:
        return None
    from lockdown.net.client import ExamClient

    return ExamClient.for_exam(config.server.url, keys.config_key)


class StartupClock:
    """Logs, at debug level, how long after the start each step began: where start-up time goes."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def __call__(self, step: str) -> None:
        log.debug("start-up +%.3f s: %s", self._clock() - self._start, step)


class EnvironmentProbe:
    """Step 5's facts, gathered in a thread while the student reads the notice.

    Detecting a virtual machine runs a program and the process sweeps read /proc: tens of
    milliseconds nobody needs to wait for. Nothing found is shown or acted on before the notice
    is accepted; `result()` waits for the thread, then brings the list of prohibited programs up
    to date (those started while the notice was read are included, those that ended are not).
    When the exam has a server, the network client's modules are loaded here too.
    """

    def __init__(self, config: ExamConfig, policy: AppPolicy, platform: PlatformBackend) -> None:
        self._config = config
        self._policy = policy
        self._platform = platform
        self._environment: Environment | None = None
        self._scan: ProhibitedScan | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lockdown-environment", daemon=True)

    def start(self) -> EnvironmentProbe:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._environment = detect_environment(self._platform)
            self._scan = ProhibitedScan(self._policy)
            if self._config.server is not None and self._config.server.send_events:
                import lockdown.net.client  # noqa: F401  # imported now, used after the checks
        except BaseException as exc:  # handed to the main thread by result()
            self._error = exc

    def result(self) -> tuple[Environment, list[RunningApp]]:
        """The environment and the prohibited programs running now; re-raises the thread's error."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._environment is not None and self._scan is not None
        return self._environment, self._scan.refresh()


def close_client(client: ExamClient, budget: float) -> None:
    """End the session within `budget` seconds; what is not delivered stays in the encrypted queue."""
    worker = threading.Thread(target=client.close_session, kwargs={"timeout": budget / 2},
                              name="lockdown-close-session", daemon=True)
    worker.start()
    worker.join(budget)


class Interface:
    """Operation: the user interface starts (Qt, for the real one); every window closes on revert."""

    name = "interface"

    def __init__(self, factory: FrontendFactory, config: ExamConfig, lang: Language) -> None:
        self._factory = factory
        self._config = config
        self._lang = lang
        self._frontend: Frontend | None = None

    @property
    def frontend(self) -> Frontend:
        assert self._frontend is not None, "the interface has not started"
        return self._frontend

    def perform(self) -> None:
        self._frontend = self._factory(self._config, self._lang)

    def revert(self) -> None:
        frontend, self._frontend = self._frontend, None
        if frontend is not None:
            frontend.close()

    def show(self, event: Event) -> None:
        """The student's side of the events (the kiosk), while the interface runs."""
        frontend = self._frontend
        if frontend is not None:
            frontend.show(event)


class ExamServer:
    """Operation: the network client, for an exam with a server; its session ends on revert.

    Also the server's side of the events: their type alone, timed from the exam's start. Ending
    the session waits at most `budget` seconds (set from how the exam ended: SIGTERM must end
    within 2 s); what is not delivered by then stays in the encrypted queue.
    """

    name = "exam_server"

    def __init__(self, config: ExamConfig, keys: SebKeys | Callable[[], SebKeys],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._keys = keys
        self._clock = clock
        self._start = clock()
        self.client: ExamClient | None = None
        self.budget = CLOSE_BUDGET_S["signal"]

    def perform(self) -> None:
        keys = self._keys() if callable(self._keys) else self._keys  # a function: known after the verdict
        self.client = exam_client(self._config, keys)

    def revert(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            close_client(client, self.budget)

    def start(self) -> None:
        """The exam starts now: event times count from here."""
        self._start = self._clock()

    def __call__(self, type_: str) -> None:
        client = self.client
        if client is not None:
            client.event(type_, int(self._clock() - self._start))


