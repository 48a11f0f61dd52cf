"""The composition root: builds the objects of one exam and runs its steps in this order.

    1. refuse to run elevated                       lockdown.guard.elevation.refuse_elevated
    2. integrity self-check of this build, then     lockdown.integrity.selfcheck.self_check
       load and validate the configuration          lockdown.config.load_config
    3. the configuration decides on the build       check_build
       (invalid: stop before anything is sent; could not check: only if the exam allows it)
    4. the notice: what is watched and what is sent  Frontend.show_notice
    5. environment checks (the configuration decides, a proctor may override)
    6. the lockdown operations, in order, each with its undo
    7. the kiosk on the exam page; events through the privacy-bound network client
    8. whatever ends it (quit URL, quit password, SIGTERM): revert in reverse order, end the
       session, exit 0

No Qt here: the screens are behind the small `Frontend` interface, and the Qt one is imported only
when an exam really runs (`lockdown.ui.frontend`).

Start-up speed: step 5's facts are gathered in a thread started before the notice (the student
reads it meanwhile) and only acted on after it; the network client, with requests, keyring and the
queue's cipher, is imported only for exams that have a server. Each step's time since the start
is logged at debug level.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from lockdown.config import ExamConfig, load_config
from lockdown.errors import EXIT_OK, CheckFailed, IntegrityError, IntegrityUnknown, NetworkError
from lockdown.frontend import EndReason, Frontend, FrontendFactory
from lockdown.guard.elevation import refuse_elevated
from lockdown.guard.environment import Environment, detect_environment, environment_decision
from lockdown.guard.events import EventSink
from lockdown.guard.processes import ProhibitedScan, RunningApp, close_processes
from lockdown.i18n import Language, system_language
from lockdown.integrity.selfcheck import SelfCheckResult, self_check
from lockdown.launch import LaunchEnvironment
from lockdown.platform import PlatformBackend, get_backend
from lockdown.sebkeys.bek import browser_exam_key
from lockdown.sebkeys.configkey import config_key
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import OperationFailed, OperationSequence, RevertFailed
from lockdown.tracefree import SessionTempDir

if TYPE_CHECKING:
    from lockdown.net.client import ConnectionStatus, ExamClient

log = logging.getLogger(__name__)

CLOSE_BUDGET_S = {"signal": 0.8, "quit_url": 5.0, "quit_shortcut": 5.0}
"""How long the end of the session may wait for the server: SIGTERM must end within 2 s."""


def qt_frontend(config: ExamConfig, lang: Language) -> Frontend:
    """The real, Qt interface (imported here so nothing else of lockdown loads Qt)."""
    from lockdown.ui.frontend import QtFrontend

    return QtFrontend(config, lang)


def refuse_invalid_build(result: SelfCheckResult) -> None:
    """A build that was checked and does not match never starts, whatever the exam allows."""
    if result.status == "invalid":
        raise IntegrityError("this copy of lockdown does not match its signed release: "
                             + "; ".join(result.problems) + " (reinstall it from the official release)")


def check_build(result: SelfCheckResult, config: ExamConfig) -> None:
    """Step 3's decision: an invalid build never starts; an unverifiable one only if allowed."""
    refuse_invalid_build(result)
    if result.status == "unverifiable" and not config.allow_unverified_build:
        raise IntegrityUnknown("this copy of lockdown cannot be checked ("
                               + "; ".join(result.problems)
                               + ") and this exam requires a verified build: install the official release")


def exam_keys(config: ExamConfig, build: SelfCheckResult) -> SebKeys:
    """The Config Key of this exam and the Browser Exam Key of this build for it.

    An unverified build has no trusted manifest digest; its key is made from an empty digest,
    which no LMS expecting the official build's key will accept.
    """
    return SebKeys(config_key(config.settings), browser_exam_key(config, build.manifest_digest or ""))


