"""The exam window: frameless, full screen, on top, on the primary screen, showing only the exam.

It shows what it is told: the page (or the offline page), a thin connection banner, and short
messages for refused actions. Leaving is reported with `finished(reason)`; `lockdown.app` decides
what happens next (revert the operations, close the session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from lockdown.config.model import ExamConfig
from lockdown.i18n import Language
from lockdown.quitting import QuitMode, quit_mode
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.ui.browser import ExamPage, ExamView, make_profile
from lockdown.ui.offline import OfflinePage
from lockdown.ui.quit_dialog import QuitDialog
from lockdown.ui.text import tr
from lockdown.urls.navigation import NavigationRules

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
    """Why the exam ended: "quit_url", "quit_shortcut" or "closed"."""

    def __init__(self, config: ExamConfig, rules: NavigationRules, keys: SebKeys, lang: Language) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self._config = config
        self._lang = lang
        self._ending = False
        self.setObjectName("lockdown-kiosk")
        self.setAccessibleName(tr(lang, "exam.a11y"))

        self.profile, self.interceptor = make_profile(rules, keys, config.user_agent_suffix, lang, self,
                                                      allow_webrtc=config.allow_webrtc)
        self.page = ExamPage(self.profile, rules, keys, config.allow_uploads, config.allow_printing,
                             config.allow_downloads, self)
        self.view = ExamView(self.page, self)
        self.view.setAccessibleName(tr(lang, "exam.a11y"))
        self.offline = OfflinePage(lang, parent=self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.offline)

        # The banner and the message are named by their text (a fixed accessible name would
        # hide it from screen readers and stop Qt announcing changes); the role goes in the description.
        self.banner = QLabel(self)
        self.banner.setAccessibleDescription(tr(lang, "banner.a11y"))
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.banner.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.banner.hide()
        self.message = QLabel(self)
        self.message.setAccessibleDescription(tr(lang, "message.a11y"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAutoFillBackground(True)
        self.message.setBackgroundRole(self.palette().ColorRole.Highlight)
        self.message.setForegroundRole(self.palette().ColorRole.HighlightedText)
        self.message.setWordWrap(True)
        self.message.hide()
        self._message_timer = _one_shot(self, MESSAGE_MS, self.message.hide)
        self._banner_timer = _one_shot(self, BANNER_BACK_MS, self.banner.hide)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)

        self.page.titleChanged.connect(self._title_changed)
        self.page.refused.connect(self.show_refusal)
        self.page.print_wanted.connect(self._print)
        self.page.quit_reached.connect(lambda: self.end("quit_url"))
        self.page.connection_failed.connect(self._connection_failed)
        self.page.load_succeeded.connect(self._loaded)
        self.offline.retry.connect(self._retry)
        self._failed_url = ""
        self._printer: QPrinter | None = None
        self.setWindowTitle(window_title("", config.window_title_suffix) or "lockdown")
        self._shortcuts()

    def _shortcuts(self) -> None:
        def bind(keys: QKeySequence | QKeySequence.StandardKey | str, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        bind("Ctrl+Q", self.ask_quit)
        bind(QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(+1))
        bind("Ctrl+=", lambda: self.view.zoom(+1))
        bind(QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(-1))
        bind("Ctrl+0", lambda: self.view.zoom(0))

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
        self.message.setText(tr(self._lang, text_key))
        self.message.show()
        self._message_timer.start()

    def connection_changed(self, online: bool) -> None:
        """The exam server connection dropped or came back (from the network client's status)."""
        self._banner_timer.stop()
        self.banner.setText(tr(self._lang, "banner.back" if online else "banner.lost"))
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
        self._failed_url = url or self._failed_url or self._config.start_url
        self.stack.setCurrentWidget(self.offline)
        self.offline.failed()
        self.offline.button.setFocus()

    def _retry(self) -> None:
        self.page.load(QUrl(self._failed_url or self._config.start_url))

    def _loaded(self) -> None:
        if self.stack.currentWidget() is self.offline:
            self.offline.succeeded()
            self.stack.setCurrentWidget(self.view)
            self.view.setFocus()

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
        self.page.destroyed.connect(self.profile.deleteLater)  # the profile must outlive its page
        self.page.deleteLater()
