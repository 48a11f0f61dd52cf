"""Another exam from inside the exam: SEB's reconfiguration by a `seb(s)://` link, in Qt.

Moodle sends a browser whose Config Key it does not accept to its quiz's `seb(s)://` config.php
link (`document.location.replace`), and its "Launch Safe Exam Browser" button is one too. When the
running configuration allows it (`examSessionReconfigureAllow` and the link matches
`examSessionReconfigureConfigURL`), the kiosk asks the student (`ReconfigureDialog`); if they
agree, `ConfigurationFetch` downloads the https (http) URL the link stands for through the exam
page's own profile, so the LMS's session cookies go with the request, and hands the bytes back.
The kiosk then ends with "reconfigure" and `lockdown.app` starts the new exam, notice first.

What arrives is read once and deleted at once, from a folder inside the session folder (like the
sign-in step's download). A web page instead of a configuration (a login page: the session has
expired) is refused, and the student stays in the exam; so does a configuration that has not
arrived after `FETCH_TIMEOUT_S` (a server that stopped answering, mid-file or before it).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEnginePage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lockdown.config.loader import MAX_CONFIG_BYTES
from lockdown.i18n import Language
from lockdown.urls.navigation import NavigationRules
from lockdown.urls.seblinks import is_configuration, web_url
from lockdown.words import say

log = logging.getLogger(__name__)

FETCH_TIMEOUT_S = 60.0
"""A configuration is a few kilobytes: one not received in a minute is not coming."""


def _plain(text: str) -> str:
    return text.replace("&", "")


class ReconfigureDialog(QDialog):
    """Accepted when the student opens the other exam; Stay (the default, and Escape) keeps this one."""

    def __init__(self, lang: Language, link: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockdown-reconfigure-dialog")
        self.setWindowTitle(say(lang, "reconfigure.title"))
        self.setAccessibleName(say(lang, "reconfigure.title"))
        self.setModal(True)
        question = QLabel(say(lang, "reconfigure.question", host=urlsplit(web_url(link)).hostname or link))
        question.setTextFormat(Qt.TextFormat.PlainText)  # the host comes from the page
        question.setWordWrap(True)
        question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        question.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.open_button = buttons.addButton(say(lang, "reconfigure.open"), role.AcceptRole)
        self.stay_button = buttons.addButton(say(lang, "reconfigure.stay"), role.RejectRole)
        self.open_button.setAccessibleName(_plain(say(lang, "reconfigure.open")))
        self.stay_button.setAccessibleName(_plain(say(lang, "reconfigure.stay")))
        self.stay_button.setDefault(True)  # Enter keeps the exam: leaving it takes a deliberate choice
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(buttons)
        self.stay_button.setFocus()

    def ask(self) -> bool:
        """Show it modally over the kiosk; True when the student opens the other exam."""
        return self.exec() == QDialog.DialogCode.Accepted


class ConfigurationFetch(QObject):
    """One download of the configuration an allowed `seb(s)://` link stands for, through `page`.

    `received(data, url)` once it arrived; `failed(text_key)` otherwise (a web page, an error).
    The exam page hands this fetch its next download (`take()`); the rules let exactly its URL
    through while it runs, even where the URL policy would not.
    """

    received = Signal(bytes, str)
    failed = Signal(str)
    """A message key of lockdown.words: why the student stays in this exam."""

    def __init__(self, page: QWebEnginePage, rules: NavigationRules, link: str) -> None:
        super().__init__(page)
        self._page = page
        self._rules = rules
        self._url = QUrl(web_url(link), QUrl.ParsingMode.StrictMode)
        self._folder: Path | None = None
        self._download: QWebEngineDownloadRequest | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(1000 * FETCH_TIMEOUT_S))
        self._timer.timeout.connect(self._too_late)
        self.waiting = False
        """True from `start()` until the page hands over the download it started."""

    def start(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="reconfigure-"))  # inside the session folder (TMPDIR)
        self._rules.fetching_configuration = self._url.toString()
        self.waiting = True
        self._timer.start()
        self._page.download(self._url)

    def _too_late(self) -> None:
        """Nothing, or not all of it, arrived in time: the download is stopped and the student told."""
        log.info("reconfiguration: no configuration after %.0f s", self._timer.interval() / 1000)
        download, self._download = self._download, None
        self.waiting = False
        self._end()
        if download is not None:
            download.isFinishedChanged.disconnect()
            download.cancel()
        self.failed.emit("reconfigure.timeout")

    def take(self, download: QWebEngineDownloadRequest) -> None:
        """The download the page started: accepted only if it is a configuration."""
        self.waiting = False
        if not is_configuration(download.mimeType(), download.suggestedFileName()):
            download.cancel()
            log.info("reconfiguration: the site sent %s, not a configuration",
                     download.mimeType() or "nothing")
            self._end()
            self.failed.emit("reconfigure.not_configuration")
            return
        assert self._folder is not None, "start() first"
        download.setDownloadDirectory(str(self._folder))
        download.setDownloadFileName("configuration.seb")
        download.isFinishedChanged.connect(lambda: self._finished(download))
        download.receivedBytesChanged.connect(lambda: self._limit(download))
        self._download = download
        download.accept()

    @staticmethod
    def _limit(download: QWebEngineDownloadRequest) -> None:
        """Nothing larger than a configuration is written to the session folder."""
        if download.receivedBytes() > MAX_CONFIG_BYTES:
            download.cancel()

    def _finished(self, download: QWebEngineDownloadRequest) -> None:
        self._download = None
        data: bytes | None = None
        url = download.url().toString(QUrl.ComponentFormattingOption.FullyEncoded)
        try:
            if download.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
                path = Path(download.downloadDirectory()) / download.downloadFileName()
                with path.open("rb") as fh:
                    data = fh.read(MAX_CONFIG_BYTES + 1)
        finally:
            self._end()
        if data is None:
            self.failed.emit("reconfigure.failed")
        else:
            self.received.emit(data, url)

    def _end(self) -> None:
        """The file is deleted as soon as it is read (or refused); the policy's exception ends."""
        self._timer.stop()
        self._rules.fetching_configuration = None
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