class ExamEvents:
    """The event sink handed to guards and the kiosk: type only, timed from the exam's start."""

    def __init__(self, client: ExamClient | None, clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._clock = clock
        self._start = clock()

    def start(self) -> None:
        self._start = self._clock()

    def __call__(self, type_: str) -> None:
        if self._client is not None:
            self._client.event(type_, int(self._clock() - self._start))


class ConnectionWatch:
    """Turns the client's status changes into the kiosk's banner and the connection events."""

    def __init__(self, frontend: Frontend, events: EventSink) -> None:
        self._frontend = frontend
        self._events = events
        self._lost = False

    def __call__(self, status: ConnectionStatus) -> None:
        from lockdown.net.client import ConnectionStatus  # loaded already: only a client calls this

        if status is ConnectionStatus.OFFLINE and not self._lost:
            self._lost = True
            self._frontend.connection_changed(False)
            self._events("connection_lost")
        elif status is ConnectionStatus.ONLINE and self._lost:
            self._lost = False
            self._frontend.connection_changed(True)
            self._events("connection_restored")


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

    def __init__(self, config: ExamConfig, platform: PlatformBackend) -> None:
        self._config = config
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
            self._scan = ProhibitedScan(self._config, self._platform)
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


def _close_client(client: ExamClient, budget: float) -> None:
    """End the session within `budget` seconds; what is not delivered stays in the encrypted queue."""
    worker = threading.Thread(target=client.close_session, kwargs={"timeout": budget / 2},
                              name="lockdown-close-session", daemon=True)
    worker.start()
    worker.join(budget)


def run_exam(source: str, frontend_factory: FrontendFactory = qt_frontend,
             backend: PlatformBackend | None = None,
             check: Callable[[], SelfCheckResult] = self_check) -> int:
    """`lockdown run SOURCE`: every step of the exam, in order; returns the exit code."""
    step = StartupClock()
    platform = backend or get_backend()
    refuse_elevated(platform)                                                     # 1
    build = check()  # the build is checked before anything, even the configuration, is fetched
    refuse_invalid_build(build)
    step("integrity checked")
    config = load_config(source)                                                  # 2
    step("configuration loaded")
    check_build(build, config)                                                    # 3: it decides
    launch = LaunchEnvironment(config, platform.display_server())
    launch.check()  # started with settings that change how it runs: the configuration decides
    probe = EnvironmentProbe(config, platform).start()  # step 5's facts, read during the notice
    lang: Language = config.language or system_language()
    # Qt's caches go to a folder removed at the end; the engine gets lockdown's own settings only
    process = OperationSequence([SessionTempDir(), launch])
    process.perform()
    try:
        frontend = frontend_factory(config, lang)
        step("interface loaded")
        try:
            return _sit_exam(config, build, frontend, platform, probe, step)
        finally:
            frontend.close()
    finally:
        process.revert()


def _sit_exam(config: ExamConfig, build: SelfCheckResult, ui: Frontend, platform: PlatformBackend,
              probe: EnvironmentProbe, step: StartupClock) -> int:
    step("notice shown")
    if not ui.show_notice():                                                      # 4
        return EXIT_OK
    step("notice accepted")
    environment, running = probe.result()
    findings = environment_decision(environment, config)                          # 5
    screens_ok = ui.screen_count() <= config.allowed_displays_max
    review = ui.review_environment(findings, screens_ok, running, lambda apps: close_processes(apps))
    if review == "leave":
        return EXIT_OK
    if review == "blocked":
        reasons = [f.text("en") for f in findings if f.blocks]
        if not screens_ok:
            reasons.append(f"{ui.screen_count()} screens are connected and this exam allows "
                           f"{config.allowed_displays_max}")
        raise CheckFailed("the exam cannot start on this computer: " + "; ".join(reasons))

    keys = exam_keys(config, build)
    client = exam_client(config, keys)
    events = ExamEvents(client)
    step("checks passed")
    ui.open_kiosk(keys, events)
    step("kiosk opened")
    operations = OperationSequence(ui.kiosk_operations(events, platform))         # 6
    try:
        operations.perform()
    except OperationFailed as exc:
        raise CheckFailed(f"could not prepare this computer for the exam ({exc}); nothing was left "
                          "changed") from exc
    step("lockdown operations performed")
    reason: EndReason = "signal"
    try:
        events.start()                                                            # 7
        if client is not None:
            client.on_status(ConnectionWatch(ui, events))
            try:
                client.open_session()
            except NetworkError:
                ui.connection_changed(False)  # the exam goes on; events wait in the queue
        events("exam_started")
        if build.status == "unverifiable":
            events("build_unverified")
        reason = ui.run_kiosk()
        if reason == "quit_shortcut":
            events("quit_requested")
        events("exam_ended")
    finally:
        try:                                                                      # 8
            operations.revert()
        except RevertFailed as exc:
            raise CheckFailed(f"some changes could not be undone: {exc}") from exc
        finally:
            if client is not None:
                _close_client(client, CLOSE_BUDGET_S[reason])
    return EXIT_OK
