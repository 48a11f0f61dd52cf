"""Talking to the exam server: HTTPS rules, timeouts and retries, an encrypted offline event queue.

No Qt here: the kiosk gets connection status through plain callbacks.
"""
