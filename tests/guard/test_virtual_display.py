"""A display that is not the machine's screen (nested, virtual, VNC) is found and the exam decides."""

from __future__ import annotations

import pytest

from lockdown.config.model import ExamConfig
from lockdown.guard.environment import Environment, environment_decision
from lockdown.platform import VmCheck
from lockdown.platform.linux.x11_display import judge, virtual_display
from lockdown.words import phrase
from tests.support.words import english, french

REAL = ["eDP-1", "HDMI-1", "DP-1", "VGA-1"]  # connector names of real cards (Xorg's modesetting driver)


@pytest.mark.parametrize("extensions, outputs, kind", [
    (["RANDR", "XINERAMA"], REAL, None),
    (["RANDR"], ["LVDS1", "VGA1"], None),                       # the intel driver's spelling
    (["RANDR"], ["screen"], "virtual or nested"),                # Xvfb
    (["RANDR"], ["VNC-0"], "virtual or nested"),
    (["RANDR"], ["DUMMY0"], "virtual or nested"),                # Xorg's dummy driver, TigerVNC
    (["RANDR", "VNC-EXTENSION"], REAL, "VNC server"),
    (["XTEST"], None, "no screen outputs"),                      # Xnest: no RandR at all
])
def test_the_servers_own_answers_tell_what_it_is(extensions: list[str], outputs: list[str] | None,
                                                 kind: str | None) -> None:
    found = judge(extensions, outputs)
    assert (found is None) if kind is None else kind in str(english(found))


@pytest.mark.x11
def test_xvfb_is_found_by_asking_the_real_server(x_display: str) -> None:
    found = virtual_display(x_display, process_names=set)
    assert "screen" in str(english(found))  # Xvfb names its only output "screen"


def test_an_unreachable_display_is_no_finding() -> None:
    assert virtual_display(":5999", process_names=set) is None


def config(**changes: object) -> ExamConfig:
    return ExamConfig(source="t", format="native", start_url="https://exam.example.org/", **changes)  # type: ignore[arg-type]


NESTED = Environment("x11", VmCheck(None, ("x",)), None, None,
                     virtual_display=phrase("reason.display.xephyr"))


def test_a_virtual_display_blocks_unless_allowed_and_follows_the_virtual_machine_setting() -> None:
    [blocked] = environment_decision(NESTED, config())
    assert (blocked.check, blocked.blocks, blocked.severity) == ("virtual_display", True, "error")
    assert "Xephyr" in str(english(blocked.message)) and "Xephyr" in str(french(blocked.message))
    [allowed] = environment_decision(NESTED, config(allow_virtual_machine=True))
    assert not allowed.blocks and allowed.severity == "info"
    [own] = environment_decision(NESTED, config(allow_virtual_machine=True, allow_virtual_display=False))
    assert own.blocks
    [proctor] = environment_decision(NESTED, config(hashed_quit_password="0" * 64))
    assert proctor.overridable
