"""The composition root: builds the objects of one exam and runs its steps in this order.

    1. refuse to run elevated                       lockdown.guard.elevation.refuse_elevated
    2. integrity self-check of this build, started  lockdown.integrity.pending.PendingCheck
       load and validate the configuration          lockdown.config.load_config
       (a remote one, the start window's link, the sign-in page: only after the verdict; a
       local file is read while the files are hashed; no file or link: the start window;
       behind a login: the sign-in window)
    3. the configuration decides on the build       check_build
       (invalid: stop before anything is sent; could not check: only if the exam allows it),
       before the notice when the verdict is ready by then, else when the notice is accepted;
       the first operations: the session folder, then the interface (Qt) inside it
    4. the notice: what is watched and what is sent  Frontend.show_notice
    5. environment checks (the configuration decides, a proctor may override)
    6. the kiosk opens on the exam page; the rest of the operations, in order, each with its undo
    7. the exam; events through the dispatcher: the type alone to the server, the event to the kiosk
    8. whatever ends it (quit URL, quit password, SIGTERM): every operation reverted, last first;
       the session ends; exit 0 (a folder that could not be removed is told on stderr and tried
       again at the next start: lockdown.leftovers)
       A `seb(s)://` link the configuration allows, that the student agreed to open, ends it too:
       this exam's operations are reverted (back to one_exam), the configuration the kiosk
       downloaded is read, and the next exam goes through steps 3 to 8, notice first, in the same
       session (its folder, its mark, its browser session with the LMS's cookies)

Every change the exam makes is one entry of this list, in the order it is made, and one
`OperationSequence` runs them all: the first two before the configuration is read (the start,
sign-in and password windows are Qt too), then one_exam, then each exam's `exam_operations()`, up
to "interface" in step 3 and the rest in step 6:

    session-temp-dir    Qt's caches and temporary files go to a folder removed at the end; before Qt
    entrance            the run's browser session (the sign-in window's, else the first kiosk's), kept
                        for every kiosk of the run, freed on revert
    launch_environment  the engine's settings are lockdown's own (the first exam's; see lockdown.launch)
    one_exam            this session folder marked as sitting an exam: a second launch is refused
      (each exam's operations; a reconfiguration link reverts them, and the next exam's follow)
    interface           Qt starts; the notice, the checks and the kiosk are its windows, closed on revert
      (steps 4 and 5; the kiosk is shown and its first page load started: before the keyboard grab)
    exam_server         the network client, when the exam has a server; its session ends on revert
    screen_covers       every secondary screen covered, and any plugged in later
    clipboard           emptied now, whenever lockdown gains or loses the focus, and at the end; on X11
                        lockdown owns both selections instead and serves the exam's text to the kiosk alone
    keyboard_lock       the OS's shortcut block, or the kiosk's keyboard grab on X11, none on Wayland
    focus_keeper        the kiosk brought back whenever it loses the front
    window_watch        X11: the kiosk window restored at once when another program hides, moves or covers it
    process_guard       prohibited programs closed as they start: the list the checks used
    capture_protection  the kiosk kept out of screenshots and screen sharing, where the OS can
    sound               muted or set to the exam's volume; the volume as it was, put back
    keyboard_layout     the keyboard layout in use, noted when the taskbar can switch it; put back
    permitted_apps      the permitted programs that start with the exam; those lockdown started, closed

If one fails, everything done before it is undone, last first, and the exam does not start.

No Qt here: the screens are behind the small `Frontend` interface, and the Qt one is imported only
when an exam really runs (`lockdown.ui.frontend`); the front end makes the operations bound to its
windows when the list reaches them.

Start-up speed: the self-check hashes the bundle in threads from the start, while Qt starts and
the notice is painted and read; step 5's facts are gathered in a thread started before the
notice (the student reads it meanwhile) and only acted on after it; the network client, with
requests, keyring and the queue's cipher, is imported only for exams that have a server. Each
step's time since the start is logged at debug level.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

from lockdown.config import ExamConfig, load_config, parse_config
from lockdown.config.loader import is_remote
from lockdown.config.passwords import PasswordPrompt
from lockdown.errors import (
    EXIT_OK,
    CheckFailed,
    IntegrityError,
    IntegrityUnknown,
    LockdownError,
    NetworkError,
    SignInRequired,
    UsageError,
)
from lockdown.frontend import EndReason, Entrance, Frontend, FrontendFactory, WindowOperation
from lockdown.guard.elevation import refuse_elevated
from lockdown.guard.environment import environment_decision
from lockdown.guard.events import (
    BuildUnverified,
    ConnectionLost,
    EventDispatcher,
    EventSink,
    ExamEnded,
    ExamStarted,
    QuitRequested,
)
from lockdown.guard.processes import AppPolicy, ProcessGuard, close_processes
from lockdown.i18n import Language, system_language
from lockdown.integrity.pending import PendingCheck, SelfCheck, start_self_check
from lockdown.integrity.selfcheck import SelfCheckResult
from lockdown.keyboard_layout import LayoutAtStart
from lockdown.launch import LaunchEnvironment
from lockdown.leftovers import LeftoversRemain, PendingRemovals
from lockdown.paths import get_paths
from lockdown.platform import PlatformBackend, WindowKeyboardGrab, get_backend
from lockdown.sebkeys.bek import browser_exam_key
from lockdown.sebkeys.configkey import config_key
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.exam_parts import (
    CLOSE_BUDGET_S,
    ConnectionWatch,
    EnvironmentProbe,
    ExamServer,
    Interface,
    StartupClock,
)
from lockdown.session.one_exam import OneExam
from lockdown.session.operations import (
    Lazy,
    OnRevert,
    Operation,
    OperationFailed,
    OperationSequence,
    RevertFailed,
    SwitchOperation,
)
from lockdown.sound import SoundAtStart, restore_after_crash
from lockdown.state_record import StateRecord
from lockdown.taskbar import ExamTools
from lockdown.tracefree import SessionTempDir
from lockdown.words import phrase

log = logging.getLogger(__name__)


def qt_frontend(config: ExamConfig, lang: Language) -> Frontend:
    """The real, Qt interface (imported here so nothing else of lockdown loads Qt)."""
    from lockdown.ui.frontend import QtFrontend

    return QtFrontend(config, lang)


def refuse_invalid_build(result: SelfCheckResult) -> None:
    """A build that was checked and does not match never starts, whatever the exam allows."""
    if result.status == "invalid":
        raise IntegrityError("exam.build.invalid", problems=result.problems)


def check_build(result: SelfCheckResult, config: ExamConfig) -> None:
    """Step 3's decision: an invalid build never starts; an unverifiable one only if allowed."""
    refuse_invalid_build(result)
    if result.status == "unverifiable" and not config.allow_unverified_build:
        raise IntegrityUnknown("exam.build.unverifiable", problems=result.problems)


