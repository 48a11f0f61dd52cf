"""The `lockdown-install` and `lockdown-uninstall` programs and `lockdown uninstall`.

Each builds its objects here (paths, OS seam, integrity check, keyring) and then either shows a
small window or works in the terminal. The window is started inside `tracefree.trace_free()`,
so Qt's caches never reach the user's folders; `lockdown.ui` is imported only then.
Exit codes: 0 done (uninstall: no trace left), 1 a problem remains, 2 bad input or elevated.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lockdown import __version__
from lockdown.errors import EXIT_PROBLEM, LockdownError, UsageError
from lockdown.guard.elevation import refuse_elevated
from lockdown.i18n import Language, system_language
from lockdown.install.bundlecheck import manifest_verifier
from lockdown.install.installer import Installer, Plan
from lockdown.install.uninstaller import NO_TRACE, Uninstaller, UninstallReport
from lockdown.integrity.signature import load_public_key
from lockdown.leftovers import LeftoversRemain, PendingRemovals
from lockdown.paths import Paths, get_paths
from lockdown.platform import VolumeControl, current_os, get_backend, get_platform
from lockdown.secrets import system_secrets
from lockdown.tracefree import trace_free
from lockdown.words import Phrase, phrase, say


def _frozen_folder() -> Path | None:
    """The folder of the running built program (the bundle), None when run from source."""
    return Path(sys.executable).parent if getattr(sys, "frozen", False) else None


def _fail(prog: str, exc: LockdownError, lang: Language) -> int:
    print(f"{prog}: {exc.phrase.text(lang)}", file=sys.stderr)
    return exc.exit_code


def _terminal_progress(prog: str, lang: Language) -> Callable[[int, int, Phrase], None]:
    """Prints a line at every tenth of the way (a bar in a log is noise)."""
    shown = [-1]

    def show(done: int, total: int, what: Phrase) -> None:
        tenth = done * 10 // total if total else 10
        if tenth != shown[0]:
            shown[0] = tenth
            print(f"{prog}: {tenth * 10:3d}% {what.text(lang)}", flush=True)

    return show


# ---- installer ----------------------------------------------------------------------------------

def _install_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lockdown-install", description=(
        "Install lockdown for the current user only: no administrator rights needed."))
    p.add_argument("--quiet", action="store_true", help="no window: install from the terminal")
    p.add_argument("--bundle", type=Path, help="the bundle folder to install (default: this program's)")
    p.add_argument("--public-key", type=Path, help="check the bundle against this PEM public key "
                   "instead of the pinned release key (an in-house or test build)")
    p.add_argument("--version", action="version", version=f"lockdown {__version__}")
    return p


def _prepare_install(args: argparse.Namespace, paths: Paths) -> tuple[Installer, Plan]:
    refuse_elevated()
    bundle = args.bundle or _frozen_folder()
    if bundle is None:
        raise UsageError("install.no_bundle")
    key = None
    if args.public_key is not None:
        try:
            key = load_public_key(args.public_key.read_bytes(), str(args.public_key))
        except OSError as exc:
            raise UsageError("install.key_unreadable", path=str(args.public_key),
                             error=exc.strerror) from None
    installer = Installer(paths, get_platform(paths.os).install_steps(paths), manifest_verifier(key))
    return installer, installer.plan(bundle)


def install_main(argv: Sequence[str] | None = None) -> int:
    """`lockdown-install [--quiet] [--bundle DIR] [--public-key PEM]`."""
    sys.dont_write_bytecode = True
    prog = "lockdown-install"
    args = _install_parser().parse_args(argv)
    paths = get_paths()
    lang = system_language()
    if args.quiet:
        try:
            installer, plan = _prepare_install(args, paths)
            report = installer.install(plan)
        except LockdownError as exc:
            return _fail(prog, exc, lang)
        shortcuts = ", ".join(map(str, report.shortcuts)) or say(lang, "install.no_shortcuts")
        print(f"{prog}: " + say(lang, "install.installed", version=__version__, folder=report.install_dir,
                                files=report.files, shortcuts=shortcuts))
        for note in report.notes:
            print(f"{prog}: " + say(lang, "install.report.note", note=note))
        return 0
    try:
        with trace_free(paths.temp_root, pending=PendingRemovals(paths.pending_removals)):
            from lockdown.ui import install_window
            try:
                installer, plan = _prepare_install(args, paths)
            except LockdownError as exc:
                install_window.show_error(lang, exc.phrase)
                return exc.exit_code
            return install_window.run_install(lang, installer, plan)
    except LeftoversRemain as exc:  # the window's own temporary folder; the next start tries again
        print(f"{prog}: {exc.phrase.text(lang)}", file=sys.stderr)
        return exc.exit_code


# ---- uninstaller --------------------------------------------------------------------------------

def _uninstall_parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=(
        "Remove lockdown and everything it wrote, then check that no trace is left."))
    configure_uninstall(p)
    p.add_argument("--gui", action="store_true", help="show a window (the menu entry uses this)")
    return p


def configure_uninstall(parser: argparse.ArgumentParser) -> None:
    """The options shared by `lockdown-uninstall` and `lockdown uninstall`."""
    parser.add_argument("--dry-run", action="store_true", help="only list what would be removed")
    parser.add_argument("--quiet", action="store_true", help="print only the final report")


def _own_folders(paths: Paths) -> list[Path]:
    """Temporary folders this process runs from (the Windows copy of the uninstaller)."""
    exe = Path(sys.executable)
    return [f for f in exe.parents if f.parent == paths.temp_root]


def print_report(prog: str, report: UninstallReport, lang: Language) -> int:
    """Report lines: problems on stderr, "no trace left" on stdout; the exit code."""
    for line in report.lines():
        stream = sys.stdout if line == NO_TRACE else sys.stderr
        print(f"{prog}: {line.text(lang)}", file=stream)
    return 0 if report.clean else EXIT_PROBLEM


def _volume(paths: Paths) -> Callable[[], VolumeControl | None]:
    """This session's volume control, to put back a volume a killed exam left changed."""
    if paths.os != current_os():
        return lambda: None
    return get_backend().volume_control


