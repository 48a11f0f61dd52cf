"""Install the verified bundle for the current user, and repair or upgrade it when run again.

The order matters: check the bundle against its signed manifest, write a receipt saying what is
about to be created (so a half-finished install can be removed), copy file by file (each through a
temporary name, so a repair never leaves a half-written file), drop whatever an older version left
in the install folder, check the installed copy again, create the shortcuts, make lockdown the
handler of seb:// and sebs:// links and .seb files (each change recorded, with its undo, before it
is made), mark the receipt complete.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lockdown import __version__
from lockdown.errors import EXIT_PROBLEM, LockdownError, UsageError
from lockdown.install import safety
from lockdown.install.changes import LineUndo
from lockdown.install.receipt import Entry, Kind, Receipt, ReceiptError, read_receipt, write_receipt
from lockdown.paths import Paths
from lockdown.platform import InstallSteps
from lockdown.words import Phrase, phrase

Verifier = Callable[[Path], None]
"""Checks a bundle or install folder against its signed manifest; raises IntegrityError."""

Progress = Callable[[int, int, Phrase], None]
"""(bytes done, bytes in all, what is being done) for a progress bar."""


class InstallError(LockdownError):
    """The install could not be completed (a file could not be written, a bundle link leads out)."""

    exit_code = EXIT_PROBLEM


@dataclass(frozen=True)
class Plan:
    """What will be installed where: shown to the student before anything is written."""

    bundle: Path
    install_dir: Path
    shortcuts: tuple[Path, ...]
    files: tuple[Path, ...]
    """Bundle-relative paths of files and links, in copy order."""
    dirs: tuple[Path, ...]
    total_bytes: int
    upgrade: bool


@dataclass
class InstallReport:
    install_dir: Path
    files: int
    total_bytes: int
    shortcuts: list[Path] = field(default_factory=list)
    removed_stale: int = 0
    notes: list[Phrase] = field(default_factory=list)
    """What the student should know: a handler not set, another program's handler replaced."""


def _same_place(a: Entry, b: Entry) -> bool:
    """Two records of a change to the same thing (the same line, package or key)."""
    if a.kind != b.kind or a.path != b.path:
        return False
    return not isinstance(a.undo, LineUndo) or (isinstance(b.undo, LineUndo) and a.undo.key == b.undo.key)


def _missing_parents(owned: safety.OwnedLocations) -> list[Path]:
    """Folders inside the home folder, above lockdown's own, that do not exist yet, outermost first."""
    missing: list[Path] = []
    for target in (*owned.roots, *owned.files):
        for parent in reversed(target.parents):
            inside_owned = any(parent == r or r in parent.parents for r in owned.roots)
            if (owned.home in parent.parents and not inside_owned and parent not in missing
                    and not safety.exists(parent)):
                missing.append(parent)
    return missing


