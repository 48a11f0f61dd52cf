"""The keys SEB-aware servers check, computed exactly as SEB and Moodle compute them.

    configkey.py  the Config Key of a settings dictionary (SEB-JSON, SHA-256) and its per-URL hash
    bek.py        the Browser Exam Key of this build for an exam, and its per-request hash
    jsapi.py      both keys as the page sees them: the `window.SafeExamBrowser` JavaScript API

Pure functions, no Qt: the kiosk, the commands and the tests all ask these.
"""