def exam_keys(config: ExamConfig, build: SelfCheckResult) -> SebKeys:
    """The Config Key of this exam and the Browser Exam Key of this build for it.

    An unverified build has no trusted manifest digest; its key is made from an empty digest,
    which no LMS expecting the official build's key will accept.
    """
    digest = build.manifest_digest or ""
    return SebKeys(config_key(config.settings), browser_exam_key(config, digest), digest[:12] or "dev")


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
            raise CheckFailed("exam.revert_failed", error="; ".join(others)) from exc


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
    """Every change one exam makes, in the order it is made (the table in this module's docstring).

    The ones after "interface" are performed once the kiosk is open; those bound to its window
    are made by the front end when their turn comes.
    """
    def window(kind: WindowOperation, name: str | None = None) -> Lazy:
        return Lazy(name or kind, lambda: interface.frontend.window_operation(kind, events))

    x11 = platform.display_server() == "x11"  # lockdown's own X connections watch the X server
    return [
        interface,
        server,
        window("screen_covers"),
        window("clipboard_keep" if x11 else "clipboard_clear", "clipboard"),
        Lazy("keyboard_lock", lambda: keyboard_lock(interface.frontend, platform, events)),
        window("focus_keeper"),
        *([window("window_watch")] if x11 else []),
        ProcessGuard(policy, events),
        Lazy("capture_protection", lambda: capture_protection(interface.frontend, platform)),
        SoundAtStart(config.audio, config.taskbar.shown and config.taskbar.audio, lambda: tools.desk.volume,
                     StateRecord(get_paths().volume_record)),
        LayoutAtStart(config.taskbar.shown and config.taskbar.keyboard_layout,
                      lambda: tools.desk.keyboard_layouts),
        *([tools.apps] if tools.apps is not None else []),
    ]