class Installer:
    """Copies a bundle to `paths.install` and records everything it creates."""

    def __init__(self, paths: Paths, platform: InstallSteps, verify: Verifier,
                 version: str = __version__) -> None:
        self.paths = paths
        self.platform = platform
        self.verify = verify
        self.version = version
        self._owned = safety.OwnedLocations.from_paths(paths)

    def plan(self, bundle: Path) -> Plan:
        """Look at the bundle (without trusting it yet) and say what the install would do."""
        bundle = bundle.absolute()
        if not self.platform.executable(bundle, "lockdown").is_file():
            raise UsageError("install.not_bundle", bundle=str(bundle))
        if bundle == self.paths.install or self.paths.install in bundle.parents:
            raise UsageError("install.installed_copy", bundle=str(bundle))
        files: list[Path] = []
        dirs: list[Path] = []
        total = 0
        for root, dirnames, filenames in os.walk(bundle):
            here = Path(root)
            dirnames.sort()
            for name in (*sorted(dirnames), *sorted(filenames)):
                path = here / name
                st = path.lstat()
                rel = path.relative_to(bundle)
                if path.is_symlink():
                    self._check_link(bundle, path)
                    files.append(rel)
                elif name in dirnames:
                    dirs.append(rel)
                else:
                    files.append(rel)
                    total += st.st_size
            dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        return Plan(bundle=bundle, install_dir=self.paths.install, shortcuts=self.paths.shortcuts,
                    files=tuple(files), dirs=tuple(dirs), total_bytes=total,
                    upgrade=safety.exists(self.paths.install))

    @staticmethod
    def _check_link(bundle: Path, link: Path) -> None:
        target = os.readlink(link)
        resolved = os.path.normpath(link.parent / target)
        if os.path.isabs(target) or not resolved.startswith(str(bundle) + os.sep):
            raise InstallError("install.link_out", link=str(link), target=target)

    def install(self, plan: Plan, progress: Progress | None = None) -> InstallReport:
        """Verify, copy, clean, verify again, add shortcuts; the receipt records every step."""
        report = progress or (lambda _done, _total, _what: None)
        report(0, plan.total_bytes, phrase("install.step.check_bundle"))
        self.verify(plan.bundle)
        dest = plan.install_dir
        earlier = self._earlier_receipt()
        # a repair finds the folders made by the first install there: it keeps their record
        parents = [Path(e.path) for e in earlier if e.kind == "parent_dir" and safety.exists(Path(e.path))]
        parents += [p for p in _missing_parents(self._owned) if p not in parents]
        entries = [Entry("parent_dir", str(p)) for p in parents]
        entries.append(Entry("dir", str(dest)))
        planned = [Entry("shortcut", str(s)) for s in plan.shortcuts]
        planned += [Entry("registry", k) for k in self.paths.registry_keys]
        receipt_path = self.paths.receipt
        previous = [e for e in earlier if e.undo is not None]
        try:
            write_receipt(receipt_path, self._receipt(entries + planned + previous, complete=False))
            dest.mkdir(parents=True, exist_ok=True)
            done = 0
            for rel in plan.dirs:
                self._mkdir(dest / rel)
                entries.append(Entry("dir", str(dest / rel)))
            for rel in plan.files:
                kind, size = self._copy(plan.bundle / rel, dest / rel)
                entries.append(Entry(kind, str(dest / rel)))
                done += size
                report(done, plan.total_bytes, phrase("install.step.copy", file=str(rel)))
            stale = self._remove_stale(plan)
            report(done, plan.total_bytes, phrase("install.step.check_copy"))
            self.verify(dest)
            created = self.platform.create_shortcuts(dest, self.version, plan.total_bytes)
            recorded: list[Entry] = []

            def record(change: Entry) -> None:
                recorded.append(change)
                unsettled = [p for p in previous if not any(_same_place(p, r) for r in recorded)]
                write_receipt(receipt_path, self._receipt(entries + created + unsettled + recorded,
                                                          complete=False))

            handlers, notes = self.platform.create_handlers(dest, previous, record)
            write_receipt(receipt_path, self._receipt(entries + created + handlers, complete=True))
        except OSError as exc:
            raise InstallError("install.failed", folder=str(dest), error=str(exc)) from None
        return InstallReport(install_dir=dest, files=len(plan.files), total_bytes=plan.total_bytes,
                             shortcuts=[Path(e.path) for e in created if e.kind == "shortcut"],
                             removed_stale=stale, notes=notes)

    def _earlier_receipt(self) -> list[Entry]:
        """What an earlier install recorded: the folders it made, and its handler changes (whose undo
        knows what lockdown replaced). Nothing when there is no receipt or it cannot be trusted."""
        try:
            receipt = read_receipt(self.paths.receipt)
        except ReceiptError:
            return []
        return list(receipt.entries) if receipt is not None else []

    def _receipt(self, entries: list[Entry], complete: bool) -> Receipt:
        return Receipt(app_version=self.version, os=self.paths.os, install_dir=str(self.paths.install),
                       complete=complete, entries=tuple(entries))

    def _copy(self, src: Path, dst: Path) -> tuple[Kind, int]:
        """Copy one file or link through a temporary name; return its receipt kind and size."""
        if safety.exists(dst) and dst.is_dir() and not dst.is_symlink():
            safety.remove(dst, self._owned)  # a folder where this version has a file
        tmp = dst.with_name(f".{dst.name}.lockdown-new")
        tmp.unlink(missing_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), tmp)
            kind: Kind = "symlink"
        else:
            shutil.copy2(src, tmp, follow_symlinks=False)
            kind = "file"
        os.replace(tmp, dst)
        return kind, 0 if kind == "symlink" else dst.lstat().st_size

    def _mkdir(self, path: Path) -> None:
        if safety.exists(path) and (path.is_symlink() or not path.is_dir()):
            safety.remove(path, self._owned)  # a file or link where this version has a folder
        path.mkdir(exist_ok=True)

    def _remove_stale(self, plan: Plan) -> int:
        """Delete what is in the install folder but not in this bundle (older version, broken copy)."""
        keep = {plan.install_dir / p for p in (*plan.files, *plan.dirs)}
        removed = 0
        for root, dirnames, filenames in os.walk(plan.install_dir, topdown=True):
            here = Path(root)
            for name in (*dirnames, *filenames):
                path = here / name
                if path not in keep and safety.remove(path, self._owned):
                    removed += 1
            dirnames[:] = [d for d in dirnames if here / d in keep and not (here / d).is_symlink()]
        return removed
