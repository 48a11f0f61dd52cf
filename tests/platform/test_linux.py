"""The Linux backend: real on this machine, and with a fake /proc and /sys tree for each branch."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest

from lockdown.platform import get_backend
from lockdown.platform.common import display_server_from_env, hypervisor_from_strings, remote_from_env
from lockdown.platform.linux.backend import LinuxBackend, Ran, run_quiet
from lockdown.words import phrase
from tests.support.words import english


def no_command(argv: object) -> Ran:
    return Ran(None, problem=phrase("reason.program.missing", program="systemd-detect-virt"))


def fake_root(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


def backend(tmp_path: Path, files: dict[str, str] | None = None, **kw: object) -> LinuxBackend:
    options: dict[str, object] = {"env": {}, "run": no_command, "euid": 1000, "process_names": set}
    options.update(kw)
    return LinuxBackend(root=fake_root(tmp_path, files or {}), **options)  # type: ignore[arg-type]


def test_factory_gives_the_linux_backend_here() -> None:
    assert isinstance(get_backend(), LinuxBackend)


@pytest.mark.skipif(shutil.which("systemd-detect-virt") is None, reason="systemd-detect-virt missing")
def test_virtual_machine_agrees_with_systemd_detect_virt_on_this_machine() -> None:
    done = subprocess.run(["systemd-detect-virt", "--vm"], capture_output=True, text=True)
    check = LinuxBackend().virtual_machine()
    if done.returncode == 0 and done.stdout.strip() != "none":
        assert check.found is not None and done.stdout.strip() in str(english(check.found))
    else:
        assert check.state != "unknown" and "systemd-detect-virt" in check.checked


def test_the_real_runner_tells_a_missing_program_from_a_none_answer(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no systemd-detect-virt on this PATH
    missing = run_quiet(["systemd-detect-virt", "--vm"])
    assert (missing.status, english(missing.problem)) == (None, "systemd-detect-virt is not installed")
    check = backend(tmp_path, {"proc/cpuinfo": "flags\t\t: fpu sse\n"}, run=run_quiet).virtual_machine()
    assert check.state == "none" and check.checked == ("processor flags",)
    assert english(check.problems[0]) == "systemd-detect-virt is not installed"
    script = tmp_path / "systemd-detect-virt"  # what the real program does on a physical machine
    script.write_text("#!/bin/sh\necho none\nexit 1\n")
    script.chmod(0o755)
    assert run_quiet(["systemd-detect-virt", "--vm"]) == Ran(1, "none")


def test_firmware_strings_name_the_hypervisor(tmp_path: Path) -> None:
    b = backend(tmp_path, {"sys/class/dmi/id/sys_vendor": "QEMU\n",
                           "sys/class/dmi/id/product_name": "Standard PC"})
    assert english(b.virtual_machine().found) == "QEMU"


def test_hyper_v_is_recognised_from_maker_and_product() -> None:
    assert hypervisor_from_strings("Microsoft Corporation", "Virtual Machine") == "Hyper-V"
    assert hypervisor_from_strings("Microsoft Corporation", "Surface Laptop 5") is None


def test_cpu_hypervisor_flag_counts_when_nothing_else_says(tmp_path: Path) -> None:
    b = backend(tmp_path, {"proc/cpuinfo": "processor: 0\nflags\t\t: fpu vme hypervisor sse\n"})
    assert english(b.virtual_machine().found) == "the processor reports a hypervisor"


def test_a_physical_machine_is_not_a_virtual_machine(tmp_path: Path) -> None:
    b = backend(tmp_path, {"sys/class/dmi/id/sys_vendor": "LENOVO", "sys/class/dmi/id/product_name": "20XW",
                           "proc/cpuinfo": "flags\t\t: fpu vme sse\n"}, run=lambda argv: Ran(1, "none"))
    check = b.virtual_machine()
    assert (check.state, check.found, check.problems) == ("none", None, ())
    assert check.checked == ("systemd-detect-virt", "firmware strings", "processor flags")


def test_systemd_detect_virt_answer_comes_first(tmp_path: Path) -> None:
    b = backend(tmp_path, {"sys/class/dmi/id/sys_vendor": "QEMU"}, run=lambda argv: Ran(0, "oracle"))
    assert english(b.virtual_machine().found) == "oracle (systemd-detect-virt)"


def test_nothing_to_read_is_could_not_check_and_says_why_for_each_source(tmp_path: Path) -> None:
    check = backend(tmp_path).virtual_machine()  # no program, no /sys/class/dmi, no /proc/cpuinfo
    assert check.state == "unknown" and check.found is None and check.checked == ()
    assert [english(p) for p in check.problems] == [
        "systemd-detect-virt is not installed",
        "the firmware strings in /sys/class/dmi/id cannot be read (No such file or directory)",
        "/proc/cpuinfo cannot be read (No such file or directory)"]


def test_unreadable_firmware_and_a_failing_program_leave_the_processor_flags(tmp_path: Path) -> None:
    for field in ("sys_vendor", "product_name", "board_vendor", "bios_vendor"):
        (tmp_path / "sys/class/dmi/id" / field).mkdir(parents=True)  # unreadable even for root
    b = backend(tmp_path, {"proc/cpuinfo": "flags\t\t: fpu sse\n"}, run=lambda argv: Ran(1, ""))
    check = b.virtual_machine()
    assert check.state == "none" and check.checked == ("processor flags",)
    assert [english(p) for p in check.problems] == [
        "systemd-detect-virt failed (exit status 1)",
        "the firmware strings in /sys/class/dmi/id cannot be read (Is a directory)"]


def test_a_processor_without_flags_cannot_say(tmp_path: Path) -> None:
    b = backend(tmp_path, {"proc/cpuinfo": "processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd\n"})
    check = b.virtual_machine()
    assert check.state == "unknown"
    assert english(check.problems[-1]) == "/proc/cpuinfo lists no processor flags"


def test_root_is_elevated_and_names_the_login_user(tmp_path: Path) -> None:
    b = backend(tmp_path, {"proc/self/loginuid": "1000"}, euid=0)
    assert english(b.elevated()) == "running as root (user id 0), started from the session of user id 1000"
    assert english(backend(tmp_path / "x", {"proc/self/loginuid": "4294967295"}, euid=0).elevated()) == \
        "running as root (user id 0)"


def test_extra_capabilities_count_as_elevated(tmp_path: Path) -> None:
    b = backend(tmp_path, {"proc/self/status": "Name:\tpython\nCapEff:\t0000000000003000\n"})
    assert english(b.elevated()) == "running with extra privileges (capabilities 0000000000003000)"


def test_an_ordinary_user_is_not_elevated(tmp_path: Path) -> None:
    b = backend(tmp_path, {"proc/self/status": "CapEff:\t0000000000000000\n", "proc/self/loginuid": "1000"})
    assert english(b.elevated()) is None


def test_this_process_as_root_is_elevated_for_real() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    reason = english(LinuxBackend().elevated())
    assert reason is not None and "root" in reason


@pytest.mark.parametrize(("env", "expected"), [
    ({"SSH_CONNECTION": "10.0.0.2 5555 10.0.0.1 22"}, "SSH connection"),
    ({"XRDP_SESSION": "1"}, "xrdp remote desktop"),
    ({"X2GO_SESSION": "x"}, "X2Go remote desktop"),
    ({"DISPLAY": ":0"}, None),
])
def test_remote_session_from_environment(env: dict[str, str], expected: str | None) -> None:
    assert english(remote_from_env(env)) == expected


def test_remote_session_from_a_running_remote_display_server(tmp_path: Path) -> None:
    b = backend(tmp_path, process_names=lambda: {"bash", "xtigervnc"})
    assert english(b.remote_session()) == "VNC remote desktop"
    assert english(backend(tmp_path, process_names=lambda: {"bash", "xorg"}).remote_session()) is None


@pytest.mark.parametrize(("env", "expected"), [
    ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "wayland"),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland"),
    ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "x11"),
    ({"DISPLAY": ":1"}, "x11"),
    ({"XDG_SESSION_TYPE": "tty"}, "none"),
])
def test_display_server_from_environment(env: dict[str, str], expected: str) -> None:
    assert display_server_from_env(env) == expected
    assert LinuxBackend(env=env).display_server() == expected


def test_no_shortcut_blocker_and_no_capture_exclusion_on_linux() -> None:
    b = LinuxBackend()
    assert b.shortcut_blocker() is None
    assert b.capture_blocker(1234) is None


def test_own_processes_are_told_apart_from_other_users() -> None:
    b = LinuxBackend()
    assert b.is_own_process(psutil.Process())
    if os.geteuid() != 0:
        pytest.skip("starting a process as another user needs root")
    other = subprocess.Popen(["runuser", "-u", "nobody", "--", "sleep", "30"])
    try:
        child = None
        for _ in range(100):
            kids = psutil.Process(other.pid).children()
            if kids and kids[0].uids().real != 0:
                child = kids[0]
                break
            time.sleep(0.02)
        proc = child or psutil.Process(other.pid)
        if proc.uids().real == 0:
            pytest.skip("runuser did not switch user")
        assert not b.is_own_process(proc)
    finally:
        other.kill()
        other.wait()


def test_process_counter_is_the_last_pid_in_loadavg(tmp_path: Path) -> None:
    assert backend(tmp_path, {"proc/loadavg": "0.10 0.20 0.30 2/151 48213\n"}).process_counter() == 48213
    assert backend(tmp_path / "empty").process_counter() is None


def test_process_counter_moves_when_a_process_starts_for_real() -> None:
    b = LinuxBackend()
    before = b.process_counter()
    subprocess.run(["true"], check=True)
    assert before is not None and b.process_counter() != before


def _listed_past(pid: int) -> set[int]:
    """The expected answer, from a plain listing of /proc (independent of the offset trick)."""
    return {int(n) for n in os.listdir("/proc") if n.isdigit() and int(n) > pid}


def _assert_same_processes(found: set[int] | None, expected: set[int], pid: int) -> None:
    assert found is not None
    assert all(p >= pid for p in found)
    assert {p for p in expected - found if psutil.pid_exists(p)} == set()  # only ended ones may lack


def test_pids_after_lists_the_processes_past_a_pid_and_no_thread() -> None:
    b = LinuxBackend()
    before = b.process_counter()
    assert before is not None
    child = subprocess.Popen(["sleep", "30"])
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        expected = _listed_past(before)
        found = b.pids_after(before)
        _assert_same_processes(found, expected, before)
        assert found is not None and child.pid in found and thread.native_id not in found
    finally:
        stop.set()
        thread.join()
        child.kill()
        child.wait()


def test_pids_after_matches_a_full_listing_from_any_pid() -> None:
    b = LinuxBackend()
    running = sorted(int(n) for n in os.listdir("/proc") if n.isdigit())
    for pid in (0, running[len(running) // 2], running[-1]):
        expected = _listed_past(pid)
        _assert_same_processes(b.pids_after(pid), expected, pid)


def test_pids_after_is_none_where_proc_cannot_be_listed_that_way(tmp_path: Path) -> None:
    assert backend(tmp_path, {"proc/123/stat": "x"}).pids_after(0) is None


def test_own_process_name_names_own_processes_only() -> None:
    b = LinuxBackend()
    folder = Path(tempfile.mkdtemp(prefix="lockdown-names-", dir="/var/tmp"))
    folder.chmod(0o755)
    long_name = "a-name-longer-than-fifteen"
    shutil.copy("/bin/sleep", folder / long_name)
    mine = subprocess.Popen([str(folder / long_name), "30"])
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        for _ in range(100):
            if psutil.Process(mine.pid).name() == long_name:
                break
            time.sleep(0.02)
        assert b.own_process_name(mine.pid) == long_name  # beyond the kernel's 15 characters
        assert b.own_process_name(thread.native_id) is None  # a thread is not a process
        mine.kill()
        mine.wait()
        assert b.own_process_name(mine.pid) is None  # gone
    finally:
        stop.set()
        thread.join()
        if mine.poll() is None:
            mine.kill()
            mine.wait()
        shutil.rmtree(folder)


def test_own_process_name_leaves_another_users_process_aside() -> None:
    if os.geteuid() != 0:
        pytest.skip("starting a process as another user needs root")
    other = subprocess.Popen(["runuser", "-u", "nobody", "--", "sleep", "30"])
    try:
        target = None
        for _ in range(100):
            kids = psutil.Process(other.pid).children()
            if kids and kids[0].uids().real != 0:
                target = kids[0]
                break
            time.sleep(0.02)
        if target is None:
            pytest.skip("runuser did not switch user")
        assert LinuxBackend().own_process_name(target.pid) is None
    finally:
        other.kill()
        other.wait()


def test_program_starts_signals_a_program_starting_and_nothing_else() -> None:
    import select

    starts = LinuxBackend().program_starts()
    assert starts is not None
    try:
        starts.drain()
        quiet, _, _ = select.select([starts.fileno()], [], [], 0)
        subprocess.run(["/bin/true"], check=True)
        ready, _, _ = select.select([starts.fileno()], [], [], 5)
        assert ready == [starts.fileno()]
        starts.drain()
        assert select.select([starts.fileno()], [], [], 0)[0] == []
        assert quiet in ([], [starts.fileno()])  # another session may have started one meanwhile
    finally:
        starts.close()


def test_program_starts_needs_a_c_library_to_watch(tmp_path: Path) -> None:
    from lockdown.platform.linux.backend import ProgramStarts

    assert ProgramStarts.watch("7f00-7f01 r-xp 00000000 00:00 0  /opt/app/libonly.so\n") is None
