"""The exam browser: an off-the-record QtWebEngine profile, page and view that enforce the URL policy.

Every layer asks `NavigationRules`: the page for top-level and frame navigations, redirects and
new-window requests; the request interceptor for every request, sub-resources and fetch included.
What is refused is reported with `refused(text_key)`; the kiosk shows the translated sentence.
A `seb(s)://` link the exam allows is reported with `reconfiguration_wanted(link)`
(`lockdown.ui.reconfiguration`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import Qt, QWheelEvent
from PySide6.QtWebEngineCore import (
    QWebEngineDesktopMediaRequest,
    QWebEngineDownloadRequest,
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
    QWebEngineScript,
    QWebEngineScriptCollection,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from lockdown import __version__
from lockdown.config.model import NewWindowPolicy
from lockdown.load_failures import is_retried, stalled_load_failed
from lockdown.sebkeys.jsapi import SebKeys, api_script
from lockdown.ui.page_limits import BLOCKED_RESOURCES, limit_page_features
from lockdown.ui.reconfiguration import ConfigurationFetch
from lockdown.urls.navigation import NavigationRules, Verdict
from lockdown.urls.seblinks import is_seb_link

DEFAULT_UA_SUFFIX = f" SEB/3 lockdown/{__version__}"
API_SCRIPT_NAME = "lockdown-seb-api"
API_SCRIPTS_KEPT = 256
ENGINE_UA_PROPERTY = "lockdown-engine-user-agent"
"""Where a profile keeps the engine's own user agent, so a second exam on it adds its suffix once."""
ZOOM_STEPS = (0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)

_Attr = QWebEngineSettings.WebAttribute
_SETTINGS: dict[QWebEngineSettings.WebAttribute, bool] = {
    _Attr.ErrorPageEnabled: False,            # lockdown shows its own offline page
    _Attr.NavigateOnDropEnabled: False,
    _Attr.PluginsEnabled: False,
    _Attr.PdfViewerEnabled: False,            # a PDF is then a download, refused unless allowed
    _Attr.LocalContentCanAccessFileUrls: False,
    _Attr.LocalContentCanAccessRemoteUrls: False,
    _Attr.JavascriptCanAccessClipboard: False,
    _Attr.JavascriptCanPaste: False,
    _Attr.ScreenCaptureEnabled: False,
    _Attr.FullScreenSupportEnabled: False,
    _Attr.HyperlinkAuditingEnabled: False,
    _Attr.DnsPrefetchEnabled: False,
    _Attr.AllowRunningInsecureContent: False,
    _Attr.AllowWindowActivationFromJavaScript: False,
    _Attr.JavascriptCanOpenWindows: True,     # so window.open reaches newWindowRequested (and is judged)
}

LOAD_STALL_S = 60.0
"""A page load with no progress for this long is looked at: Chromium itself waits forever for a
server that accepted the connection and never answers. A minute is past the usual proxy timeouts
(nginx, Apache: 60 s), after which the server's side gives up too."""


def requested_url(url: QUrl) -> str:
    """The URL as the request carries it, percent-encoded: what SEB's keys are hashed with.

    QUrl normalises a few spellings Chromium sends as the page wrote them (`%41` becomes `A`, hex
    digits upper case, a raw `{` in a query becomes `%7B`); URLs an LMS writes have none of them
    (docs/CONFIG.md).
    """
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def add_api_script(scripts: QWebEngineScriptCollection, keys: SebKeys, url: str) -> None:
    """Give documents at `url`, in any frame, `window.SafeExamBrowser` with their own values.

    Scripts go to the profile's collection and are only ever added: Qt passes profile scripts added
    while a frame loads on to that frame, not page scripts, and not a script replaced meanwhile.
    """
    name = f"{API_SCRIPT_NAME} {url.split('#', 1)[0]}"
    if scripts.find(name):
        return
    ours = [s for s in scripts.toList() if s.name().startswith(API_SCRIPT_NAME + " ")]
    for old in ours[:max(0, len(ours) - API_SCRIPTS_KEPT + 1)]:
        scripts.remove(old)
    script = QWebEngineScript()
    script.setName(name)
    script.setSourceCode(api_script(keys, url))
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    scripts.insert(script)


def _forget_api_scripts(scripts: QWebEngineScriptCollection) -> None:
    """A profile taken over from an earlier exam carries that exam's keys: none of them stays."""
    for script in scripts.toList():
        if script.name().startswith(API_SCRIPT_NAME + " "):
            scripts.remove(script)


def user_agent(default: str, suffix: str | None) -> str:
    """Qt's user agent with ` SEB/3 lockdown/<version>` (or the configured suffix) at the end."""
    return default + (DEFAULT_UA_SUFFIX if suffix is None else suffix)


