"""The Qt implementation of `lockdown.app.Frontend`: notice, checks, kiosk and their event loop.

The kiosk's browser session (its off-the-record profile, with the LMS's cookies) may belong to
the whole run rather than to one exam: the entrance hands each front end the same one
(`session`), so the sign-in carries over to the kiosk and one exam's session to the next one
opened by a reconfiguration link.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWidgets import QApplication, QDialog

from lockdown.config.model import ExamConfig
from lockdown.frontend import EndReason, Review, WindowOperation
from lockdown.guard.environment import Finding
from lockdown.guard.events import ConnectionLost, ConnectionRestored, Event, EventSink, ScreenCountChanged
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.integrity.pending import PendingCheck
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import Operation
from lockdown.spelling import ENV, candidate_folders, find_dictionaries
from lockdown.taskbar import ExamTools
from lockdown.ui.browser import start_engine
from lockdown.ui.event_bridge import EventBridge, message_for
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.locales import use_student_locale
from lockdown.ui.notice import NoticeDialog
from lockdown.ui.qtapp import SignalBridge, application, return_freed_memory
from lockdown.ui.screens import ScreenCovers, screen_count
from lockdown.urls.navigation import NavigationRules
from lockdown.urls.policy import UrlPolicy
from lockdown.urls.seblinks import reconfiguration_allows
from lockdown.words import say

log = logging.getLogger(__name__)


class _AfterFirstPaint(QObject):
    """Calls `then()` once, from the event loop, after the watched window was first painted.

    So the notice is on the screen before QtWebEngine starts behind it (the start holds Qt's
    thread for up to ~0.1 s; a key pressed meanwhile waits in the queue, it is not lost).
    """

    def __init__(self, then: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._then = then
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._then)
        return False


class QtFrontend:
    """Owns the QApplication for one exam; every window it opens is closed by `close()`."""

    def __init__(self, config: ExamConfig, lang: Language,
                 session: Callable[[], QWebEngineProfile] | None = None) -> None:
        self._config = config
        self._session = session
        """Gives the run's browser session, made when first asked and freed by its owner; None:
        the kiosk makes its own, freed with it."""
        self._lang = lang
        self._spelling = self._dictionaries() if config.browser.spell_check else ()
        use_student_locale()  # Chromium's words in the student's language, before the engine starts
        self._app = application()
        self._loop: QEventLoop | None = None
        self._kiosk: KioskWindow | None = None
        self._reason: EndReason | None = None
        self._next: tuple[bytes, str] | None = None
        self._signalled = False
        self._bridge = EventBridge(self._show)
        self._signals = SignalBridge(self._note_signal, self._on_signal)
        self._engine: QWebEngineProfile | None = None
        self._tools: ExamTools | None = None
        self._screens = 0

    def _dictionaries(self) -> tuple[str, ...]:
        """Spell checking is allowed: name the dictionaries' folder before the browser engine starts
        (it reads it once); the languages to check, () when there is no dictionary for the exam's."""
        folders = candidate_folders(os.environ)
        found = find_dictionaries(self._lang, folders)
        if found is None:
            log.warning("spell checking is allowed, but there is no %s dictionary in %s: it is off",
                        self._lang, ", ".join(str(f) for f in folders))
            return ()
        os.environ[ENV] = str(found.folder)
        log.info("spell checking in %s, dictionaries from %s", ", ".join(found.languages), found.folder)
        return found.languages

    # Before the exam -------------------------------------------------------------------------

    def show_notice(self, check: PendingCheck) -> bool:
        notice = NoticeDialog(self._lang, self._config.start_url, check)
        painted = _AfterFirstPaint(self._start_engine, notice)
        notice.installEventFilter(painted)
        try:
            return notice.ask() and not self._signalled
        finally:
            notice.removeEventFilter(painted)
            notice.deleteLater()

    def _start_engine(self) -> None:
        """While the student reads the notice: start the browser engine, load nothing."""
        if self._engine is None and not self._signalled:
            log.debug("notice painted: starting the browser engine")
            self._engine = start_engine()
            log.debug("browser engine started")

    def screen_count(self) -> int:
        return screen_count()

    def review_environment(self, findings: Sequence[Finding], screens_ok: bool,
                           running: Sequence[RunningApp],
                           close: Callable[[Sequence[RunningApp]], list[RunningApp]]) -> Review:
        if screens_ok and not running and all(f.severity == "info" and not f.blocks for f in findings):
            return "start"  # only facts the exam allows: nothing to explain or decide
        from lockdown.ui.checks import ChecksDialog  # loaded only when there is something to show

        screens_text = None if screens_ok else say(self._lang, "checks.screens", count=screen_count(),
                                                   allowed=self._config.allowed_displays_max)
        dialog = ChecksDialog(self._lang, findings, screens_text, running, close,
                              self._config.hashed_quit_password)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and not self._signalled:
                return "start"
            return "blocked" if dialog.blocked and not self._signalled else "leave"
        finally:
            dialog.deleteLater()

    # The exam --------------------------------------------------------------------------------

    def open_kiosk(self, keys: SebKeys, tools: ExamTools) -> None:
        config = self._config
        policy = UrlPolicy(config)
        rules = NavigationRules(policy.allows, config.start_url, config.quit_url,
                                lambda link: reconfiguration_allows(config.allow_reconfiguration,
                                                                    config.reconfiguration_url, link),
                                embedded=policy.allows_embedded)
        self._tools = tools
        self._screens = screen_count()
        profile = self._session() if self._session is not None else None
        self._kiosk = KioskWindow(config, rules, keys, self._lang, profile=profile, tools=tools,
                                  spelling=self._spelling)
        self._drop_engine_starter()  # the kiosk's own profile keeps the engine running now
        self._kiosk.finished.connect(self._finished)
        self._kiosk.page.load_succeeded.connect(self._first_load, Qt.ConnectionType.SingleShotConnection)
        self._kiosk.show_on_primary()
        # Start loading now: the first load adds QtWebEngine's render widget, which makes Qt
        # recreate the window's native handle; the keyboard grab must be taken after that.
        # Nothing is shown to the student before the event loop runs, after the operations.
        self._kiosk.open_exam()

    @staticmethod
    def _first_load() -> None:
        """The exam page shows: what start-up freed (notice, engine starter) goes back to the system.

        A second later, not at once: trimmed at the load itself, nothing was returned here (the
        notice and the engine starter are deleted from the event loop, after the load).
        """
        log.debug("exam page loaded")
        QTimer.singleShot(1000, return_freed_memory)

    def window_operation(self, kind: WindowOperation, events: EventSink) -> Operation | None:
        assert self._kiosk is not None, "open_kiosk() first"
        from lockdown.ui.lockdown_ops import ClipboardClear, FocusKeeper, KeyboardGrab

        if kind == "screen_covers":
            return ScreenCovers(self._lang, on_change=lambda: events(ScreenCountChanged(screen_count())))
        # the X11 ones are asked for on X11 only; a headless Qt (tests) has no X window to watch
        headless = QApplication.platformName() == "offscreen"
        if kind == "clipboard_keep" and not headless:
            from lockdown.ui.clipboard_keep import ClipboardKeeper  # python-xlib only on X11

            return ClipboardKeeper(self._kiosk)
        if kind in ("clipboard_clear", "clipboard_keep"):
            return ClipboardClear()
        if kind == "window_watch" and not headless:
            from lockdown.ui.window_watch import WindowStateWatch  # python-xlib only on X11

            apps = self._tools.apps if self._tools is not None else None
            return WindowStateWatch(self._kiosk, events, apps.pids if apps is not None else frozenset)
        if kind == "window_watch":
            return None
        may_leave = self._tools.may_leave if self._tools is not None else None
        if kind == "keyboard_grab":
            return KeyboardGrab(self._kiosk, may_leave)
        return FocusKeeper(self._kiosk, events, may_leave)

    def kiosk_window_id(self) -> int:
        assert self._kiosk is not None, "open_kiosk() first"
        return int(self._kiosk.winId())

    def show(self, event: Event) -> None:
        self._bridge(event)  # queued into Qt's thread, whichever thread this is

    def run_kiosk(self) -> EndReason:
        assert self._kiosk is not None, "open_kiosk() first"
        if self._reason is None:
            # A loop of its own, not the application's: QCoreApplication.exit() announces the end
            # of the program (aboutToQuit), on which QtWebEngine shuts its engine down for good.
            self._loop = QEventLoop()
            self._loop.exec()
            self._loop = None
        return self._reason or "signal"

    def next_configuration(self) -> tuple[bytes, str] | None:
        return self._next if self._reason == "reconfigure" else None

    def _drop_engine_starter(self) -> None:
        if self._engine is not None:
            self._engine.deleteLater()
            self._engine = None

    def close(self) -> None:
        self._signals.close()
        self._drop_engine_starter()
        if self._kiosk is not None:
            self._kiosk.dispose()
            self._kiosk = None
        for widget in self._app.topLevelWidgets():
            widget.close()
        # Delete the page, then its profile, now: processEvents() does not run deferred deletes,
        # and a profile freed at interpreter exit before its page crashes QtWebEngine.
        for _ in range(3):
            self._app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self._app.processEvents()

    # Qt side ---------------------------------------------------------------------------------

    def _show(self, event: Event) -> None:
        if self._kiosk is None:
            return
        if isinstance(event, ConnectionLost | ConnectionRestored):
            self._kiosk.connection_changed(isinstance(event, ConnectionRestored))
            return
        if isinstance(event, ScreenCountChanged):
            added, self._screens = event.count > self._screens, event.count
            if added:
                self._kiosk.show_message(say(self._lang, "message.screen_added"))
            return
        text = message_for(event, self._lang)
        if text is not None:
            self._kiosk.show_message(text)

    def _finished(self, reason: str) -> None:
        if self._reason is None:
            if reason == "reconfigure" and self._kiosk is not None:
                self._reason, self._next = "reconfigure", self._kiosk.next_configuration
            else:
                self._reason = "quit_url" if reason == "quit_url" else "quit_shortcut"
        self._leave_loop()

    def _leave_loop(self) -> None:
        if self._loop is not None:
            self._loop.quit()

    def _note_signal(self, _signum: int) -> None:
        """SIGTERM / SIGINT has arrived: whatever runs next sees it (nothing else may happen here)."""
        self._signalled = True
        if self._reason is None:
            self._reason = "signal"

    def _on_signal(self, _signum: int) -> None:
        """From Qt's loop: close any dialog, end the exam in order (reverts run after the loop)."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self._kiosk is not None:
            self._kiosk.end("signal")
        self._leave_loop()
