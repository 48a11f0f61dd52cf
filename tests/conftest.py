"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

from tests.support.display import x_display
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]