class RequestInterceptor(QWebEngineUrlRequestInterceptor):
    """Judges every request the engine makes and adds SEB's headers on the exam host's ones."""

    def __init__(self, rules: NavigationRules, keys: SebKeys, profile: QWebEngineProfile) -> None:
        super().__init__(profile)
        self._rules = rules
        self._keys = keys
        self._scripts = profile.scripts()

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl().toString()
        kind = info.resourceType()
        if kind in BLOCKED_RESOURCES:
            info.block(True)
            return
        if kind == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame:
            verdict = self._rules.navigation(url)
        elif kind == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeSubFrame:
            verdict = self._rules.frame(url)
        else:
            verdict = self._rules.subresource(url)
        if verdict is Verdict.REFUSE:
            info.block(True)
            return
        requested = requested_url(info.requestUrl())
        if kind in (QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame,
                    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeSubFrame):
            add_api_script(self._scripts, self._keys, requested)  # redirects come here again
        if self._rules.is_exam_host(url):
            for name, value in self._keys.headers(requested).items():
                info.setHttpHeader(name.encode("ascii"), str(value).encode("ascii"))


def make_profile(rules: NavigationRules, keys: SebKeys, ua_suffix: str | None, lang: str,
                 parent: QObject | None = None, profile: QWebEngineProfile | None = None,
                 allow_webrtc: bool = False, *, spelling: tuple[str, ...] = (),
                 ) -> tuple[QWebEngineProfile, RequestInterceptor]:
    """An off-the-record profile: cookies, cache and storage live in memory and die with it.

    `profile`: the run's browser session (the sign-in step's, or an earlier exam's after a
    reconfiguration link), taken over with its cookies (the LMS session) and set up here like a
    new one. The caller keeps the interceptor: the profile does not own it, and once Python drops
    it the profile silently stops asking. `spelling`: the dictionaries to check with (none: no checking).
    """
    profile = profile or QWebEngineProfile(parent)  # no storage name: off the record
    assert profile.isOffTheRecord()
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    profile.setPersistentPermissionsPolicy(QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
    profile.setSpellCheckEnabled(bool(spelling))
    if spelling:
        profile.setSpellCheckLanguages(list(spelling))
    engine_ua = profile.property(ENGINE_UA_PROPERTY)
    if not isinstance(engine_ua, str):
        engine_ua = profile.httpUserAgent()
        profile.setProperty(ENGINE_UA_PROPERTY, engine_ua)
    profile.setHttpUserAgent(user_agent(engine_ua, ua_suffix))
    profile.setHttpAcceptLanguage(lang)
    limit_page_features(profile, allow_webrtc)  # no kernel version, workers beyond the page, WebRTC
    interceptor = RequestInterceptor(rules, keys, profile)
    profile.setUrlRequestInterceptor(interceptor)
    settings = profile.settings()
    for attribute, on in _SETTINGS.items():
        settings.setAttribute(attribute, on)
    # Every link of an unknown scheme asks the page first, even one a script follows without a
    # click (Moodle's seb:// redirect): the page refuses them all, so none reaches the system.
    settings.setUnknownUrlSchemePolicy(QWebEngineSettings.UnknownUrlSchemePolicy.AllowAllUnknownUrlSchemes)
    _forget_api_scripts(profile.scripts())
    return profile, interceptor


def start_engine(parent: QObject | None = None) -> QWebEngineProfile:
    """Start QtWebEngine (Chromium's browser side and its helper processes) and load nothing.

    The first profile of a process pays for that start, ~50-100 ms; made while the notice is read,
    the kiosk's own profile then takes a millisecond. This one is off the record, holds nothing
    and no page ever uses it; delete it once the kiosk's profile exists.
    """
    profile = QWebEngineProfile(parent)
    assert profile.isOffTheRecord()
    return profile


class ExamPage(QWebEnginePage):
    """A page that asks the rules before going anywhere and never opens a second window."""

    refused = Signal(str)
    """A message key of lockdown.words: what was refused, for a short message."""
    quit_reached = Signal()
    connection_failed = Signal(str)
    """The URL that could not load (network, server error, stalled load): the kiosk retries it."""
    load_succeeded = Signal()
    print_wanted = Signal()
    reconfiguration_wanted = Signal(str)
    """A `seb(s)://` link the exam allows (another exam's configuration): the kiosk asks the student."""

    def __init__(self, profile: QWebEngineProfile, rules: NavigationRules, keys: SebKeys,
                 allow_uploads: bool, allow_printing: bool, allow_downloads: bool,
                 parent: QObject | None = None, *, stall_timeout: float = LOAD_STALL_S,
                 new_windows: tuple[NewWindowPolicy, NewWindowPolicy] = ("same_window", "same_window"),
                 ) -> None:
        super().__init__(profile, parent)
        self._rules = rules
        self._new_windows = new_windows
        """What a new window asked for by the student (a link) and by a script gets."""
        self._keys = keys
        self._allow_uploads = allow_uploads
        self._allow_printing = allow_printing
        self._allow_downloads = allow_downloads
        self._fetch: ConfigurationFetch | None = None
        self.newWindowRequested.connect(self._new_window)
        self.printRequested.connect(self._print)
        self.permissionRequested.connect(self._deny_permission)
        self.fileSystemAccessRequested.connect(self._file_system_access)
        self.desktopMediaRequested.connect(self._desktop_media)
        self.registerProtocolHandlerRequested.connect(self._protocol_handler)
        self.fullScreenRequested.connect(self._full_screen)
        self.loadingChanged.connect(self._loading_changed)
        self.loadProgress.connect(self._progressed)
        self.urlChanged.connect(self._url_changed)
        profile.downloadRequested.connect(self._download)
        self._last_good = QUrl(rules.start_url)
        self._started = 0  # loads started so far
        self._loading = 0  # the number of the load in flight, 0 when none is
        self._loading_url = QUrl()
        self._stall = QTimer(self)
        self._stall.setSingleShot(True)
        self._stall.setInterval(round(stall_timeout * 1000))
        self._stall.timeout.connect(self._stalled)

    # Navigation -----------------------------------------------------------------------------

    def acceptNavigationRequest(self, url: QUrl | str, type: QWebEnginePage.NavigationType,
                                isMainFrame: bool) -> bool:
        target = url.toString() if isinstance(url, QUrl) else url
        current = self.url().toString()
        if not isMainFrame:
            return self._rules.frame(target, current) is Verdict.ALLOW
        verdict = self._rules.navigation(target, current)
        if verdict is Verdict.QUIT:
            self.quit_reached.emit()
            return False
        if verdict is Verdict.RECONFIGURE:
            self.reconfiguration_wanted.emit(_encoded(url))
            return False
        if verdict is Verdict.REFUSE:
            self.refused.emit("refused.reconfigure" if is_seb_link(target) else "refused.navigation")
            return False
        return True  # the interceptor readies the SEB API for the document it requests

    def set_api_for(self, url: str) -> None:
        """Make `window.SafeExamBrowser` ready for a document at `url` (in any frame)."""
        add_api_script(self.profile().scripts(), self._keys, url)

    def _url_changed(self, url: QUrl) -> None:
        """Last line: some URLs never ask acceptNavigationRequest (view-source: asks with the page's
        own URL, about:blank not at all). If one is shown anyway, go back to the last good page."""
        shown = url.toString()
        if shown and self._rules.navigation(shown) is Verdict.REFUSE:
            self.refused.emit("refused.navigation")
            self.load(self._last_good)

    def _new_window(self, request: QWebEngineNewWindowRequest) -> None:
        """target=_blank, window.open, middle or Ctrl+click: the same view if allowed, else nothing.

        SEB's link and script policies: Chromium says only whether the student's gesture asked
        for the window (a link, or a script run by a click), which stands for "by a link".
        """
        link, script = self._new_windows
        if (link if request.isUserInitiated() else script) == "refuse":
            self.refused.emit("refused.window")
            return
        target = request.requestedUrl().toString()
        verdict = self._rules.navigation(target, self.url().toString())
        if verdict is Verdict.QUIT:
            self.quit_reached.emit()
        elif verdict is Verdict.RECONFIGURE:
            self.reconfiguration_wanted.emit(_encoded(request.requestedUrl()))
        elif verdict is Verdict.ALLOW and not target.startswith("javascript:"):
            self.load(request.requestedUrl())
        else:
            self.refused.emit("refused.reconfigure" if is_seb_link(target) else "refused.window")

    def _loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            self._started += 1
            self._loading = self._started
            self._loading_url = info.url()
            self._stall.start()
            return
        self._loading = 0
        self._stall.stop()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            if self._rules.navigation(info.url().toString()) is Verdict.ALLOW:
                self._last_good = info.url()
            self.load_succeeded.emit()
        elif is_retried(info.errorDomain().name, info.errorCode()):  # failed or stopped: aborts are let be
            self.connection_failed.emit(info.url().toString())

    def _progressed(self, _percent: int) -> None:
        if self._loading:
            self._stall.start()  # the watchdog counts time without progress, not the whole load

    def _stalled(self) -> None:
        """No progress for a while: ask the page (in lockdown's own script world) how far it got."""
        load = self._loading
        self.runJavaScript("document.readyState", QWebEngineScript.ScriptWorldId.ApplicationWorld,
                           lambda state: self._judge_stall(load, state))

    def _judge_stall(self, load: int, ready_state: object) -> None:
        if load != self._loading or load == 0:
            return  # that load has ended, or another one started, meanwhile
        if stalled_load_failed(ready_state if isinstance(ready_state, str) else None):
            url = self._loading_url
            self.triggerAction(QWebEnginePage.WebAction.Stop)  # reported as aborted: not retried twice
            self._loading = 0
            self.connection_failed.emit(url.toString())

    # Everything that would leave the page or touch the machine -------------------------------

    def chooseFiles(self, mode: QWebEnginePage.FileSelectionMode, oldFiles: Sequence[str],
                    acceptedMimeTypes: Sequence[str]) -> list[str]:
        if not self._allow_uploads:
            self.refused.emit("refused.upload")
            return []
        return super().chooseFiles(mode, oldFiles, acceptedMimeTypes)

    def _print(self) -> None:
        if self._allow_printing:
            self.print_wanted.emit()
        else:
            self.refused.emit("refused.print")

    def fetch_configuration(self, link: str) -> ConfigurationFetch:
        """Download the configuration an allowed `seb(s)://` link stands for, with this page's
        session (its cookies); connect to the fetch's signals, then `start()` it."""
        self._fetch = ConfigurationFetch(self, self._rules, link)
        return self._fetch

    def _download(self, download: QWebEngineDownloadRequest) -> None:
        if download.page() is not self:
            return
        if self._fetch is not None and self._fetch.waiting:
            self._fetch.take(download)  # the configuration asked for: whatever downloads are allowed
            return
        if not self._allow_downloads:
            download.cancel()
            self.refused.emit("refused.download")
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        download.setDownloadDirectory(folder)
        download.accept()

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,
                                 lineNumber: int, sourceID: str) -> None:
        """Page console output is neither shown nor logged (it may contain the student's answers)."""

    @staticmethod
    def _deny_permission(permission: QWebEnginePermission) -> None:
        permission.deny()  # camera, microphone, screen capture, notifications, location...

    @staticmethod
    def _file_system_access(request: QWebEngineFileSystemAccessRequest) -> None:
        request.reject()

    @staticmethod
    def _desktop_media(request: QWebEngineDesktopMediaRequest) -> None:
        request.cancel()

    @staticmethod
    def _protocol_handler(request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        request.reject()

    @staticmethod
    def _full_screen(request: QWebEngineFullScreenRequest) -> None:
        request.reject()


def _encoded(url: QUrl | str) -> str:
    """A link as the page wrote it, percent-encoded (what is fetched for it)."""
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded) if isinstance(url, QUrl) else url


