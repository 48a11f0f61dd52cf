"""The `window.SafeExamBrowser` JavaScript API that LMSs check instead of SEB's headers.

SEB 3 for macOS and iOS sends no headers; Moodle and others read `SafeExamBrowser.security`
from the page instead. The values are hashes of the page's URL (fragment removed) with the keys,
computed here in Python for each document: page scripts never see the keys themselves, nor
anything else of the application (no QWebChannel). The object is frozen and non-configurable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lockdown import __version__
from lockdown.privacy import build_payload
from lockdown.sebkeys.bek import request_hash
from lockdown.sebkeys.configkey import config_key_hash

API_VERSION = f"lockdown_{__version__}"


@dataclass(frozen=True)
class SebKeys:
    """The two keys of one exam run: the configuration's and this build's."""

    config_key: str
    browser_exam_key: str

    def for_url(self, url: str) -> tuple[str, str]:
        """(configKey, browserExamKey) as the page at `url` must see them."""
        return config_key_hash(url, self.config_key), request_hash(url, self.browser_exam_key)

    def headers(self, url: str) -> dict[str, object]:
        """SEB's request headers for a request to the exam host, checked against the privacy manifest."""
        config_hash, bek_hash = self.for_url(url)
        return build_payload("request_headers", {"X-SafeExamBrowser-ConfigKeyHash": config_hash,
                                                 "X-SafeExamBrowser-RequestHash": bek_hash})


def api_script(keys: SebKeys, url: str) -> str:
    """JavaScript defining a read-only `window.SafeExamBrowser` for the document at `url`."""
    config_hash, bek_hash = keys.for_url(url)
    values = json.dumps({"version": API_VERSION, "configKey": config_hash,
                         "browserExamKey": bek_hash, "appVersion": API_VERSION})
    return _SCRIPT.replace("__VALUES__", values)


_SCRIPT = """(function () {
  "use strict";
  var v = __VALUES__;
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
