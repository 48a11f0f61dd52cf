"""The composition root: builds the objects of one exam and runs its steps in this order.

    1. refuse to run elevated                       lockdown.guard.elevation.refuse_elevated
    2. integrity self-check of this build, then     lockdown.integrity.selfcheck.self_check
       load and validate the configuration          lockdown.config.load_config
    3. the configuration decides on the build       check_build
       (invalid: stop before anything is sent; could not check: only if the exam allows it);
       the first operations: the session folder, then the interface (Qt) inside it
    4. the notice: what is watched and what is sent  Frontend.show_notice
    5. environment checks (the configuration decides, a proctor may override)
    6. the kiosk opens on the exam page; the rest of the operations, in order, each with its undo
    7. the exam; events through the dispatcher: the type alone to the server, the event to the kiosk
    8. whatever ends it (quit URL, quit password, SIGTERM): every operation reverted, last first;
       the session ends; exit 0 (a folder that could not be removed is told on stderr and tried
       again at the next start: lockdown.leftovers)

Every change the exam makes is one entry of `exam_operations()`, in the order it is made, and one
`OperationSequence` runs them all: the session folder before the configuration is read (an
encrypted file's password dialog is Qt too), up to "interface" in step 3, the rest in step 6:

    session-temp-dir    Qt's caches and temporary files go to a folder removed at the end; before Qt
    interface           Qt starts; the notice, the checks and the kiosk are its windows, closed on revert
      (steps 4 and 5; the kiosk is shown and its first page load started: before the keyboard grab)
    exam_server         the network client, when the exam has a server; its session ends on revert
    screen_covers       every secondary screen covered, and any plugged in later
    clipboard_clear     emptied now, whenever lockdown gains or loses the focus, and at the end
    keyboard_lock       the OS's shortcut block, or the kiosk's keyboard grab on X11, none on Wayland
    focus_keeper        the kiosk brought back whenever it loses the front
    process_guard       prohibited programs closed as they start: the list the checks used
    capture_protection  the kiosk kept out of screenshots and screen sharing, where the OS can
    sound               muted or set to the exam's volume; the volume as it was, put back
    permitted_apps      the permitted programs that start with the exam; those lockdown started, closed

If one fails, everything done before it is undone, last first, and the exam does not start.

No Qt here: the screens are behind the small `Frontend` interface, and the Qt one is imported only
when an exam really runs (`lockdown.ui.frontend`); the front end makes the operations bound to its
windows when the list reaches them.

Start-up speed: step 5's facts are gathered in a thread started before the notice (the student
reads it meanwhile) and only acted on after it; the network client, with requests, keyring and the
queue's cipher, is imported only for exams that have a server. Each step's time since the start
is logged at debug level.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from lockdown.config import ExamConfig, load_config
from lockdown.config.passwords import PasswordPrompt
from lockdown.errors import (
    EXIT_OK,
    CheckFailed,
    IntegrityError,
    IntegrityUnknown,
    LockdownError,
    NetworkError,
)
from lockdown.frontend import Frontend, FrontendFactory, WindowOperation
from lockdown.guard.elevation import refuse_elevated
from lockdown.guard.environment import Environment, detect_environment, environment_decision
from lockdown.guard.events import (
    BuildUnverified,
    ConnectionLost,
    ConnectionRestored,
    Event,
    EventDispatcher,
    EventSink,
    ExamEnded,
    ExamStarted,
    QuitRequested,
)
from lockdown.guard.processes import AppPolicy, ProcessGuard, ProhibitedScan, RunningApp, close_processes
from lockdown.i18n import Language, system_language
from lockdown.integrity.selfcheck import SelfCheckResult, self_check
from lockdown.leftovers import LeftoversRemain, PendingRemovals
from lockdown.paths import get_paths
from lockdown.platform import PlatformBackend, WindowKeyboardGrab, get_backend
from lockdown.sebkeys.bek import browser_exam_key
from lockdown.sebkeys.configkey import config_key
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import (
    Lazy,
    Operation,
    OperationFailed,
    OperationSequence,
    RevertFailed,
    SwitchOperation,
)
from lockdown.sound import SoundAtStart
from lockdown.taskbar import ExamTools
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
    digest = build.manifest_digest or ""
    return SebKeys(config_key(config.settings), browser_exam_key(config, digest), digest[:12] or "dev")


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


def _close_client(client: ExamClient, budget: float) -> None:
    """End the session within `budget` seconds; what is not delivered stays in the encrypted queue."""
    worker = threading.Thread(target=client.close_session, kwargs={"timeout": budget / 2},
                              name="lockdown-close-session", daemon=True)
    worker.start()
    worker.join(budget)


def tell_stderr(line: str) -> None:
    """A problem the student should know of once the windows are gone: one line on stderr."""
    print(f"lockdown: {line}", file=sys.stderr, flush=True)


def _end(operations: OperationSequence, lang: Language, tell: Callable[[str], None]) -> None:
    """Undo every operation, last first. A folder that stays is told, not raised: it must not hide
    how the exam ended, and it is recorded for the next start; any other undo that failed is."""
    try:
        operations.revert()
    except RevertFailed as exc:
        others = []
        for cause, error in zip(exc.causes, exc.errors, strict=True):
            if isinstance(cause, LeftoversRemain):
                tell(cause.text(lang))
            else:
                others.append(error)
        if others:
            raise CheckFailed("some changes could not be undone: " + "; ".join(others)) from exc


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

    def __init__(self, config: ExamConfig, keys: SebKeys,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._keys = keys
        self._clock = clock
        self._start = clock()
        self.client: ExamClient | None = None
        self.budget = CLOSE_BUDGET_S["signal"]

    def perform(self) -> None:
        self.client = exam_client(self._config, self._keys)

    def revert(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            _close_client(client, self.budget)

    def start(self) -> None:
        """The exam starts now: event times count from here."""
        self._start = self._clock()

    def __call__(self, type_: str) -> None:
        client = self.client
        if client is not None:
            client.event(type_, int(self._clock() - self._start))


def keyboard_lock(ui: Frontend, platform: PlatformBackend, events: EventSink) -> Operation | None:
    """The keyboard lock the platform chose: its system-wide shortcut block (the Windows hook,
    macOS presentation options), or the kiosk window's own keyboard grab (X11); none under Wayland
    (the configuration chose limited lockdown)."""
    lock = platform.keyboard_lock()
    if isinstance(lock, WindowKeyboardGrab):
        return ui.window_operation("keyboard_grab", events)
    return SwitchOperation("shortcut_block", lock) if lock is not None else None


def capture_protection(ui: Frontend, platform: PlatformBackend) -> Operation | None:
    """Keeps the kiosk out of screenshots and screen sharing (Windows affinity, macOS sharing
    type); none where the OS offers no such thing (X11)."""
    blocker = platform.capture_blocker(ui.kiosk_window_id())
    return SwitchOperation("capture_exclusion", blocker) if blocker is not None else None


def exam_operations(interface: Interface, server: ExamServer, platform: PlatformBackend,
                    policy: AppPolicy, events: EventSink, config: ExamConfig,
                    tools: ExamTools) -> list[Operation]:
    """Every change the exam makes, in the order it is made (the table in this module's docstring).

    The ones after "interface" are performed once the kiosk is open; those bound to its window
    are made by the front end when their turn comes.
    """
    def window(kind: WindowOperation) -> Lazy:
        return Lazy(kind, lambda: interface.frontend.window_operation(kind, events))

    return [
        interface,
        server,
        window("screen_covers"),
        window("clipboard_clear"),
        Lazy("keyboard_lock", lambda: keyboard_lock(interface.frontend, platform, events)),
        window("focus_keeper"),
        ProcessGuard(policy, events),
        Lazy("capture_protection", lambda: capture_protection(interface.frontend, platform)),
        SoundAtStart(config.audio, config.taskbar.shown and config.taskbar.audio, lambda: tools.desk.volume),
        *([tools.apps] if tools.apps is not None else []),
    ]


def _perform(operations: OperationSequence, through: str | None = None) -> None:
    """Perform the next operations; a failure undoes everything done and stops the exam, in one line."""
    try:
        operations.perform(through)
    except OperationFailed as exc:
        if isinstance(exc.cause, LockdownError):
            raise exc.cause from exc
        raise CheckFailed(f"could not prepare this computer for the exam ({exc}); nothing was left "
                          "changed") from exc


def run_exam(source: str, frontend_factory: FrontendFactory = qt_frontend,
             backend: PlatformBackend | None = None,
             check: Callable[[], SelfCheckResult] = self_check,
             passwords: PasswordPrompt | None = None,
             tell: Callable[[str], None] = tell_stderr) -> int:
    """`lockdown run SOURCE`: every step of the exam, in order; returns the exit code.

    `passwords` gives an encrypted `.seb` file's settings password (the student's dialog, or a file).
    """
    step = StartupClock()
    platform = backend or get_backend()
    refuse_elevated(platform)                                                     # 1
    build = check()  # the build is checked before anything, even the configuration, is fetched
    refuse_invalid_build(build)
    step("integrity checked")
    # Qt's caches go to a folder removed at the end, made first (a password dialog is Qt too);
    # earlier sessions' leftovers are tried again
    temp = SessionTempDir(pending=PendingRemovals(get_paths().pending_removals))
    operations = OperationSequence([temp])
    _perform(operations)
    lang: Language = system_language()
    try:
        try:
            config = load_config(source, passwords=passwords)                     # 2
            lang = config.language or lang
        finally:  # what an earlier exam left is told in this exam's language, once it is known
            if temp.earlier.left:
                tell(LeftoversRemain(temp.earlier.left, will_retry=True).text(lang))
        step("configuration loaded")
        check_build(build, config)                                                # 3: it decides
        policy = AppPolicy(config, platform)  # the prohibited programs, for the checks and the guard
        probe = EnvironmentProbe(config, policy, platform).start()  # step 5's facts, during the notice
        keys = exam_keys(config, build)
        interface = Interface(frontend_factory, config, lang)
        server = ExamServer(config, keys)
        events = EventDispatcher(server=server, student=interface.show)
        tools = ExamTools(platform, config)  # the taskbar's sources, asked of the OS at the kiosk
        operations.extend(exam_operations(interface, server, platform, policy, events, config, tools))
        _perform(operations, through=Interface.name)  # Qt starts, inside the session folder
        step("interface loaded")
        return _sit_exam(config, build, keys, interface.frontend, probe, operations, server, events, step,
                         tools)
    finally:
        _end(operations, lang, tell)                                              # 8


def _sit_exam(config: ExamConfig, build: SelfCheckResult, keys: SebKeys, ui: Frontend,
              probe: EnvironmentProbe, operations: OperationSequence, server: ExamServer,
              events: EventSink, step: StartupClock, tools: ExamTools) -> int:
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

    step("checks passed")
    ui.open_kiosk(keys, tools)  # shown, its first page load started: the keyboard grab comes after  # 6
    step("kiosk opened")
    _perform(operations)  # the rest of the list, from the exam server to capture protection
    step("lockdown operations performed")
    server.start()                                                                # 7
    client = server.client
    if client is not None:
        client.on_status(ConnectionWatch(events))
        try:
            client.open_session()
        except NetworkError:
            ui.show(ConnectionLost())  # the student sees it; the exam goes on, events wait in the queue
    events(ExamStarted())
    if build.status == "unverifiable":
        events(BuildUnverified())
    reason = ui.run_kiosk()
    server.budget = CLOSE_BUDGET_S[reason]
    if reason == "quit_shortcut":
        events(QuitRequested())
    events(ExamEnded())
    return EXIT_OK
