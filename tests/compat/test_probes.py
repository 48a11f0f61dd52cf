"""The Qt probes run in a real child process: every way a child can go wrong becomes a reason."""

from __future__ import annotations

import os
import sys

import pytest

from lockdown.compat.probes import has_display, probe_command, probe_render, probe_screens, run_probe
from tests.support.words import english, french

PY = sys.executable


def test_a_good_child_gives_its_json() -> None:
    run = run_probe([PY, "-c", "print('noise'); print('{\"count\": 2}')"], dict(os.environ), 20)
    assert run.data == {"count": 2}


def test_an_aborting_child_gives_its_first_error_line() -> None:
    code = "import sys, os; sys.stderr.write('qt.qpa.xcb: could not connect to display :99\\n'); os.abort()"
    run = run_probe([PY, "-c", code], dict(os.environ), 20)
    assert run.data is None
    assert "could not connect to display :99" in english(run.reason)
    assert "exit code" in english(run.reason)


def test_a_hanging_child_is_stopped_at_the_timeout() -> None:
    run = run_probe([PY, "-c", "import time; time.sleep(30)"], dict(os.environ), 0.5)
    assert run.data is None and "no answer within" in english(run.reason)


def test_garbage_output_is_not_trusted() -> None:
    run = run_probe([PY, "-c", "print('[1, 2]')"], dict(os.environ), 20)
    assert run.data is None


def test_a_missing_program_is_a_reason() -> None:
    run = run_probe(["/nonexistent/lockdown"], dict(os.environ), 20)
    assert run.data is None and "could not start" in english(run.reason)


def test_the_child_caches_go_to_a_folder_deleted_afterwards() -> None:
    code = "import os, json; print(json.dumps({'cache': os.environ['XDG_CACHE_HOME']}))"
    run = run_probe([PY, "-c", code], dict(os.environ), 20)
    assert run.data is not None
    assert not os.path.exists(str(run.data["cache"]))


@pytest.mark.parametrize(("os_name", "env", "expected"), [
    ("linux", {}, False), ("linux", {"DISPLAY": ":0"}, True), ("linux", {"WAYLAND_DISPLAY": "w-0"}, True),
    ("windows", {}, True), ("macos", {}, True),
])
def test_has_display(os_name: str, env: dict[str, str], expected: bool) -> None:
    assert has_display(os_name, env) is expected  # type: ignore[arg-type]


def test_no_display_on_linux_is_an_answer_without_starting_qt() -> None:
    probe = probe_screens("linux", {"PATH": "/usr/bin"}, argv=["/nonexistent/never-run"])
    assert probe.count is None
    assert "no display" in english(probe.reason) and "DISPLAY" in english(probe.reason)


def test_an_offscreen_platform_is_not_counted_as_a_real_screen() -> None:
    argv = [PY, "-c", "print('{\"count\": 1, \"platform\": \"offscreen\"}')"]
    probe = probe_screens("linux", {**os.environ, "DISPLAY": ":0"}, argv=argv)
    assert probe.count is None and "offscreen" in english(probe.reason)


def test_render_goes_offscreen_without_display_and_unsandboxed_only_as_root(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import lockdown.compat.probes as probes

    captured: list[dict[str, str]] = []
    real = probes.run_probe

    def spy(argv: list[str], child_env: dict[str, str], timeout: float) -> probes.ProbeRun:
        captured.append(dict(child_env))
        return real(argv, child_env, timeout)

    monkeypatch.setattr(probes, "run_probe", spy)
    ok = [PY, "-c", "print('{\"ok\": true, \"qt_version\": \"6.9.1\"}')"]
    env = {"PATH": os.environ.get("PATH", "")}
    headless_root = probe_render("linux", env, True, argv=ok)
    desktop_user = probe_render("linux", {**env, "DISPLAY": ":3"}, False, argv=ok)
    assert headless_root.ok and headless_root.offscreen and headless_root.qt_version == "6.9.1"
    assert desktop_user.ok and not desktop_user.offscreen
    assert captured[0].get("QT_QPA_PLATFORM") == "offscreen"
    assert captured[0].get("QTWEBENGINE_DISABLE_SANDBOX") == "1"
    assert "QT_QPA_PLATFORM" not in captured[1]
    assert "QTWEBENGINE_DISABLE_SANDBOX" not in captured[1]


def test_a_render_failure_keeps_the_childs_reason() -> None:
    argv = [PY, "-c", "print('{\"ok\": false, \"reason\": \"not_drawn\"}')"]
    probe = probe_render("linux", {"DISPLAY": ":5"}, False, argv=argv)
    assert not probe.ok and english(probe.reason) == "the page was loaded but nothing was drawn"
    assert french(probe.reason) == "la page a été chargée mais rien n'a été dessiné"


def test_an_unknown_render_failure_code_is_shown_as_it_came() -> None:
    argv = [PY, "-c", "print('{\"ok\": false, \"reason\": \"gpu_lost\"}')"]
    probe = probe_render("linux", {"DISPLAY": ":5"}, False, argv=argv)
    assert not probe.ok and "gpu_lost" in str(english(probe.reason))


def test_probe_command_reruns_this_program() -> None:
    assert probe_command("render")[:3] == [sys.executable, "-m", "lockdown"]
    assert probe_command("render")[-3:] == ["check", "--probe", "render"]
