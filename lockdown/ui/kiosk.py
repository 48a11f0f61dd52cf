"""The exam window: frameless, full screen, on top, on the primary screen, showing only the exam.

It shows what it is told: the page (or the offline page), a thin connection banner, short
messages for refused actions and for what the guards did (a program closed), and the taskbar
along the bottom (`lockdown.ui.taskbar`; the page gets the screen minus the bar). Leaving is
reported with `finished(reason)`; `lockdown.app` decides what happens next (revert the
operations, close the session, or open the next exam after a reconfiguration link: its
configuration is then `next_configuration`).

Keys: Ctrl+Q leave; F6 to the taskbar and back; F5 / Ctrl+R reload and Alt+Left back, when the
exam allows them; Ctrl+plus, Ctrl+minus, Ctrl+0 zoom, when it allows zooming.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from lockdown.config.model import ExamConfig
from lockdown.i18n import Language
from lockdown.quitting import QuitMode, quit_mode
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.taskbar import ExamTools
from lockdown.ui.browser import LOAD_STALL_S, ExamPage, ExamView, make_profile
from lockdown.ui.confirm import ConfirmDialog
from lockdown.ui.offline import OfflinePage
from lockdown.ui.quit_dialog import QuitDialog
from lockdown.ui.reconfiguration import ReconfigureDialog
from lockdown.ui.spelling_panel import SpellingPanel
from lockdown.ui.taskbar import Taskbar
from lockdown.urls.navigation import NavigationRules
from lockdown.words import say

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MESSAGE_MS = 5000
BANNER_BACK_MS = 4000


def window_title(page_title: str, suffix: str) -> str:
    """The page's title followed by the configured suffix, so screen readers announce both."""
    title = page_title.strip()
    if not suffix:
        return title
    return f"{title} - {suffix}" if title else suffix


