"""The `window.SafeExamBrowser` JavaScript API that LMSs check instead of SEB's headers.

SEB 3 for macOS and iOS sends no headers; Moodle and others read `SafeExamBrowser.security`
from the page instead. As in SEB, every frame has the API, with the hashes of that frame's own URL
(fragment removed) and the keys, computed here in Python for each document: page scripts never see
the keys themselves, nor anything else of the application (no QWebChannel). The object is frozen
and non-configurable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lockdown import APP_NAME, __version__
from lockdown.platform import OsName, current_os
from lockdown.privacy import build_payload
from lockdown.sebkeys.bek import request_hash
from lockdown.sebkeys.configkey import config_key_hash
from lockdown.urls.transport import without_fragment

_OS_NAMES: dict[OsName, str] = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}


def app_version(build: str, os_name: OsName | None = None) -> str:
    """`SafeExamBrowser.version`, in SEB's form `appDisplayName_OS_versionString_buildNumber_bundleID`.

    SEB writes for instance `SEB_Windows_3.10.2_920_org.safeexambrowser.SafeExamBrowser`; lockdown
    writes `lockdown_Linux_0.1.0_<build>_lockdown`: its name, the system (`Linux`, `Windows` or
    `macOS`, spelt as SEB spells its own), the release, the build (the first 12 hex digits of the
    signed manifest's digest, `dev` for a build without one) and the application's identifier (the
    name its desktop entry and install folders carry). No part contains `_`, so LMSs that split the
    value on `_` find five parts.
    """
    system = _OS_NAMES[os_name or current_os()]
    return "_".join((APP_NAME, system, __version__, build.replace("_", "-") or "dev", APP_NAME))


def moodle_request_url(url: str) -> str:
    """The URL Moodle hashes a request's headers with: its `$FULLME`, the request target exactly as
    sent (percent-encoding untouched), fragment removed, `"` and `'` written `%22` and `%27`.

    Chromium sends `'` unencoded in paths; Moodle replaces it before hashing, SEB does not. lockdown
    follows Moodle (docs/CONFIG.md). The JavaScript API is checked against `location.href` as the page
    has it, so it keeps the URL without this replacement.
    """
    return without_fragment(url).replace('"', "%22").replace("'", "%27")


@dataclass(frozen=True)
class SebKeys:
    """The two keys of one exam run, the configuration's and this build's, and the build's name."""

    config_key: str
    browser_exam_key: str
    build: str = "dev"

    def for_url(self, url: str) -> tuple[str, str]:
        """(configKey, browserExamKey) as the document at `url` must see them."""
        return config_key_hash(url, self.config_key), request_hash(url, self.browser_exam_key)

    def headers(self, url: str) -> dict[str, object]:
        """SEB's request headers for a request to the exam host, checked against the privacy manifest."""
        config_hash, bek_hash = self.for_url(moodle_request_url(url))
        return build_payload("request_headers", {"X-SafeExamBrowser-ConfigKeyHash": config_hash,
                                                 "X-SafeExamBrowser-RequestHash": bek_hash})


def api_script(keys: SebKeys, url: str) -> str:
    """JavaScript defining a read-only `window.SafeExamBrowser` in any frame whose document is at `url`.

    The script does nothing in a frame at another URL, so one script per document URL can be given to
    every frame: each frame gets the values of its own URL, and no frame learns another's.
    """
    config_hash, bek_hash = keys.for_url(url)
    version = app_version(keys.build)
    values = json.dumps({"url": without_fragment(url), "version": version, "configKey": config_hash,
                         "browserExamKey": bek_hash, "appVersion": version})
    return _SCRIPT.replace("__VALUES__", values)


_SCRIPT = """(function () {
  "use strict";
  var v = __VALUES__;
  if (String(location.href).split("#")[0] !== v.url) { return; }
  if (Object.prototype.hasOwnProperty.call(window, "SafeExamBrowser")) { return; }
  function ro(value) { return {value: value, enumerable: true, writable: false, configurable: false}; }
  var security = Object.create(null);
  Object.defineProperties(security, {
    configKey: ro(v.configKey),
    browserExamKey: ro(v.browserExamKey),
    appVersion: ro(v.appVersion),
    updateKeys: ro(function (callback) {
      if (typeof callback === "function") { setTimeout(function () { callback(); }, 0); }
    })
  });
  Object.freeze(security);
  var api = Object.create(null);
  Object.defineProperties(api, {version: ro(v.version), security: ro(security)});
  Object.freeze(api);
  Object.defineProperty(window, "SafeExamBrowser", ro(api));
})();
"""
