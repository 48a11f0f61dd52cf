"""What a page may no longer reach or learn: features an exam does not need, turned off in the profile.

The request interceptor judges requests; some channels make none it can see. Measured on
QtWebEngine 6.12: a WebSocket opened by a shared or a service worker reaches any host (the
interceptor sees only those of frames and dedicated workers), WebRTC sends STUN over UDP and
TURN over TCP to any host the page names, and `getHighEntropyValues()` tells the kernel version.
So the engine starts without shared workers (`lockdown.launch.engine_switches`), the interceptor
refuses the scripts of shared and service workers (`BLOCKED_RESOURCES`: a service worker cannot
be registered), every document lockdown's script reaches loses `navigator.serviceWorker` and
(unless the exam allows WebRTC) the peer-connection constructors, and the client hints say nothing
beyond the user agent. A frame's initial empty document (an iframe without `src`) gets no script:
its WebRTC is held only by the engine's no-UDP policy. What is left is listed in docs/LOCKDOWN.md.
"""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineScript, QWebEngineUrlRequestInfo

SCRIPT_NAME = "lockdown-page-limits"

_Type = QWebEngineUrlRequestInfo.ResourceType
BLOCKED_RESOURCES = frozenset({_Type.ResourceTypeServiceWorker, _Type.ResourceTypeSharedWorker})
"""Scripts of workers that live beyond the page, whose own connections the interceptor cannot see."""

_WORKERS = ("ServiceWorker", "ServiceWorkerContainer", "ServiceWorkerRegistration")
_WEBRTC = ("RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "RTCIceTransport",
           "RTCSctpTransport", "RTCDtlsTransport")


_SCRIPT = ("(function () {\n"
           "  for (const name of [NAMES]) {\n"
           "    try { delete window[name]; } catch (e) {}\n"
           "    try { Object.defineProperty(window, name, {value: undefined, configurable: false}); }"
           " catch (e) {}\n"
           "  }\n"
           "  try { delete Navigator.prototype.serviceWorker; } catch (e) {}\n"
           "})();\n")
"""The page script; NAMES becomes the quoted constructor names."""


def limits_script(allow_webrtc: bool) -> str:
    """JavaScript that removes the listed constructors and `navigator.serviceWorker` for good."""
    names = list(_WORKERS) + ([] if allow_webrtc else list(_WEBRTC))
    return _SCRIPT.replace("NAMES", ", ".join(f'"{n}"' for n in names))


def _empty_high_entropy_hints(profile: QWebEngineProfile) -> None:
    """Client hints beyond the user agent say nothing: no kernel version, architecture or model."""
    hints = profile.clientHints()
    hints.setAllClientHintsEnabled(False)  # no Sec-CH-UA-* headers
    hints.setPlatformVersion("")
    hints.setArch("")
    hints.setBitness("")
    hints.setModel("")
    hints.setFullVersion("")
    hints.setFullVersionList({})


def limit_page_features(profile: QWebEngineProfile, allow_webrtc: bool) -> None:
    """Install the limits on every page of `profile`, in every frame, before its own scripts."""
    _empty_high_entropy_hints(profile)
    for earlier in profile.scripts().find(SCRIPT_NAME):  # a profile taken over from the sign-in step
        profile.scripts().remove(earlier)
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setSourceCode(limits_script(allow_webrtc))
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    profile.scripts().insert(script)
