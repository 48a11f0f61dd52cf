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
from lockdown.i18n import system_language
from lockdown.install.bundlecheck import manifest_verifier
from lockdown.install.installer import Installer, Plan
from lockdown.install.uninstaller import Uninstaller, UninstallReport
from lockdown.integrity.signature import load_public_key
from lockdown.leftovers import LeftoversRemain, PendingRemovals
from lockdown.paths import Paths, get_paths
from lockdown.platform import get_platform
from lockdown.secrets import system_secrets
from lockdown.tracefree import trace_free


def _frozen_folder() -> Path | None:
    """The folder of the running built program (the bundle), None when run from source."""
    return Path(sys.executable).parent if getattr(sys, "frozen", False) else None


def _fail(prog: str, exc: LockdownError) -> int:
    print(f"{prog}: {exc}", file=sys.stderr)
    return exc.exit_code


def _terminal_progress(prog: str) -> Callable[[int, int, str], None]:
    """Prints a line at every tenth of the way (a bar in a log is noise)."""
    shown = [-1]

    def show(done: int, total: int, what: str) -> None:
        tenth = done * 10 // total if total else 10
        if tenth != shown[0]:
            shown[0] = tenth
            print(f"{prog}: {tenth * 10:3d}% {what}", flush=True)

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
        raise UsageError("run the built lockdown-install program, or name the bundle with --bundle DIR")
    key = None
    if args.public_key is not None:
        try:
            key = load_public_key(args.public_key.read_bytes(), str(args.public_key))
        except OSError as exc:
            raise UsageError(f"{args.public_key}: cannot be read ({exc.strerror})") from None
    installer = Installer(paths, get_platform(paths.os).install_steps(paths), manifest_verifier(key))
    return installer, installer.plan(bundle)


def install_main(argv: Sequence[str] | None = None) -> int:
    """`lockdown-install [--quiet] [--bundle DIR] [--public-key PEM]`."""
    sys.dont_write_bytecode = True
    prog = "lockdown-install"
    args = _install_parser().parse_args(argv)
    paths = get_paths()
    if args.quiet:
        try:
            installer, plan = _prepare_install(args, paths)
            report = installer.install(plan)
        except LockdownError as exc:
            return _fail(prog, exc)
        print(f"{prog}: installed lockdown {__version__} in {report.install_dir} "
              f"({report.files} files); menu entries: {', '.join(map(str, report.shortcuts)) or 'none'}")
        for note in report.notes:
            print(f"{prog}: note: {note}")
        return 0
    lang = system_language()
    try:
        with trace_free(paths.temp_root, pending=PendingRemovals(paths.pending_removals)):
            from lockdown.ui import install_window
            try:
                installer, plan = _prepare_install(args, paths)
            except LockdownError as exc:
                install_window.show_error(lang, str(exc))
                return exc.exit_code
            return install_window.run_install(lang, installer, plan)
    except LeftoversRemain as exc:  # the window's own temporary folder; the next start tries again
        print(f"{prog}: {exc.text(lang)}", file=sys.stderr)
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


def print_report(prog: str, report: UninstallReport) -> int:
    """Report lines: problems on stderr, "no trace left" on stdout; the exit code."""
    for line in report.lines():
        stream = sys.stdout if line == "no trace left" else sys.stderr
        print(f"{prog}: {line}", file=stream)
    return 0 if report.clean else EXIT_PROBLEM


def uninstall_in_terminal(prog: str, dry_run: bool, quiet: bool, paths: Paths | None = None) -> int:
    """The terminal uninstall (also `lockdown uninstall`); raises LockdownError for bad use."""
    refuse_elevated()
    where = paths or get_paths()
    steps = get_platform(where.os).install_steps(where)
    uninstaller = Uninstaller(where, steps, system_secrets, keep=_own_folders(where))
    if dry_run:
        plan = uninstaller.dry_run()
        for note in plan.notes:
            print(f"{prog}: note: {note}")
        for item in plan.items:
            print(f"{prog}: would remove: {item.label()}")
        for path, why in plan.refused:
            print(f"{prog}: would refuse: {path}: {why}")
        for item, why in plan.busy:
            print(f"{prog}: would leave: {item.label()}: {why}")
        if not plan.items:
            print(f"{prog}: nothing of lockdown was found")
        return 0
    report = uninstaller.run(None if quiet else _terminal_progress(prog))
    return print_report(prog, report)


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
            return uninstall_in_terminal(prog, args.dry_run, args.quiet, paths)
        # No record of what stays: nothing of lockdown starts after its uninstaller, so it is only told.
        with trace_free(paths.temp_root):
            import lockdown.ui.install_window as install_window
            try:
                refuse_elevated()
            except LockdownError as exc:
                install_window.show_error(lang, str(exc))
                return exc.exit_code
            uninstaller = Uninstaller(paths, platform, system_secrets, keep=_own_folders(paths))
            return install_window.run_uninstall(lang, uninstaller)
    except LeftoversRemain as exc:
        print(f"{prog}: {exc.text(lang)}", file=sys.stderr)
        return exc.exit_code
    except LockdownError as exc:
        return _fail(prog, exc)
    finally:
        platform.schedule_self_delete(Path(sys.executable), paths.temp_root)
