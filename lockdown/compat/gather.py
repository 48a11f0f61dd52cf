"""The one place that looks at the real machine: gathers facts and runs every check in order.

The check functions judge facts; this module measures them (platform, psutil, keyring, the guard's
environment detection, the Qt probes, the exam server). Order is fixed: it is the order of the
table, of the JSON document and of the report.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Mapping
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import keyring
import psutil

from lockdown import __version__
from lockdown.compat import display, engine, network, probes, security, system
from lockdown.compat.report import Identity, clean_version
from lockdown.compat.result import Check
from lockdown.config.model import ExamConfig
from lockdown.errors import ElevatedError
from lockdown.guard import elevation, environment, processes
from lockdown.paths import get_paths
from lockdown.platform import OsFacts, OsName, current_os, get_platform
from lockdown.words import Phrase

NO_EXAM = ExamConfig(source="(no configuration)", format="native", start_url="about:blank")
"""Checked against when no configuration is given: an exam that keeps every default of the model."""


def os_facts(os_name: OsName) -> OsFacts:
    """This OS's anonymous label and the version numbers its support rule compares."""
    facts = get_platform(os_name).system.os_facts()
    return replace(facts, label=clean_version(facts.label))


def _free_disk() -> int:
    """Free bytes on the disk lockdown installs to (its nearest existing folder)."""
    where = get_paths().install
    while not where.exists() and where != where.parent:
        where = where.parent
    return psutil.disk_usage(str(where if where.exists() else Path.home())).free


def _elevation_refusal() -> Phrase | None:
    try:
        elevation.refuse_elevated()
    except ElevatedError as exc:
        return exc.phrase
    return None


def qt_version(probe: engine.RenderProbe) -> str:
    """Qt's version as the probe saw it, else the installed PySide6's (Qt itself is not loaded here)."""
    version = probe.qt_version
    if not version:
        try:
            version = metadata.version("PySide6")
        except metadata.PackageNotFoundError:
            return "unknown"
    return clean_version(version, r"[^0-9.]", 20)


def run_checks(config: ExamConfig | None, server: str | None, get: network.Get | None,
               env: Mapping[str, str] | None = None,
               keyring_backend: Callable[[], object] = keyring.get_keyring) -> tuple[list[Check], Identity]:
    """Every check, in order, and the anonymous identity of this machine.

    `get` fetches from `server`; without both, the network checks say they were not run.
    """
    environ = dict(os.environ if env is None else env)
    exam = config or NO_EXAM
    os_name = current_os()
    facts = os_facts(os_name)
    arch = system.normalise_arch(platform.machine())
    memory = psutil.virtual_memory()
    envinfo = environment.detect_environment()
    screens = probes.probe_screens(os_name, environ)
    render = probes.probe_render(os_name, environ, probes.running_as_root())
    net = (network.measure(server, exam.network, get) if server and get
           else network.NetworkFacts(None))
    checks = [
        system.check_os(facts),
        system.check_arch(arch, os_name),
        system.check_memory(memory.available, memory.total),
        system.check_disk(_free_disk()),
        display.check_display_server(envinfo.display_server, exam.wayland),
        display.check_screens(screens, exam.allowed_displays_max),
        engine.check_webengine(render),
        display.check_keyboard_blocking(envinfo.display_server, exam.wayland),
        security.check_keyring(keyring_backend()),
        security.check_not_elevated(_elevation_refusal()),
        security.check_virtual_machine(envinfo.virtual_machine, exam.allow_virtual_machine),
        security.check_remote_session(envinfo.remote_session, exam.allow_remote_session),
        security.check_prohibited_apps([app.name for app in processes.running_prohibited(exam)]),
        network.check_server(net, exam.network),
        network.check_download(net, exam.network),
        network.check_clock_offset(net, exam.network),
    ]
    identity = Identity(facts.family, facts.label, arch, qt_version(render), __version__)
    return checks, identity
