"""Validation shared by both formats for URL rules and the whole model."""

from __future__ import annotations

import re

from lockdown.config.fields import Fields
from lockdown.config.model import UrlAction, UrlRule
from lockdown.urls.policy import InvalidExpression, compile_rule

_PROXY_URL = re.compile(r"(https?|socks4|socks5)://[A-Za-z0-9.-]+(:\d{1,5})?/?")


def checked_rule(fields: Fields, action: UrlAction, expression_key: str, expression: str,
                 regex: bool, active: bool) -> UrlRule:
    """A UrlRule whose expression compiles as the kiosk will compile it (inactive ones too,
    so a typo shows up before the rule is switched on)."""
    rule = UrlRule(action=action, expression=expression, regex=regex, active=active)
    try:
        compile_rule(rule)
    except InvalidExpression as exc:
        fields.fail(expression_key, exc.phrase.key, **exc.phrase.values)
    return rule


def checked_proxy(fields: Fields, key: str, value: str) -> str | None:
    """A proxy URL (`http`, `https`, `socks4` or `socks5`, host, optional port), or None when empty."""
    if value and _PROXY_URL.fullmatch(value) is None:
        fields.fail(key, "config.field.proxy")
    return value or None
