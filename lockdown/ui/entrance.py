"""The road in, in Qt: the start window, the sign-in window, and the session they hand the kiosk.

`lockdown.app` asks for these before an exam's configuration is known (`lockdown.frontend.Entrance`).
A configuration fetched through the sign-in window comes with the LMS's session, in the sign-in
window's off-the-record profile: the kiosk takes that profile over (`frontend()`), so the student
is still signed in on the exam page. Without a sign-in, the first kiosk's profile is made here
too: either way the session belongs to the run, so the next exam opened by a reconfiguration link
keeps it. Nothing of it is written anywhere; `close()` frees it, after the last kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestInterceptor

from lockdown.config.model import ExamConfig
from lockdown.i18n import Language
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.qtapp import application


class QtEntrance:
    """Start window and sign-in window in the student's language; Qt starts when one is shown."""

    def __init__(self, lang: Language) -> None:
        self._lang = lang
        self._profile: QWebEngineProfile | None = None
        self._interceptor: QWebEngineUrlRequestInterceptor | None = None

    def choose_source(self) -> str | None:
        from lockdown.ui.start_window import StartWindow

        application()
        window = StartWindow(self._lang, lambda: _check_text(self._lang))
        try:
            return window.ask()
        finally:
            window.deleteLater()

    def sign_in(self, url: str) -> tuple[bytes, str] | None:
        from lockdown.ui.signin import SignInWindow, sign_in_profile

        application()
        if self._profile is None:
            self._profile, self._interceptor = sign_in_profile()
        window = SignInWindow(self._lang, url, self._profile)
        try:
            return window.ask()
        finally:
            window.page.deleteLater()
            window.deleteLater()
            _flush()

    def frontend(self, config: ExamConfig, lang: Language) -> QtFrontend:
        """The exam's front end, on the run's browser session."""
        return QtFrontend(config, lang, session=self.session)

    def session(self) -> QWebEngineProfile:
        """The run's browser session: the sign-in step's, else one made now for the first kiosk."""
        if self._profile is None:
            self._profile = QWebEngineProfile()  # no storage name: off the record; the kiosk sets it up
        return self._profile

    def close(self) -> None:
        if self._profile is not None:
            _flush()  # the pages that used it go first
            self._profile.deleteLater()
            _flush()
            self._profile = self._interceptor = None


def _flush() -> None:
    app = application()
    for _ in range(3):
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def _check_text(lang: Language) -> str:
    """The compatibility checks as `lockdown check` prints them (no colours), for the start window."""
    from lockdown.compat.gather import run_checks
    from lockdown.compat.render import render_table

    checks, _identity = run_checks(None, None, None)
    return render_table(checks, lang, False)
