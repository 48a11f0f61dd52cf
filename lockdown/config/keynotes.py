"""Why each SEB setting is applied or not: one line per key for `lockdown run --explain`.

An admin who hands lockdown a `.seb` made for SEB must be able to see, key by key, what it does
here. A key lockdown acts on (`sebmap.KNOWN_KEYS`) gets what it does; a key it does not act on
gets the reason (another OS's mechanism, something lockdown always does anyway, a window lockdown
does not have...). Every key Moodle's "Configure manually" form writes has a note; a key nobody
wrote a note for is "unknown to lockdown". The notes are message keys (`lockdown.words`): the
reader gets them in their language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lockdown.i18n import Language
from lockdown.words import say

APPLIED: Mapping[str, str] = {
    "startURL": "keynote.applied.start_url",
    "quitURL": "keynote.applied.quit_url",
    "quitURLConfirm": "keynote.applied.quit_url_confirm",
    "URLFilterEnable": "keynote.applied.url_filter_enable",
    "URLFilterEnableContentFilter": "keynote.applied.url_filter_enable_content_filter",
    "URLFilterRules": "keynote.applied.url_filter_rules",
    "hashedQuitPassword": "keynote.applied.hashed_quit_password",
    "allowQuit": "keynote.applied.allow_quit",
    "prohibitedProcesses": "keynote.applied.prohibited_processes",
    "permittedProcesses": "keynote.applied.permitted_processes",
    "allowedDisplaysMaxNumber": "keynote.applied.allowed_displays_max_number",
    "allowVirtualMachine": "keynote.applied.allow_virtual_machine",
    "allowScreenSharing": "keynote.applied.allow_screen_sharing",
    "browserWindowTitleSuffix": "keynote.applied.browser_window_title_suffix",
    "allowDownUploads": "keynote.applied.allow_down_uploads",
    "allowDownloads": "keynote.applied.allow_downloads",
    "allowUploads": "keynote.applied.allow_uploads",
    "allowPrint": "keynote.applied.allow_print",
    "examKeySalt": "keynote.applied.exam_key_salt",
    "examSessionReconfigureAllow": "keynote.applied.exam_session_reconfigure_allow",
    "examSessionReconfigureConfigURL": "keynote.applied.exam_session_reconfigure_config_url",
    "showTaskBar": "keynote.applied.show_task_bar",
    "showTime": "keynote.applied.show_time",
    "showReloadButton": "keynote.applied.show_reload_button",
    "showInputLanguage": "keynote.applied.show_input_language",
    "allowWlan": "keynote.applied.allow_wlan",
    "audioControlEnabled": "keynote.applied.audio_control_enabled",
    "audioMute": "keynote.applied.audio_mute",
    "audioSetVolumeLevel": "keynote.applied.audio_set_volume_level",
    "audioVolumeLevel": "keynote.applied.audio_volume_level",
    "browserWindowAllowReload": "keynote.applied.browser_window_allow_reload",
    "showReloadWarning": "keynote.applied.show_reload_warning",
    "allowBrowsingBackForward": "keynote.applied.allow_browsing_back_forward",
    "enableZoomPage": "keynote.applied.enable_zoom_page",
    "allowSpellCheck": "keynote.applied.allow_spell_check",
    "newBrowserWindowByLinkPolicy": "keynote.applied.new_browser_window_by_link_policy",
    "newBrowserWindowByScriptPolicy": "keynote.applied.new_browser_window_by_script_policy",
    "browserWindowShowURL": "keynote.applied.browser_window_show_url",
}
"""What each SEB key lockdown reads does (a message key)."""

_KEYS = "keynote.ignored.keys"
_WINDOW = "keynote.ignored.window"
_SYSTEM = "keynote.ignored.system"
_LOGS = "keynote.ignored.logs"
_FILE = "keynote.ignored.file"
_FRESH = "keynote.ignored.fresh"
_SERVER = "keynote.ignored.server"
_FILTER_OLD = "keynote.ignored.filter_old"
_MOBILE = "keynote.ignored.mobile"
_MAC = "keynote.ignored.mac"

IGNORED: Mapping[str, str] = {
    # Keys Moodle's "Configure manually" form writes besides those lockdown applies
    "sendBrowserExamKey": "keynote.ignored.send_browser_exam_key",
    "browserWindowWebView": "keynote.ignored.browser_window_web_view",
    "examSessionClearCookiesOnStart": _FRESH,
    "allowPreferencesWindow": "keynote.ignored.allow_preferences_window",
    "enableSebBrowser": "keynote.ignored.enable_seb_browser",
    # The browser
    "examSessionClearCookiesOnEnd": _FRESH,
    "examSessionClearSessionCookies": _FRESH,
    "removeBrowserProfile": _FRESH,
    "removeLocalStorage": _FRESH,
    "enableJavaScript": "keynote.ignored.enable_java_script",
    "enableJava": "keynote.ignored.enable_java",
    "enablePlugIns": "keynote.ignored.enable_plug_ins",
    "allowFlashFullscreen": "keynote.ignored.allow_flash_fullscreen",
    "allowPDFPlugIn": "keynote.ignored.allow_pdf_plug_in",
    "downloadPDFFiles": "keynote.ignored.allow_pdf_plug_in",
    "allowPDFReaderToolbar": "keynote.ignored.allow_pdf_reader_toolbar",
    "browserMediaAutoplay": "keynote.ignored.browser_media_autoplay",
    "allowVideoCapture": "keynote.ignored.allow_video_capture",
    "allowAudioCapture": "keynote.ignored.allow_video_capture",
    "blockPopUpWindows": "keynote.ignored.block_pop_up_windows",
    "newBrowserWindowByLinkBlockForeign": "keynote.ignored.new_browser_window_by_link_block_foreign",
    "newBrowserWindowByScriptBlockForeign": "keynote.ignored.new_browser_window_by_link_block_foreign",
    "browserUserAgent": "keynote.ignored.browser_user_agent",
    "browserURLSalt": "keynote.ignored.browser_url_salt",
    "browserMessagingSocket": "keynote.ignored.browser_messaging_socket",
    "browserMessagingPingTime": "keynote.ignored.browser_messaging_socket",
    "startURLAllowDeepLink": "keynote.ignored.start_url_allow_deep_link",
    "startURLAppendQueryParameter": "keynote.ignored.start_url_append_query_parameter",
    "additionalResources": "keynote.ignored.additional_resources",
    "embeddedCertificates": "keynote.ignored.embedded_certificates",
    "pinEmbeddedCertificates": "keynote.ignored.embedded_certificates",
    "downloadAndOpenSebConfig": "keynote.ignored.download_and_open_seb_config",
    "downloadDirectoryWin": "keynote.ignored.download_directory_win",
    "downloadDirectoryOSX": "keynote.ignored.download_directory_win",
    "openDownloads": "keynote.ignored.open_downloads",
    "chooseFileToUploadPolicy": "keynote.ignored.choose_file_to_upload_policy",
    "allowCustomDownUploadLocation": "keynote.ignored.download_directory_win",
    "useTemporaryDownUploadDirectory": "keynote.ignored.download_directory_win",
    "browserShowFileSystemElementPath": "keynote.ignored.browser_show_file_system_element_path",
    "allowDeveloperConsole": "keynote.ignored.allow_developer_console",
    "allowFind": "keynote.ignored.allow_find",
    "allowDictionaryLookup": "keynote.ignored.allow_dictionary_lookup",
    "allowDictation": "keynote.ignored.allow_dictation",
    "enableDrawingEditor": "keynote.ignored.enable_drawing_editor",
    "enableZoomText": "keynote.ignored.enable_zoom_text",
    "zoomMode": "keynote.ignored.enable_zoom_text",
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
    "showNavigationButtons": "keynote.ignored.show_navigation_buttons",
    "showBackToStartButton": "keynote.ignored.show_back_to_start_button",
    "restartExamURL": "keynote.ignored.show_back_to_start_button",
    "restartExamText": "keynote.ignored.show_back_to_start_button",
    "restartExamUseStartURL": "keynote.ignored.show_back_to_start_button",
    "restartExamPasswordProtected": "keynote.ignored.show_back_to_start_button",
    "showQuitButton": "keynote.ignored.show_quit_button",
    "taskBarHeight": "keynote.ignored.task_bar_height",
    "quitURLRestart": "keynote.ignored.quit_url_restart",
    "URLFilterIgnoreList": _FILTER_OLD,
    "URLFilterMessage": "keynote.ignored.url_filter_message",
    "urlFilterRegex": _FILTER_OLD,
    "urlFilterTrustedContent": _FILTER_OLD,
    "blacklistURLFilter": _FILTER_OLD,
    "whitelistURLFilter": _FILTER_OLD,
    "proxies": "keynote.ignored.proxies",
    "proxySettingsPolicy": "keynote.ignored.proxies",
    # Keyboard and mouse
    "enableEsc": _KEYS,
    "enableCtrlEsc": _KEYS,
    "enableAltEsc": _KEYS,
    "enableAltTab": _KEYS,
    "enableAltF4": "keynote.ignored.enable_alt_f4",
    "enableStartMenu": _KEYS,
    "enableAltMouseWheel": _KEYS,
    "enablePrintScreen": "keynote.ignored.enable_print_screen",
    "enableRightMouse": "keynote.ignored.enable_right_mouse",
    "enableMiddleMouse": "keynote.ignored.enable_middle_mouse",
    "hookKeys": _KEYS,
    "ignoreExitKeys": "keynote.ignored.ignore_exit_keys",
    "exitKey1": "keynote.ignored.ignore_exit_keys",
    "exitKey2": "keynote.ignored.ignore_exit_keys",
    "exitKey3": "keynote.ignored.ignore_exit_keys",
    "ignoreQuitPassword": "keynote.ignored.ignore_quit_password",
    "enableTouchExit": "keynote.ignored.enable_touch_exit",
    "touchOptimized": "keynote.ignored.touch_optimized",
    "browserScreenKeyboard": "keynote.ignored.browser_screen_keyboard",
    "oskBehavior": "keynote.ignored.browser_screen_keyboard",
    "allowStickyKeys": "keynote.ignored.allow_sticky_keys",
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
    "displayAlwaysOn": "keynote.ignored.display_always_on",
    "systemAlwaysOn": "keynote.ignored.display_always_on",
    "monitorProcesses": "keynote.ignored.monitor_processes",
    "detectStoppedProcess": "keynote.ignored.monitor_processes",
    "enablePrivateClipboard": "keynote.ignored.enable_private_clipboard",
    "clipboardPolicy": "keynote.ignored.enable_private_clipboard",
    "allowSwitchToApplications": "keynote.ignored.allow_switch_to_applications",
    "allowUserSwitching": "keynote.ignored.allow_user_switching",
    "allowDisplayMirroring": "keynote.ignored.allow_display_mirroring",
    "allowedDisplayBuiltin": "keynote.ignored.allowed_display_builtin",
    "allowedDisplayBuiltinEnforce": "keynote.ignored.allowed_display_builtin",
    "allowedDisplaysIgnoreFailure": "keynote.ignored.allowed_displays_ignore_failure",
    "allowSiri": "keynote.ignored.allow_siri",
    "allowUserAppFolderInstall": "keynote.ignored.allow_user_app_folder_install",
    "forceAppFolderInstall": "keynote.ignored.allow_user_app_folder_install",
    "enableAppSwitcherCheck": _MAC,
    "minMacOSVersion": "keynote.ignored.min_mac_os_version",
    "sebAllowedVersions": "keynote.ignored.seb_allowed_versions",
    "batteryChargeThresholdCritical": "keynote.ignored.battery_charge_threshold_critical",
    "batteryChargeThresholdLow": "keynote.ignored.battery_charge_threshold_critical",
    "showSideMenu": "keynote.ignored.show_side_menu",
    "showProctoringViewButton": "keynote.ignored.show_proctoring_view_button",
    "raiseHandButtonShow": "keynote.ignored.raise_hand_button_show",
    "raiseHandButtonAlwaysPromptMessage": "keynote.ignored.raise_hand_button_show",
    "allowApplicationLog": _LOGS,
    "enableLogging": _LOGS,
    "logLevel": _LOGS,
    "logDirectoryWin": _LOGS,
    "logDirectoryOSX": _LOGS,
    "logSendingRequiresAdminPassword": _LOGS,
    # The file and SEB's own settings
    "originatorVersion": _FILE,
    "sebConfigPurpose": "keynote.ignored.seb_config_purpose",
    "sebMode": _FILE,
    "configFileCreateIdentity": _FILE,
    "configFileEncryptUsingIdentity": _FILE,
    "clientConfigKeepEncryption": _FILE,
    "configKeySalt": "keynote.ignored.config_key_salt",
    "hashedAdminPassword": "keynote.ignored.hashed_admin_password",
    "sebServerURL": _SERVER,
    "sebServerConfiguration": _SERVER,
    "sebServerFallback": _SERVER,
    "sebServerFallbackAttempts": _SERVER,
    "sebServerFallbackAttemptInterval": _SERVER,
    "sebServerFallbackTimeout": _SERVER,
    "sebServerFallbackPasswordHash": _SERVER,
    "pingInterval": _SERVER,
}
"""Why lockdown does not act on these SEB keys (message keys)."""

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^enableF\d+$"), _KEYS),
    (re.compile(r"^insideSebEnable"), _SYSTEM),
    (re.compile(r"^(mobile|allowiOS)|iOS|IPad"), _MOBILE),
    (re.compile(r"^showScanQRCodeButton$"), _MOBILE),
    (re.compile(r"^mobileStatusBar"), _MOBILE),
    (re.compile(r"^browserUserAgent"), "keynote.ignored.user_agent_short"),
    (re.compile(r"^screenProctoring|^enableScreenProctoring|^jitsiMeet|^zoom[A-Z]|^proctoring"),
     "keynote.ignored.show_proctoring_view_button"),
    (re.compile(r"OSX$|Mac$|^allowMac"), _MAC),
)


def key_note(lang: Language, key: str, applied: bool) -> str:
    """The line `--explain` writes for one key of a `.seb` file, in `lang`."""
    if applied:
        what = APPLIED.get(key)
        if what is None:
            return say(lang, "keynote.applied")
        return say(lang, "keynote.applied.what", what=say(lang, what))
    reason = IGNORED.get(key) or next((r for p, r in _PATTERNS if p.search(key)), None)
    if reason is not None:
        return say(lang, "keynote.ignored.why", reason=say(lang, reason))
    if key.startswith("lockdown"):
        return say(lang, "keynote.ignored.other_version")
    return say(lang, "keynote.ignored.unknown")
