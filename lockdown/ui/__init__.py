"""The kiosk's screens: notice, pre-exam checks, the exam window and its locked-down browser.

The only package that imports Qt. It shows and reports; the decisions (URL policy, quit password,
what an environment finding means) come from plain modules it is handed by `lockdown.app`.
"""