class _NoDropsNoMenu(QObject):
    """Eats file drops and context-menu events on the view's render widget."""

    _EATEN = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop, QEvent.Type.ContextMenu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._EATEN:
            event.ignore()
            return True
        return False


class _NoZoomGestures(QObject):
    """Eats Ctrl+wheel and pinch gestures, with which Chromium zooms by itself, when zooming is off."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.ignore()
            return True
        return kind in (QEvent.Type.NativeGesture, QEvent.Type.Gesture)


class ExamView(QWebEngineView):
    """The view: no context menu (the kiosk may offer spelling suggestions in its place), no dropped
    files, zoom in steps (or none, `forbid_zoom()`)."""

    def __init__(self, page: ExamPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPage(page)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self._filter = _NoDropsNoMenu(self)
        self._no_zoom: _NoZoomGestures | None = None
        self.installEventFilter(self._filter)
        self._guard_children()

    def forbid_zoom(self) -> None:
        """The exam does not allow zooming: the mouse and touchpad cannot zoom either."""
        self._no_zoom = _NoZoomGestures(self)
        self.installEventFilter(self._no_zoom)
        self._guard_children()

    def _guard_children(self) -> None:
        for child in self.findChildren(QWidget):
            if not child.accessibleName():  # the render widget takes the focus: a reader names it
                child.setAccessibleName(self.accessibleName())
            child.setAcceptDrops(False)
            child.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            child.installEventFilter(self._filter)
            if self._no_zoom is not None:
                child.installEventFilter(self._no_zoom)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            self._guard_children()  # the render widget is created late, when the page first shows
        return super().event(event)

    def zoom(self, step: int) -> None:
        """+1 / -1 moves to the next zoom step; 0 goes back to 100 %."""
        if step == 0:
            self.setZoomFactor(1.0)
            return
        current = self.zoomFactor()
        if step > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 0.001]
            self.setZoomFactor(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 0.001]
            self.setZoomFactor(smaller[-1] if smaller else ZOOM_STEPS[0])