def _perform(operations: OperationSequence, through: str | None = None) -> None:
    """Perform the next operations; a failure undoes everything done and stops the exam, in one line."""
    try:
        operations.perform(through)
    except OperationFailed as exc:
        if isinstance(exc.cause, LockdownError):
            raise exc.cause from exc
        raise CheckFailed("exam.prepare_failed", error=str(exc)) from exc


def run_exam(source: str | None, frontend_factory: FrontendFactory = qt_frontend,
             backend: PlatformBackend | None = None,
             check: PendingCheck | SelfCheck | None = None,
             passwords: PasswordPrompt | None = None,
             tell: Callable[[str], None] = tell_stderr,
             entrance: Entrance | None = None) -> int:
    """`lockdown run [SOURCE]`: every step of the exam, in order; returns the exit code.

    `check` is the self-check already started by the caller, or the one to run (tests).
    `passwords` gives an encrypted `.seb` file's settings password (the student's dialog, or a file).
    `entrance` shows the start window when there is no SOURCE, and the sign-in window when the
    configuration's URL answers with a login page; without one, both are one-line errors.
    """
    step = StartupClock()
    platform = backend or get_backend()
    refuse_elevated(platform)                                                     # 1
    pending = (check if isinstance(check, PendingCheck)  # self-check: files hashed meanwhile
               else PendingCheck(check).start() if check else start_self_check())
    started = dict(os.environ)  # what lockdown was started with, for launch_environment's check
    restore_after_crash(StateRecord(get_paths().volume_record), platform.volume_control)  # a killed exam's
    # Qt's caches go to a folder removed at the end, made first (the start, sign-in and password
    # windows are Qt too); earlier sessions' leftovers are tried again
    temp = SessionTempDir(pending=PendingRemovals(get_paths().pending_removals))
    operations = OperationSequence([temp])
    if entrance is not None:
        operations.extend([OnRevert("entrance", entrance.close)])
    _perform(operations)
    system = lang = system_language()
    try:
        try:
            config = _configuration(source, entrance, passwords, pending)         # 2
            if config is None:
                return EXIT_OK  # the student left the start or sign-in window
            lang = config.language or system
        finally:  # what an earlier exam left is told in this exam's language, once it is known
            if temp.earlier.left:
                tell(LeftoversRemain(temp.earlier.left, will_retry=True).text(lang))
        step("configuration loaded")
        assert temp.folder is not None
        # the engine gets lockdown's own settings only (the first exam's: the engine reads them once)
        operations.extend([LaunchEnvironment(config, platform.display_server(), started=started),
                           OneExam(temp.folder)])  # performed with the first exam's interface
        while True:
            following = _exam(config, lang, pending, platform, frontend_factory, operations, step)
            if following is None:
                return EXIT_OK
            _end_exam(operations)                                                 # 8, this exam's
            config = parse_config(*following, passwords=passwords)                # 2, the next one's
            lang = config.language or system
            step("next configuration loaded")
    finally:
        _end(operations, lang, tell)                                              # 8


