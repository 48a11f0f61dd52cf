"""Why each SEB setting is applied or not: one line per key for `lockdown run --explain`.

An admin who hands lockdown a `.seb` made for SEB must be able to see, key by key, what it does
here. A key lockdown acts on (`sebmap.KNOWN_KEYS`) gets what it does; a key it does not act on
gets the reason (another OS's mechanism, something lockdown always does anyway, a window lockdown
does not have...). Every key Moodle's "Configure manually" form writes has a note; a key nobody
wrote a note for is "unknown to lockdown".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

APPLIED: Mapping[str, str] = {
    "startURL": "the exam's first page",
    "quitURL": "reaching this page ends the exam",
    "quitURLConfirm": "whether the student is asked before the quit page ends the exam",
    "URLFilterEnable": "whether the URL rules decide which pages open",
    "URLFilterEnableContentFilter": "whether the URL rules also judge embedded content",
    "URLFilterRules": "the allow and block rules",
    "hashedQuitPassword": "the quit password asked by Ctrl+Q and the quit button",
    "allowQuit": "whether Ctrl+Q and the taskbar's quit button may end the exam",
    "prohibitedProcesses": "programs closed before and during the exam",
    "permittedProcesses": "programs allowed to run, started from the taskbar",
    "allowedDisplaysMaxNumber": "how many screens may be connected",
    "allowVirtualMachine": "whether a virtual machine may sit the exam",
    "allowScreenSharing": "whether a remote or shared session may sit the exam",
    "browserWindowTitleSuffix": "appended to the window title (read by screen readers)",
    "allowDownUploads": "downloads and uploads (unless allowDownloads/allowUploads say otherwise)",
    "allowDownloads": "whether files may be downloaded",
    "allowUploads": "whether files may be sent",
    "allowPrint": "whether the page may be printed",
    "examKeySalt": "the salt of the Browser Exam Key",
    "examSessionReconfigureAllow": "whether a seb(s):// link in the exam may load another exam",
    "examSessionReconfigureConfigURL": "which seb(s):// links may",
    "showTaskBar": "the taskbar along the bottom of the screen",
    "showTime": "the clock in the taskbar",
    "showReloadButton": "the taskbar's reload button",
    "showInputLanguage": "the keyboard layout switcher in the taskbar",
    "allowWlan": "the Wi-Fi list in the taskbar, where the OS lets an ordinary user reconnect",
    "audioControlEnabled": "the volume and mute controls in the taskbar",
    "audioMute": "the sound is muted at the start (and restored at the end)",
    "audioSetVolumeLevel": "whether the volume is set at the start (and restored at the end)",
    "audioVolumeLevel": "the volume set at the start",
    "browserWindowAllowReload": "whether the page may be reloaded (F5, Ctrl+R, the reload button)",
    "showReloadWarning": "whether reloading asks first",
    "allowBrowsingBackForward": "the back button and Alt+Left",
    "enableZoomPage": "zooming the page (Ctrl+plus/minus/0 and the taskbar's buttons)",
    "allowSpellCheck": "spell checking in the exam's language",
    "newBrowserWindowByLinkPolicy": "links that ask for a new window: the same window, or nothing",
    "newBrowserWindowByScriptPolicy": "scripts that ask for a new window: the same, or nothing",
    "browserWindowShowURL": "whether the taskbar shows the page's address",
}
"""What each SEB key lockdown reads does."""

_KEYS = ("lockdown blocks the desktop's switching shortcuts as a whole (keyboard grab, hook or "
         "presentation options); single keys are not configurable")
_WINDOW = "lockdown has one full-screen exam window and no toolbar, address bar or extra windows"
_SYSTEM = ("SEB for Windows changes system settings through its service; lockdown runs without "
           "administrator rights and changes no system setting")
_MOBILE = "for SEB on iPad and iPhone"
_MAC = "for SEB on macOS"
_LOGS = "lockdown's log is its own (nothing of it is sent); its level is set by the one who runs it"
_FILE = "describes the .seb file itself, not the exam"
_FRESH = "every exam starts in a new off-the-record browser profile that is deleted at its end"
_SERVER = "SEB Server is not supported; lockdown talks to its own exam server (lockdownServerURL)"
_ENGINE = "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings"
_NO_FEATURE = "lockdown does not offer this feature in the exam"
_FILTER_OLD = "an older URL filter format; lockdown reads URLFilterEnable and URLFilterRules"

IGNORED: Mapping[str, str] = {
    # Keys Moodle's "Configure manually" form writes besides those lockdown applies
    "sendBrowserExamKey": ("lockdown always sends the Config Key and Browser Exam Key headers, and only "
                           "to the exam's own site"),
    "browserWindowWebView": _ENGINE + " (this chooses SEB for macOS's web engine)",
    "examSessionClearCookiesOnStart": _FRESH,
    "allowPreferencesWindow": "lockdown has no preferences window",
    "enableSebBrowser": "lockdown's exam browser is always on (it is the exam)",
    # The browser
    "examSessionClearCookiesOnEnd": _FRESH,
    "examSessionClearSessionCookies": _FRESH,
    "removeBrowserProfile": _FRESH,
    "removeLocalStorage": _FRESH,
    "enableJavaScript": _ENGINE + "; JavaScript is always on",
    "enableJava": _ENGINE + "; Java applets do not exist there",
    "enablePlugIns": _ENGINE + "; plug-ins are always off",
    "allowFlashFullscreen": _ENGINE + "; Flash does not exist there",
    "allowPDFPlugIn": "PDF files are never shown inline; they are downloads (allowDownloads decides)",
    "downloadPDFFiles": "PDF files are never shown inline; they are downloads (allowDownloads decides)",
    "allowPDFReaderToolbar": "PDF files are never shown inline",
    "browserMediaAutoplay": _ENGINE + " (Chromium's autoplay rules)",
    "allowVideoCapture": "the exam page is never given the camera, the microphone or the screen",
    "allowAudioCapture": "the exam page is never given the camera, the microphone or the screen",
    "blockPopUpWindows": "new windows follow newBrowserWindowByLinkPolicy / ByScriptPolicy",
    "newBrowserWindowByLinkBlockForeign": "a new window's page is judged by the URL rules like any page",
    "newBrowserWindowByScriptBlockForeign": "a new window's page is judged by the URL rules like any page",
    "browserUserAgent": ("lockdown's user agent ends with \" SEB/3 lockdown/<version>\" "
                         "(lockdownUserAgentSuffix)"),
    "browserURLSalt": "the request hashes are computed as Moodle checks them",
    "browserMessagingSocket": "a connection of SEB for macOS to SEB Server",
    "browserMessagingPingTime": "a connection of SEB for macOS to SEB Server",
    "startURLAllowDeepLink": "the exam opens on startURL",
    "startURLAppendQueryParameter": "the exam opens on startURL as written",
    "additionalResources": _NO_FEATURE + " (embedded additional resources)",
    "embeddedCertificates": "lockdown trusts the system's certificates only",
    "pinEmbeddedCertificates": "lockdown trusts the system's certificates only",
    "downloadAndOpenSebConfig": "another .seb is opened only through examSessionReconfigureAllow",
    "downloadDirectoryWin": "downloads go to the system's download folder",
    "downloadDirectoryOSX": "downloads go to the system's download folder",
    "openDownloads": "downloaded files are never opened by lockdown",
    "chooseFileToUploadPolicy": "allowUploads decides; the system's file dialog is used",
    "allowCustomDownUploadLocation": "downloads go to the system's download folder",
    "useTemporaryDownUploadDirectory": "downloads go to the system's download folder",
    "browserShowFileSystemElementPath": "the system's file dialog is used",
    "allowDeveloperConsole": "the developer tools are never available",
    "allowFind": _NO_FEATURE + " (find in page)",
    "allowDictionaryLookup": "never available: the page has no context menu and lockdown no dictionary",
    "allowDictation": "dictation is the system's (not blocked as assistive technology)",
    "enableDrawingEditor": _NO_FEATURE + " (drawing editor)",
    "enableZoomText": "QtWebEngine zooms whole pages only; enableZoomPage decides",
    "zoomMode": "QtWebEngine zooms whole pages only; enableZoomPage decides",
    "enableBrowserWindowToolbar": _WINDOW,
    "hideBrowserWindowToolbar": _WINDOW,
    "browserWindowAllowAddressBar": _WINDOW,
    "newBrowserWindowAllowAddressBar": _WINDOW,
    "newBrowserWindowAllowReload": _WINDOW,
    "newBrowserWindowNavigation": _WINDOW,
    "newBrowserWindowShowReloadWarning": _WINDOW,
    "newBrowserWindowShowURL": _WINDOW,
    "newBrowserWindowByLinkHeight": _WINDOW,
    "newBrowserWindowByLinkWidth": _WINDOW,
    "newBrowserWindowByLinkPositioning": _WINDOW,
    "mainBrowserWindowHeight": _WINDOW,
    "mainBrowserWindowWidth": _WINDOW,
    "mainBrowserWindowPositioning": _WINDOW,
    "browserViewMode": _WINDOW,
    "showMenuBar": _WINDOW,
    "showNavigationButtons": "the taskbar's back button follows allowBrowsingBackForward",
    "showBackToStartButton": _NO_FEATURE + " (back to start)",
    "restartExamURL": _NO_FEATURE + " (back to start)",
    "restartExamText": _NO_FEATURE + " (back to start)",
    "restartExamUseStartURL": _NO_FEATURE + " (back to start)",
    "restartExamPasswordProtected": _NO_FEATURE + " (back to start)",
    "showQuitButton": "the taskbar's quit button follows allowQuit",
    "taskBarHeight": "the taskbar's height follows the system's font size",
    "quitURLRestart": "reaching the quit page ends the exam",
    "URLFilterIgnoreList": _FILTER_OLD,
    "URLFilterMessage": "a refused page is told by lockdown's own short message",
    "urlFilterRegex": _FILTER_OLD,
    "urlFilterTrustedContent": _FILTER_OLD,
    "blacklistURLFilter": _FILTER_OLD,
    "whitelistURLFilter": _FILTER_OLD,
    "proxies": "lockdown uses the system's proxy settings",
    "proxySettingsPolicy": "lockdown uses the system's proxy settings",
    # Keyboard and mouse
    "enableEsc": _KEYS,
    "enableCtrlEsc": _KEYS,
    "enableAltEsc": _KEYS,
    "enableAltTab": _KEYS,
    "enableAltF4": "the exam window cannot be closed by the window manager whatever this says",
    "enableStartMenu": _KEYS,
    "enableAltMouseWheel": _KEYS,
    "enablePrintScreen": "screenshots are kept out where the OS allows it (capture protection)",
    "enableRightMouse": "the exam page never shows a context menu",
    "enableMiddleMouse": "a middle-click's new window follows newBrowserWindowByLinkPolicy",
    "hookKeys": _KEYS,
    "ignoreExitKeys": "the exam ends by Ctrl+Q, the quit button, the quit page or the exam server",
    "exitKey1": "the exam ends by Ctrl+Q, the quit button, the quit page or the exam server",
    "exitKey2": "the exam ends by Ctrl+Q, the quit button, the quit page or the exam server",
    "exitKey3": "the exam ends by Ctrl+Q, the quit button, the quit page or the exam server",
    "ignoreQuitPassword": "a configured quit password is always asked",
    "enableTouchExit": _MOBILE + " or touch screens",
    "touchOptimized": "lockdown has no touch layout",
    "browserScreenKeyboard": "on-screen keyboards are the system's (never blocked as assistive technology)",
    "oskBehavior": "on-screen keyboards are the system's (never blocked as assistive technology)",
    "allowStickyKeys": "accessibility settings are the system's; lockdown does not change them",
    # The system
    "createNewDesktop": _SYSTEM,
    "killExplorerShell": _SYSTEM,
    "sebServicePolicy": _SYSTEM,
    "sebServiceIgnore": _SYSTEM,
    "enableWindowsUpdate": _SYSTEM,
    "enableChromeNotifications": _SYSTEM,
    "enableFindPrinter": _SYSTEM,
    "setVmwareConfiguration": _SYSTEM,
    "enableCursorVerification": _SYSTEM,
    "enableSessionVerification": _SYSTEM,
    "disableSessionChangeLockScreen": _SYSTEM,
    "lockScreenBackgroundColor": _SYSTEM,
    "displayAlwaysOn": "lockdown does not change the system's power settings",
    "systemAlwaysOn": "lockdown does not change the system's power settings",
    "monitorProcesses": "the process guard always runs",
    "detectStoppedProcess": "the process guard always runs",
    "enablePrivateClipboard": "the clipboard is always emptied at the start, at the end and at every switch",
    "clipboardPolicy": "the clipboard is always emptied at the start, at the end and at every switch",
    "allowSwitchToApplications": "only permitted programs (permittedProcesses) may take the front",
    "allowUserSwitching": _MAC + " (fast user switching)",
    "allowDisplayMirroring": "screens are counted (allowedDisplaysMaxNumber); mirroring is not detected",
    "allowedDisplayBuiltin": "screens are counted (allowedDisplaysMaxNumber), built-in or not",
    "allowedDisplayBuiltinEnforce": "screens are counted (allowedDisplaysMaxNumber), built-in or not",
    "allowedDisplaysIgnoreFailure": "screens are counted (allowedDisplaysMaxNumber)",
    "allowSiri": _MAC + " and iOS",
    "allowUserAppFolderInstall": _MAC + " (where SEB itself is installed)",
    "forceAppFolderInstall": _MAC + " (where SEB itself is installed)",
    "enableAppSwitcherCheck": _MAC,
    "minMacOSVersion": _MAC + "; lockdown check says which systems lockdown supports",
    "sebAllowedVersions": "which SEB versions may run; lockdown checks its own build instead",
    "batteryChargeThresholdCritical": "the taskbar warns below 15 %",
    "batteryChargeThresholdLow": "the taskbar warns below 15 %",
    "showSideMenu": "lockdown has no side menu; the taskbar shows what the exam allows",
    "showProctoringViewButton": _NO_FEATURE + " (proctoring)",
    "raiseHandButtonShow": _NO_FEATURE + " (raise hand)",
    "raiseHandButtonAlwaysPromptMessage": _NO_FEATURE + " (raise hand)",
    "allowApplicationLog": _LOGS,
    "enableLogging": _LOGS,
    "logLevel": _LOGS,
    "logDirectoryWin": _LOGS,
    "logDirectoryOSX": _LOGS,
    "logSendingRequiresAdminPassword": _LOGS,
    # The file and SEB's own settings
    "originatorVersion": _FILE,
    "sebConfigPurpose": _FILE + " (lockdown only sits exams with it)",
    "sebMode": _FILE,
    "configFileCreateIdentity": _FILE,
    "configFileEncryptUsingIdentity": _FILE,
    "clientConfigKeepEncryption": _FILE,
    "configKeySalt": "the Config Key is computed as Moodle computes it",
    "hashedAdminPassword": "lockdown has no settings of its own to protect",
    "sebServerURL": _SERVER,
    "sebServerConfiguration": _SERVER,
    "sebServerFallback": _SERVER,
    "sebServerFallbackAttempts": _SERVER,
    "sebServerFallbackAttemptInterval": _SERVER,
    "sebServerFallbackTimeout": _SERVER,
    "sebServerFallbackPasswordHash": _SERVER,
    "pingInterval": _SERVER,
}
"""Why lockdown does not act on these SEB keys."""

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^enableF\d+$"), _KEYS),
    (re.compile(r"^insideSebEnable"), _SYSTEM),
    (re.compile(r"^(mobile|allowiOS)|iOS|IPad"), _MOBILE),
    (re.compile(r"^showScanQRCodeButton$"), _MOBILE),
    (re.compile(r"^mobileStatusBar"), _MOBILE),
    (re.compile(r"^browserUserAgent"), "lockdown's user agent ends with \" SEB/3 lockdown/<version>\""),
    (re.compile(r"^screenProctoring|^enableScreenProctoring|^jitsiMeet|^zoom[A-Z]|^proctoring"),
     _NO_FEATURE + " (proctoring)"),
    (re.compile(r"OSX$|Mac$|^allowMac"), _MAC),
)

UNKNOWN = "unknown to lockdown: it has no effect"


def key_note(key: str, applied: bool) -> str:
    """The line `--explain` writes for one key of a `.seb` file."""
    if applied:
        what = APPLIED.get(key)
        return f"applied: {what}" if what else "applied"
    if key in IGNORED:
        return f"ignored: {IGNORED[key]}"
    for pattern, reason in _PATTERNS:
        if pattern.search(key):
            return f"ignored: {reason}"
    if key.startswith("lockdown"):
        return "ignored: not a setting of this lockdown version"
    return f"ignored: {UNKNOWN}"
