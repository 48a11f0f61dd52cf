"""Environment findings: they explain, the configuration decides, a proctor may override."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lockdown.config.model import ExamConfig
from lockdown.guard.environment import Environment, detect_environment, environment_decision
from lockdown.platform import VmCheck
from lockdown.platform.linux.backend import LinuxBackend, Ran
from lockdown.words import Phrase, phrase
from tests.support.words import english, french

NO_VM = VmCheck(None, ("systemd-detect-virt",))
CLEAN = Environment("x11", NO_VM, None, None)
PASSWORD = "a" * 64


def config(**kw: object) -> ExamConfig:
    return ExamConfig(source="exam.json", format="native", start_url="https://exam.example/", **kw)  # type: ignore[arg-type]


def test_a_clean_x11_session_has_nothing_to_say() -> None:
    assert environment_decision(CLEAN, config()) == []


def test_detect_environment_asks_the_backend() -> None:
    asked: list[str | None] = []

    def probe(display: str | None, names: object) -> Phrase:
        asked.append(display)
        return phrase("reason.display.xephyr")

    env = detect_environment(LinuxBackend(env={"DISPLAY": ":3", "SSH_TTY": "/dev/pts/1"}, euid=1000,
                                          run=lambda argv: Ran(0, "kvm"), process_names=set,
                                          display_probe=probe))
    assert env.virtual_machine.checked == ("systemd-detect-virt",)
    assert (english(env.virtual_machine.found), english(env.remote_session)) == \
        ("kvm (systemd-detect-virt)", "SSH connection")
    assert english(env.virtual_display) == "a nested X server (Xephyr)"
    assert asked == [":3"]


def test_a_virtual_machine_blocks_unless_the_exam_allows_it() -> None:
    env = dataclasses.replace(CLEAN, virtual_machine=VmCheck(phrase("reason.vm.named", name="QEMU"),
                                                             ("firmware strings",)))
    [refused] = environment_decision(env, config())
    assert (refused.check, refused.severity, refused.blocks, refused.overridable) == \
        ("virtual_machine", "error", True, False)
    assert "QEMU" in english(refused.message) and "virtual machine" in english(refused.message)
    assert "machine virtuelle" in french(refused.message)
    [allowed] = environment_decision(env, config(allow_virtual_machine=True))
    assert (allowed.severity, allowed.blocks) == ("info", False)


MISSING = lambda argv: Ran(None, problem=phrase("reason.program.missing", program=argv[0]))  # noqa: E731
UNCHECKED = VmCheck(problems=(phrase("reason.program.missing", program="systemd-detect-virt"),
                              phrase("reason.vm.firmware_unreadable", error="Permission denied")))


def test_a_virtual_machine_check_that_could_not_be_made_warns_and_says_why() -> None:
    env = dataclasses.replace(CLEAN, virtual_machine=UNCHECKED)
    [finding] = environment_decision(env, config(hashed_quit_password=PASSWORD))
    assert (finding.check, finding.severity, finding.blocks, finding.overridable) == \
        ("virtual_machine_unknown", "warning", False, False)
    told = english(finding.message)
    assert "could not check whether" in told and "systemd-detect-virt is not installed" in told
    assert "/sys/class/dmi/id cannot be read (Permission denied)" in told
    told = french(finding.message)
    assert "n'a pas pu vérifier si" in told and "systemd-detect-virt n'est pas installé" in told
    assert environment_decision(env, config(allow_virtual_machine=True)) == []  # it would not matter


def NO_DISPLAY_FINDING(display: str | None, names: object) -> Phrase | None:
    """The display is the machine's screen (no X server is asked)."""
    return None


def test_could_not_check_is_apart_from_none_found_from_the_real_linux_check(tmp_path: object) -> None:
    """The real Linux check on an empty file tree and without its program: nothing could be read."""
    assert isinstance(tmp_path, Path)
    unchecked = detect_environment(LinuxBackend(env={"DISPLAY": ":3"}, root=tmp_path, euid=1000,
                                                run=MISSING, process_names=set,
                                                display_probe=NO_DISPLAY_FINDING))
    assert unchecked.virtual_machine.state == "unknown"
    assert [f.check for f in environment_decision(unchecked, config())] == ["virtual_machine_unknown"]
    (tmp_path / "proc").mkdir()
    (tmp_path / "proc" / "cpuinfo").write_text("flags\t\t: fpu sse\n")
    checked = detect_environment(LinuxBackend(env={"DISPLAY": ":3"}, root=tmp_path, euid=1000,
                                              run=MISSING, process_names=set,
                                              display_probe=NO_DISPLAY_FINDING))
    assert checked.virtual_machine.state == "none"
    assert environment_decision(checked, config()) == []


def test_a_proctor_can_override_a_block_only_when_there_is_a_quit_password() -> None:
    env = dataclasses.replace(CLEAN, remote_session=phrase("reason.remote.ssh"))
    [finding] = environment_decision(env, config(hashed_quit_password=PASSWORD))
    assert finding.blocks and finding.overridable
    assert "proctor" in english(finding.message) and "surveillant" in french(finding.message)
    [finding] = environment_decision(env, config())
    assert finding.blocks and not finding.overridable
    assert "proctor" not in english(finding.message)


def test_remote_session_allowed_by_the_configuration_is_information_only() -> None:
    env = dataclasses.replace(CLEAN, remote_session=phrase("reason.remote.xrdp"))
    [finding] = environment_decision(env, config(allow_remote_session=True))
    assert (finding.check, finding.severity, finding.blocks) == ("remote_session", "info", False)


@pytest.mark.parametrize(("policy", "severity", "blocks"),
                         [("refuse", "error", True), ("limited", "warning", False)])
def test_wayland_follows_the_configuration(policy: str, severity: str, blocks: bool) -> None:
    env = dataclasses.replace(CLEAN, display_server="wayland")
    [finding] = environment_decision(env, config(wayland=policy))
    assert (finding.check, finding.severity, finding.blocks) == ("wayland", severity, blocks)
    assert "X11" in english(finding.message) if blocks else "limited" in english(finding.message)


def test_elevated_and_no_screen_can_never_be_overridden_and_come_first() -> None:
    env = Environment("none", VmCheck(phrase("reason.vm.named", name="KVM"), ("x",)), None,
                      phrase("reason.elevated.root"))
    findings = environment_decision(env, config(hashed_quit_password=PASSWORD, allow_virtual_machine=True))
    assert [f.check for f in findings] == ["elevated", "no_display", "virtual_machine"]
    assert [(f.blocks, f.overridable) for f in findings] == [(True, False), (True, False), (False, False)]


def test_every_finding_has_a_sentence_in_both_languages() -> None:
    env = Environment("wayland", VmCheck(phrase("reason.vm.named", name="QEMU"), ("x",)),
                      phrase("reason.remote.ssh"), phrase("reason.elevated.root"))
    for cfg in (config(), config(allow_virtual_machine=True, allow_remote_session=True, wayland="limited")):
        for e in (env, dataclasses.replace(env, virtual_machine=UNCHECKED)):
            for f in environment_decision(e, cfg):
                assert english(f.detail) in english(f.message) and french(f.detail) in french(f.message)
