"""Environment findings: they explain, the configuration decides, a proctor may override."""

from __future__ import annotations

import dataclasses

import pytest

from lockdown.config.model import ExamConfig
from lockdown.guard.environment import Environment, detect_environment, environment_decision
from lockdown.platform.linux import LinuxBackend

CLEAN = Environment("x11", None, None, None)
PASSWORD = "a" * 64


def config(**kw: object) -> ExamConfig:
    return ExamConfig(source="exam.json", format="native", start_url="https://exam.example/", **kw)  # type: ignore[arg-type]


def test_a_clean_x11_session_has_nothing_to_say() -> None:
    assert environment_decision(CLEAN, config()) == []


def test_detect_environment_asks_the_backend() -> None:
    asked: list[str | None] = []

    def probe(display: str | None, names: object) -> str:
        asked.append(display)
        return "a nested X server (Xephyr)"

    env = detect_environment(LinuxBackend(env={"DISPLAY": ":3", "SSH_TTY": "/dev/pts/1"}, euid=1000,
                                          run=lambda argv: "kvm", process_names=set, display_probe=probe))
    assert env == Environment("x11", "kvm (systemd-detect-virt)", "SSH connection", env.elevated,
                              virtual_display="a nested X server (Xephyr)")
    assert asked == [":3"]


def test_a_virtual_machine_blocks_unless_the_exam_allows_it() -> None:
    env = dataclasses.replace(CLEAN, virtual_machine="QEMU")
    [refused] = environment_decision(env, config())
    assert (refused.check, refused.severity, refused.blocks, refused.overridable) == \
        ("virtual_machine", "error", True, False)
    assert "QEMU" in refused.text("en") and "virtual machine" in refused.text("en")
    assert "machine virtuelle" in refused.text("fr")
    [allowed] = environment_decision(env, config(allow_virtual_machine=True))
    assert (allowed.severity, allowed.blocks) == ("info", False)


def test_a_proctor_can_override_a_block_only_when_there_is_a_quit_password() -> None:
    env = dataclasses.replace(CLEAN, remote_session="SSH connection")
    [finding] = environment_decision(env, config(hashed_quit_password=PASSWORD))
    assert finding.blocks and finding.overridable
    assert "proctor" in finding.text("en") and "surveillant" in finding.text("fr")
    [finding] = environment_decision(env, config())
    assert finding.blocks and not finding.overridable
    assert "proctor" not in finding.text("en")


def test_remote_session_allowed_by_the_configuration_is_information_only() -> None:
    env = dataclasses.replace(CLEAN, remote_session="xrdp remote desktop")
    [finding] = environment_decision(env, config(allow_remote_session=True))
    assert (finding.check, finding.severity, finding.blocks) == ("remote_session", "info", False)


@pytest.mark.parametrize(("policy", "severity", "blocks"),
                         [("refuse", "error", True), ("limited", "warning", False)])
def test_wayland_follows_the_configuration(policy: str, severity: str, blocks: bool) -> None:
    env = dataclasses.replace(CLEAN, display_server="wayland")
    [finding] = environment_decision(env, config(wayland=policy))
    assert (finding.check, finding.severity, finding.blocks) == ("wayland", severity, blocks)
    assert "X11" in finding.text("en") if blocks else "limited" in finding.text("en")


def test_elevated_and_no_screen_can_never_be_overridden_and_come_first() -> None:
    env = Environment("none", "KVM", None, "running as root (user id 0)")
    findings = environment_decision(env, config(hashed_quit_password=PASSWORD, allow_virtual_machine=True))
    assert [f.check for f in findings] == ["elevated", "no_display", "virtual_machine"]
    assert [(f.blocks, f.overridable) for f in findings] == [(True, False), (True, False), (False, False)]


def test_every_finding_has_a_sentence_in_both_languages() -> None:
    env = Environment("wayland", "QEMU", "SSH connection", "running as root (user id 0)")
    for cfg in (config(), config(allow_virtual_machine=True, allow_remote_session=True, wayland="limited")):
        for f in environment_decision(env, cfg):
            assert f.detail in f.text("en") and f.detail in f.text("fr")
