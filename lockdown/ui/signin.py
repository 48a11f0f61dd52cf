"""The sign-in step: the LMS's login page in a plain browser window, until it serves the configuration.

A configuration behind a login (Moodle's `config.php` answers a stranger with its login page)
is fetched the way SEB does it: the student signs in, in a window that says it is the sign-in
step and not the exam, and the `.seb` the site then serves is taken from the download, never
saved among the student's files. The window's profile is off the record and is handed on to
the kiosk, so the LMS session carries over to the exam and lives in memory only.

What it may load: https pages on any host (single sign-on goes through another one), http on
loopback. Nothing else is downloaded; `seb(s)://` links (the LMS's "Launch" button) are followed
as the https (http) URL they stand for.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lockdown.config.loader import MAX_CONFIG_BYTES
from lockdown.i18n import Language
from lockdown.urls.seblinks import is_configuration, is_seb_link, sign_in_allows, web_url
from lockdown.words import say

log = logging.getLogger(__name__)


class SignInInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request the sign-in rules refuse (plain http off loopback, other schemes)."""

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if not sign_in_allows(info.requestUrl().toString(QUrl.ComponentFormattingOption.FullyEncoded)):
            info.block(True)


def sign_in_profile(parent: QObject | None = None) -> tuple[QWebEngineProfile, SignInInterceptor]:
    """An off-the-record profile for the sign-in step; the kiosk later takes it over.

    The caller keeps the interceptor alive as long as the profile uses it.
    """
    profile = QWebEngineProfile(parent)  # no storage name: cookies and cache in memory only
    assert profile.isOffTheRecord()
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setSpellCheckEnabled(False)
    interceptor = SignInInterceptor(profile)
    profile.setUrlRequestInterceptor(interceptor)
    return profile, interceptor


class SignInPage(QWebEnginePage):
    """Follows `seb(s)://` links as https (http) and refuses what the sign-in rules refuse."""

    refused = Signal(str)
    """The URL that was not opened."""

    def acceptNavigationRequest(self, url: QUrl | str, type: QWebEnginePage.NavigationType,
                                isMainFrame: bool) -> bool:
        target = url.toString(QUrl.ComponentFormattingOption.FullyEncoded) if isinstance(url, QUrl) else url
        if is_seb_link(target):
            self.load(QUrl(web_url(target), QUrl.ParsingMode.StrictMode))
            return False
        if not sign_in_allows(target):
            self.refused.emit(target)
            return False
        return True

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,
                                 lineNumber: int, sourceID: str) -> None:
        """Login pages' console output is neither shown nor logged."""


class SignInWindow(QDialog):
    """Accepted once the site served a configuration (`data`, `url`); Escape leaves with nothing."""

    def __init__(self, lang: Language, url: str, profile: QWebEngineProfile,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._profile = profile
        self.data: bytes | None = None
        self.url = ""
        self._folder = Path(tempfile.mkdtemp(prefix="sign-in-"))  # inside the session folder (TMPDIR)
        self.setObjectName("lockdown-sign-in")
        self.setWindowTitle(f"lockdown - {say(lang, 'signin.title')}")
        self.setAccessibleName(say(lang, "signin.title"))

        heading = QLabel(say(lang, "signin.title"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(say(lang, "signin.intro"))
        intro.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(say(lang, "message.a11y"))
        for label in (heading, intro, self.status):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.page = SignInPage(profile, self)
        self.page.refused.connect(self._refused)
        self.view = QWebEngineView(self)
        self.view.setPage(self.page)
        self.view.setAccessibleName(say(lang, "signin.page.a11y"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        profile.downloadRequested.connect(self._download)

        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(say(lang, "signin.cancel"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(say(lang, "signin.cancel.a11y"))
        self.cancel_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1000, screen.width() - 40), min(800, screen.height() - 40))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.page.load(QUrl(web_url(url), QUrl.ParsingMode.StrictMode))

    def _refused(self, url: str) -> None:
        self.status.setText(say(self._lang, "signin.refused"))
        log.info("sign-in: refused a navigation outside https")

    def _download(self, download: QWebEngineDownloadRequest) -> None:
        if download.page() is not self.page:
            return
        if not is_configuration(download.mimeType(), download.suggestedFileName()):
            download.cancel()
            self.status.setText(say(self._lang, "signin.not_configuration"))
            return
        self.url = download.url().toString(QUrl.ComponentFormattingOption.FullyEncoded)
        download.setDownloadDirectory(str(self._folder))
        download.setDownloadFileName("configuration.seb")
        download.isFinishedChanged.connect(lambda: self._downloaded(download))
        download.accept()
        self.status.setText(say(self._lang, "signin.receiving"))

    def _downloaded(self, download: QWebEngineDownloadRequest) -> None:
        path = Path(download.downloadDirectory()) / download.downloadFileName()
        try:
            if download.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
                with path.open("rb") as fh:
                    self.data = fh.read(MAX_CONFIG_BYTES + 1)
        finally:
            self._forget()
        if self.data is None:
            self.status.setText(say(self._lang, "signin.failed"))
            return
        self.accept()

    def _forget(self) -> None:
        """The downloaded file is read once and deleted: nothing of it stays in any folder."""
        for entry in self._folder.iterdir():
            entry.unlink()

    def done(self, result: int) -> None:
        if self._folder.exists():
            self._profile.downloadRequested.disconnect(self._download)
            self._forget()
            os.rmdir(self._folder)
        super().done(result)

    def ask(self) -> tuple[bytes, str] | None:
        """Show the window until a configuration arrives (its bytes and URL) or the student leaves."""
        self.show()
        self.view.setFocus()
        if self.exec() == QDialog.DialogCode.Accepted and self.data is not None:
            return self.data, self.url
        return None