def _one_shot(parent: QWidget, ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


class KioskWindow(QWidget):
    """The full-screen exam window."""

    finished = Signal(str)
    """Why the exam ended: "quit_url", "quit_shortcut", "reconfigure" or "closed"."""

    def __init__(self, config: ExamConfig, rules: NavigationRules, keys: SebKeys, lang: Language,
                 *, stall_timeout: float = LOAD_STALL_S, profile: QWebEngineProfile | None = None,
                 tools: ExamTools | None = None, spelling: tuple[str, ...] = ()) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self._config = config
        self._lang = lang
        self._ending = False
        self._reconfiguring = False
        self.next_configuration: tuple[bytes, str] | None = None
        """After `finished("reconfigure")`: the other exam's configuration (its bytes, its URL)."""
        self.setObjectName("lockdown-kiosk")
        self.setAccessibleName(say(lang, "exam.a11y"))

        self._own_profile = profile is None  # the sign-in step's belongs to the sign-in step
        self.profile, self.interceptor = make_profile(rules, keys, config.user_agent_suffix, lang, self,
                                                      profile, allow_webrtc=config.allow_webrtc,
                                                      spelling=spelling)
        self.page = ExamPage(self.profile, rules, keys, config.allow_uploads, config.allow_printing,
                             config.allow_downloads, self, stall_timeout=stall_timeout,
                             new_windows=(config.browser.new_window_by_link,
                                          config.browser.new_window_by_script))
        self.view = ExamView(self.page, self)
        self.view.setAccessibleName(say(lang, "exam.a11y"))
        if not config.browser.zoom:
            self.view.forbid_zoom()
        self.spelling: SpellingPanel | None = None
        if spelling:  # the dictionary's suggestions, and nothing else, for a misspelled word
            self.spelling = SpellingPanel(lang, self)
            self.spelling.chosen.connect(self.page.replaceMisspelledWord)
            self.spelling.closed.connect(lambda: self.view.setFocus())
            self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.view.customContextMenuRequested.connect(self._spelling_wanted)
        self.offline = OfflinePage(lang, parent=self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.offline)

        # The banner and the message are named by their text (a fixed accessible name would
        # hide it from screen readers and stop Qt announcing changes); the role goes in the description.
        self.banner = QLabel(self)
        self.banner.setAccessibleDescription(say(lang, "banner.a11y"))
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.banner.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.banner.hide()
        self.message = QLabel(self)
        self.message.setAccessibleDescription(say(lang, "message.a11y"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAutoFillBackground(True)
        self.message.setBackgroundRole(self.palette().ColorRole.Highlight)
        self.message.setForegroundRole(self.palette().ColorRole.HighlightedText)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a program's name is never read as HTML
        self.message.hide()
        self._message_timer = _one_shot(self, MESSAGE_MS, self.message.hide)
        self._banner_timer = _one_shot(self, BANNER_BACK_MS, self.banner.hide)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.taskbar: Taskbar | None = None
        if tools is not None and config.taskbar.shown:
            self.taskbar = Taskbar(config, tools, lang, self)
            layout.addWidget(self.taskbar)
            self._connect_taskbar(self.taskbar)

        self.page.titleChanged.connect(self._title_changed)
        self.page.refused.connect(self.show_refusal)
        self.page.print_wanted.connect(self._print)
        # Queued: the question must not run its dialog inside the engine's navigation callback.
        self.page.quit_reached.connect(self._quit_page, Qt.ConnectionType.QueuedConnection)
        # queued: the question is asked from the event loop, not inside the engine's navigation call
        self.page.reconfiguration_wanted.connect(self._reconfigure, Qt.ConnectionType.QueuedConnection)
        self.page.connection_failed.connect(self._connection_failed)
        self.page.load_succeeded.connect(self._loaded)
        self.offline.retry.connect(self._retry)
        self._failed_url = ""
        self._asking = False
        self._printer: QPrinter | None = None
        self.setWindowTitle(window_title("", config.window_title_suffix) or "lockdown")
        self._shortcuts()

    def _shortcuts(self) -> None:
        def bind(keys: QKeySequence | QKeySequence.StandardKey | str, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        bind("Ctrl+Q", self.ask_quit)
        bind("F6", self._toggle_taskbar_focus)
        browser = self._config.browser
        if browser.zoom:
            bind(QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(+1))
            bind("Ctrl+=", lambda: self.zoom(+1))
            bind(QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1))
            bind("Ctrl+0", lambda: self.zoom(0))
        if browser.allow_reload:
            bind("F5", self.reload_page)
            bind("Ctrl+R", self.reload_page)
        if browser.allow_back:
            bind("Alt+Left", self.go_back)

    def _spelling_wanted(self, at: QPoint) -> None:
        """The student asked for the menu on the page: suggestions, when it is a misspelled word."""
        request = self.view.lastContextMenuRequest()
        if self.spelling is None or request is None or not request.isContentEditable():
            return
        word = request.misspelledWord()
        if word:
            self.spelling.offer(word, list(request.spellCheckerSuggestions()), self.view.mapTo(self, at))

    def _connect_taskbar(self, bar: Taskbar) -> None:
        bar.reload_wanted.connect(self.reload_page)
        bar.back_wanted.connect(self.go_back)
        bar.zoom_wanted.connect(self.zoom)
        bar.quit_wanted.connect(self.ask_quit)
        bar.page_wanted.connect(self.focus_page)
        bar.notice.connect(self.show_message)
        self.page.urlChanged.connect(lambda url: self._show_address(url.toString()))

    def _show_address(self, url: str) -> None:
        shown = self._config.browser.show_url
        offline = self.stack.currentWidget() is self.offline
        if self.taskbar is not None:
            self.taskbar.set_address(url, shown == "always" or (shown == "load_error" and offline))

    def _toggle_taskbar_focus(self) -> None:
        """F6: to the taskbar, and from it back to the page."""
        if self.taskbar is None:
            return
        if self.taskbar.has_focus_inside():
            self.focus_page()
        else:
            self.taskbar.focus_first()

    def focus_page(self) -> None:
        """The keyboard focus goes back to the page (or to the offline page's button)."""
        if self.taskbar is not None and self.taskbar.wifi_panel is not None:
            self.taskbar.wifi_panel.hide()
        if self.stack.currentWidget() is self.offline:
            self.offline.button.setFocus()
        else:
            self.view.setFocus()

    # The page's own actions ------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """+1 / -1 the next zoom step, 0 back to 100 %, when the exam allows zooming."""
        if not self._config.browser.zoom:
            return
        self.view.zoom(step)
        if self.taskbar is not None:
            self.taskbar.set_zoom(self.view.zoomFactor())

    def reload_page(self) -> None:
        """F5, Ctrl+R or the reload button: reload, asking first when the exam says so."""
        browser = self._config.browser
        if not browser.allow_reload:
            self.show_refusal("refused.reload")
            return
        if browser.reload_warning and not self._confirm("reload"):
            return
        if self.stack.currentWidget() is self.offline:
            self._retry()
        else:
            self.page.triggerAction(self.page.WebAction.Reload)
        self.focus_page()

    def go_back(self) -> None:
        """Alt+Left or the back button: the previous page, when the exam allows it (the URL rules
        judge it like any navigation)."""
        history = self.page.history()
        if self._config.browser.allow_back and history.canGoBack():
            history.back()

    def _confirm(self, prefix: str) -> bool:
        if self._asking:
            return False
        self._asking = True
        try:
            dialog = ConfirmDialog(self._lang, prefix, self)
            return dialog.exec() == ConfirmDialog.DialogCode.Accepted and not self._ending
        finally:
            self._asking = False

    def _quit_page(self) -> None:
        """The quit URL was reached: the exam ends, after asking when the exam says so (SEB's
        `quitURLConfirm`); staying keeps the page where it was."""
        if self._config.browser.quit_url_confirm and not self._confirm("quiturl"):
            self.focus_page()
            return
        self.end("quit_url")

    # Showing ---------------------------------------------------------------------------------

    def show_on_primary(self) -> None:
        """Full screen on the primary screen, above other windows, with the keyboard focus."""
        screen = QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry())
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.view.setFocus()

    def open_exam(self) -> None:
        """Load the start URL (the SEB API is set for it before the first document exists)."""
        self.page.set_api_for(self._config.start_url)
        self.page.load(QUrl(self._config.start_url))

    def show_refusal(self, text_key: str) -> None:
        """A short, polite, translated line over the page; the page itself stays where it was."""
        self.show_message(say(self._lang, text_key))

    def show_message(self, text: str) -> None:
        """A short line over the page for a few seconds; screen readers announce it (named by its text)."""
        self.message.setText(text)
        self.message.show()
        self._message_timer.start()

    def connection_changed(self, online: bool) -> None:
        """The exam server connection dropped or came back (from the network client's status)."""
        if self.taskbar is not None:
            self.taskbar.set_server_online(online)
        self._banner_timer.stop()
        self.banner.setText(say(self._lang, "banner.back" if online else "banner.lost"))
        self.banner.show()
        if online:
            self._banner_timer.start()

    def _print(self) -> None:
        """Printing is allowed: the system's print dialog, then the page as the student sees it."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when used: keeps start-up short

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("lockdown-print-dialog")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._printer = printer  # kept until the engine has finished printing
            self.view.print(printer)

    def _title_changed(self, title: str) -> None:
        self.setWindowTitle(window_title(title, self._config.window_title_suffix) or "lockdown")

    def _connection_failed(self, url: str) -> None:
        """Any failed load but lockdown's own refusals: the offline page, which retries until the end."""
        if self._ending:
            return
        self._failed_url = url or self._failed_url or self._config.start_url
        self.stack.setCurrentWidget(self.offline)
        self.offline.failed()
        self.offline.button.setFocus()
        self._show_address(self._failed_url)

    def _retry(self) -> None:
        if self._ending:
            return
        self.page.load(QUrl(self._failed_url or self._config.start_url))

    def _loaded(self) -> None:
        if self.stack.currentWidget() is self.offline:
            self.offline.succeeded()
            self.stack.setCurrentWidget(self.view)
            self.view.setFocus()
            self._show_address(self.page.url().toString())

    # Leaving ---------------------------------------------------------------------------------

    def ask_quit(self) -> None:
        """Ctrl+Q: the password, a confirmation, or a message when only the quit URL may end it."""
        mode = quit_mode(self._config)
        if mode is QuitMode.DISABLED:
            self.show_refusal("refused.quit")
            return
        dialog = QuitDialog(self._lang, self._config.hashed_quit_password, self)
        dialog.setObjectName("lockdown-quit-dialog")
        if dialog.exec() == QuitDialog.DialogCode.Accepted:
            self.end("quit_shortcut")

    def _reconfigure(self, link: str) -> None:
        """A `seb(s)://` link the exam allows: ask, then fetch its configuration with this session.

        One at a time (Moodle's page may send it twice); Stay, a web page instead of a
        configuration or a failed download leave the student in this exam.
        """
        if self._ending or self._reconfiguring:
            return
        self._reconfiguring = True
        dialog = ReconfigureDialog(self._lang, link, self)
        try:
            agreed = dialog.ask()
        finally:
            dialog.deleteLater()
        if not agreed or self._ending:
            self._reconfiguring = False
            return
        fetch = self.page.fetch_configuration(link)
        fetch.received.connect(self._reconfigured)
        fetch.failed.connect(self._not_reconfigured)
        self.show_message(say(self._lang, "reconfigure.receiving"))
        fetch.start()

    def _reconfigured(self, data: bytes, url: str) -> None:
        self.next_configuration = (data, url)
        self.end("reconfigure")

    def _not_reconfigured(self, text_key: str) -> None:
        self._reconfiguring = False
        self.show_refusal(text_key)

    def end(self, reason: str) -> None:
        """Report the end once; the composition root reverts and closes."""
        if not self._ending:
            self._ending = True
            self.finished.emit(reason)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 or the window manager cannot close the exam; only `end()` and `dispose()` do."""
        if self._ending:
            event.accept()
        else:
            event.ignore()

    def dispose(self) -> None:
        """Close the window and free the page before its profile (Qt warns otherwise)."""
        self._ending = True
        self.close()
        self.view.setPage(None)  # type: ignore[arg-type]  # Qt accepts a null page
        if self._own_profile:
            self.page.destroyed.connect(self.profile.deleteLater)  # the profile must outlive its page
        self.page.deleteLater()
