"""Validation shared by both formats for URL rules and the whole model."""

from __future__ import annotations

from lockdown.config.fields import Fields
from lockdown.config.model import UrlAction, UrlRule
from lockdown.urls.policy import InvalidExpression, compile_rule


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