def _configuration(source: str | None, entrance: Entrance | None, passwords: PasswordPrompt | None,
                   pending: PendingCheck) -> ExamConfig | None:
    """Step 2: the exam's configuration, through the start and sign-in windows when needed.

    Nothing is fetched before the self-check's verdict: a remote configuration (and so the sign-in
    page it may lead to) waits for it and an invalid build stops here; a local file is read meanwhile.
    """
    if source is None:
        if entrance is None:
            raise UsageError("run.no_config")
        source = entrance.choose_source()
        if source is None:
            return None
    if is_remote(source):
        refuse_invalid_build(pending.result())
    try:
        return load_config(source, passwords=passwords)
    except SignInRequired as needed:
        if entrance is None:
            raise
        served = entrance.sign_in(needed.url)
        if served is None:
            return None
        data, url = served
        return parse_config(data, url, passwords=passwords)


def _exam(config: ExamConfig, lang: Language, pending: PendingCheck, platform: PlatformBackend,
          frontend_factory: FrontendFactory, operations: OperationSequence,
          step: StartupClock) -> tuple[bytes, str] | None:
    """Steps 3 to 7 for one configuration; the next exam's configuration (its bytes, its URL) when
    the student opened one from the kiosk by a reconfiguration link, else None."""
    if pending.done():  # self-check: a verdict ready now decides before the notice
        check_build(pending.result(), config)                                     # 3: it decides
    policy = AppPolicy(config, platform)  # the prohibited programs, for the checks and the guard
    probe = EnvironmentProbe(config, policy, platform).start()  # step 5's facts, during the notice
    interface = Interface(frontend_factory, config, lang)
    server = ExamServer(config, lambda: exam_keys(config, pending.result()))  # used after the verdict
    events = EventDispatcher(server=server, student=interface.show)
    tools = ExamTools(platform, config)  # the taskbar's sources, asked of the OS at the kiosk
    operations.extend(exam_operations(interface, server, platform, policy, events, config, tools))
    _perform(operations, through=Interface.name)  # Qt starts, inside the session folder
    step("interface loaded")
    reason = _sit_exam(config, pending, interface.frontend, probe, operations, server, events, step, tools)
    return interface.frontend.next_configuration() if reason == "reconfigure" else None


def _end_exam(operations: OperationSequence) -> None:
    """Before the next exam: undo this exam's operations; the run's (session folder, entrance,
    mark) stay. One that could not be undone stops here: the next exam is not opened."""
    try:
        operations.revert(back_to=OneExam.name)
    except RevertFailed as exc:
        raise CheckFailed("exam.next_not_opened", error="; ".join(exc.errors)) from exc


def _sit_exam(config: ExamConfig, pending: PendingCheck, ui: Frontend,
              probe: EnvironmentProbe, operations: OperationSequence, server: ExamServer,
              events: EventSink, step: StartupClock, tools: ExamTools) -> EndReason | None:
    """Steps 4 to 7: how the kiosk ended, or None when the student left before it opened."""
    step("notice shown")
    if not ui.show_notice(pending):  # it shows the self-check's progress if the student is faster
        return None                                                               # 4
    step("notice accepted")
    build = pending.result()  # self-check: its verdict, before any check, page or request
    check_build(build, config)                                                    # 3
    step("integrity checked")
    environment, running = probe.result()
    findings = environment_decision(environment, config)                          # 5
    screens_ok = ui.screen_count() <= config.allowed_displays_max
    review = ui.review_environment(findings, screens_ok, running, lambda apps: close_processes(apps))
    if review == "leave":
        return None
    if review == "blocked":
        reasons = [f.message for f in findings if f.blocks]
        if not screens_ok:
            reasons.append(phrase("checks.screens", count=ui.screen_count(),
                                  allowed=config.allowed_displays_max))
        raise CheckFailed("exam.cannot_start", reasons=reasons)

    step("checks passed")
    keys = exam_keys(config, build)
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
    return reason
