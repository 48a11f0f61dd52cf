"""The shared fixtures themselves work: a real display with a window manager, a real ordinary user."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.support.users import User, run_as, user_python

pytestmark = [pytest.mark.x11, pytest.mark.asuser]


def test_display_has_a_window_manager(x_display: str) -> None:
    env = dict(os.environ, DISPLAY=x_display)
    out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert "window id" in out


def test_user_is_ordinary_and_has_a_real_keyring(unprivileged_user: User) -> None:
    code = ("import os, keyring; "
            "assert os.geteuid() != 0; "
            "keyring.set_password('lockdown-selftest', 'u', 's3'); "
            "print(type(keyring.get_keyring()).__module__, keyring.get_password('lockdown-selftest', 'u')); "
            "keyring.delete_password('lockdown-selftest', 'u')")
    r = run_as(unprivileged_user, [str(user_python()), "-c", code])
    assert r.returncode == 0, r.stderr
    assert "SecretService" in r.stdout and r.stdout.strip().endswith("s3")
    assert list(unprivileged_user.home.iterdir()) == []