def uninstall_in_terminal(prog: str, dry_run: bool, quiet: bool, paths: Paths | None = None,
                          lang: Language | None = None) -> int:
    """The terminal uninstall (also `lockdown uninstall`); raises LockdownError for bad use."""
    refuse_elevated()
    where = paths or get_paths()
    said = lang or system_language()
    steps = get_platform(where.os).install_steps(where)
    uninstaller = Uninstaller(where, steps, system_secrets, keep=_own_folders(where), volume=_volume(where))
    if dry_run:
        plan = uninstaller.dry_run()
        lines = [phrase("uninstall.report.note", note=note) for note in plan.notes]
        lines += [phrase("uninstall.dry.remove", item=item.label()) for item in plan.items]
        lines += [phrase("uninstall.dry.refuse", path=path, why=why) for path, why in plan.refused]
        lines += [phrase("uninstall.dry.leave", item=item.label(), why=why) for item, why in plan.busy]
        if not plan.items:
            lines.append(phrase("uninstall.dry.nothing"))
        for line in lines:
            print(f"{prog}: {line.text(said)}")
        return 0
    report = uninstaller.run(None if quiet else _terminal_progress(prog, said))
    return print_report(prog, report, said)


def uninstall_main(argv: Sequence[str] | None = None) -> int:
    """`lockdown-uninstall [--gui] [--quiet] [--dry-run]`."""
    sys.dont_write_bytecode = True
    prog = "lockdown-uninstall"
    args = _uninstall_parser(prog).parse_args(argv)
    paths = get_paths()
    platform = get_platform(paths.os).install_steps(paths)
    lang = system_language()
    try:
        if _frozen_folder() is not None and platform.relocate_uninstaller(
                [sys.executable, *(sys.argv[1:] if argv is None else argv)], paths.install, paths.temp_root):
            return 0  # the copy in the temporary folder carries on
        if not args.gui:
            return uninstall_in_terminal(prog, args.dry_run, args.quiet, paths, lang)
        # No record of what stays: nothing of lockdown starts after its uninstaller, so it is only told.
        with trace_free(paths.temp_root):
            import lockdown.ui.install_window as install_window
            try:
                refuse_elevated()
            except LockdownError as exc:
                install_window.show_error(lang, exc.phrase)
                return exc.exit_code
            uninstaller = Uninstaller(paths, platform, system_secrets, keep=_own_folders(paths),
                                      volume=_volume(paths))
            return install_window.run_uninstall(lang, uninstaller)
    except LeftoversRemain as exc:
        print(f"{prog}: {exc.text(lang)}", file=sys.stderr)
        return exc.exit_code
    except LockdownError as exc:
        return _fail(prog, exc, lang)
    finally:
        platform.schedule_self_delete(Path(sys.executable), paths.temp_root)
