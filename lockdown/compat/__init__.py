"""Compatibility checks: can this machine sit an exam? (`lockdown check`)

Each module holds one group of checks as pure functions that take the facts they judge as
arguments and return a `Check`; `gather.py` is the one place that measures the real machine,
so every verdict can be tested with made-up facts.
"""
