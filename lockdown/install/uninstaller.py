"""Remove lockdown and everything it may have written, then look again and say what is left.

What to remove comes from two sources that must agree with nothing else: every location
`lockdown.paths` names (so a lost or half-written receipt still leaves nothing behind), and the
receipt (for the folders the installer created to hold lockdown's, the registry keys, and the
changes to shared places, the link and file handlers, which are undone first, last made first,
by the OS's install steps). A receipt entry outside those locations is refused and reported; it
is never deleted. A change the student made since is theirs: it stays, and is reported. Session folders
an earlier run could not remove are found in the temporary folder and in `Paths.pending_removals`;
what cannot be removed now is reported with the error met, never skipped.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import psutil

from lockdown.install import safety
from lockdown.install.changes import ChangeLeft
from lockdown.install.receipt import Entry, Receipt, ReceiptError, read_receipt
from lockdown.leftovers import Leftover, PendingRemovals
from lockdown.paths import KEYRING_ENTRIES, Paths
from lockdown.platform import InstallSteps
from lockdown.secrets import SecretStore, SecretsUnavailable
from lockdown.tracefree import owner_pid

Progress = Callable[[int, int, str], None]
"""(steps done, steps in all, what is being removed)."""

ItemKind = Literal["change", "path", "parent_dir", "registry", "keyring"]

SESSION_FOLDER = "temporary folder of an exam session"


@dataclass(frozen=True)
class Item:
    """One thing to remove: a change to undo, a path, a folder to remove if empty, a registry key
    or keyring entry."""

    kind: ItemKind
    target: str
    why: str
    change: Entry | None = None
    """For kind `change`: the receipt's record of it, with its undo."""

    def label(self) -> str:
        return f"{self.target} ({self.why})"


@dataclass
class UninstallReport:
    """What was removed, what is still there (and why), what the receipt asked for and was refused."""

    removed: list[Item] = field(default_factory=list)
    remaining: list[tuple[Item, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No trace left and nothing suspicious in the receipt."""
        return not self.remaining and not self.refused

    def lines(self) -> list[str]:
        """The report as the terminal and the window show it."""
        out = [f"note: {n}" for n in self.notes]
        out += [f"refused: {path}: {why}" for path, why in self.refused]
        out += [f"remains: {item.label()}: {why}" for item, why in self.remaining]
        if not self.remaining:
            out.append("no trace left")
        return out


@dataclass
class Plan:
    items: list[Item]
    refused: list[tuple[str, str]]
    notes: list[str]
    busy: list[tuple[Item, str]] = field(default_factory=list)
    """Items left alone on purpose (a running exam's folder), with the reason."""


class Uninstaller:
    """Plans, removes and checks. `keep`: temporary folders this process runs from (the Windows
    copy of the uninstaller), removed after it exits."""

    def __init__(self, paths: Paths, platform: InstallSteps, secrets: Callable[[str], SecretStore],
                 keep: Sequence[Path] = (), retry_pause: float = 1.0) -> None:
        self.paths = paths
        self.platform = platform
        self.secrets = secrets
        self.keep = tuple(keep)
        self.retry_pause = retry_pause
        self.owned = safety.OwnedLocations.from_paths(paths)

    def _receipt(self, notes: list[str]) -> Receipt | None:
        try:
            receipt = read_receipt(self.paths.receipt)
        except ReceiptError as exc:
            notes.append(f"the receipt was not used: {exc}; removing every location lockdown owns")
            return None
        if receipt is not None and not receipt.complete:
            notes.append("the last install did not finish; removing what it had started")
        return receipt

    def plan(self) -> Plan:
        """Everything that would be removed, in order; receipt entries that are refused, and why."""
        notes: list[str] = []
        refused: list[tuple[str, str]] = []
        receipt = self._receipt(notes)
        changes: list[Item] = []
        items = [Item("path", str(p), "menu entry") for p in self.paths.owned_files()]
        keys = list(self.paths.registry_keys)
        parents: list[Path] = []
        if receipt is not None:
            for entry in receipt.entries:
                if entry.undo is not None:
                    why = self.platform.refuse_change(entry)
                    if why is not None:
                        refused.append((entry.path, why))
                    else:
                        changes.insert(0, Item("change", entry.path, self.platform.describe_change(entry),
                                               entry))
                    continue
                if entry.kind == "registry":
                    if entry.path not in keys:
                        refused.append((entry.path, "not a registry key lockdown uses"))
                    continue
                path = Path(entry.path)
                try:
                    if entry.kind == "parent_dir":
                        self.owned.check_empty_parent(path)
                        parents.append(path)
                    else:
                        self.owned.check_removable(path)
                except safety.Refused as exc:
                    refused.append((entry.path, _reason(exc, path)))
        recorded = {(item.target, item.why) for item in changes}
        changes += [Item("change", target, why) for target, why in self.platform.handler_traces()
                    if (target, why) not in recorded]  # no record of what was there before them
        items += [Item("registry", k, "Apps & features entry") for k in keys]
        items += [Item("keyring", f"{s}/{u}", "keyring entry") for s, u in KEYRING_ENTRIES]
        busy: list[tuple[Item, str]] = []
        found = self.paths.session_temp_dirs()
        for folder in [*found, *(f for f in self.owned.recorded if f not in found and safety.exists(f))]:
            if not self.owned.is_session_temp(folder):
                continue  # another user's, in a shared temporary folder
            pid = owner_pid(folder)
            if folder in self.keep or pid == os.getpid():
                continue  # this process's own folder, removed when it exits
            item = Item("path", str(folder), SESSION_FOLDER)
            if pid is not None and psutil.pid_exists(pid):
                busy.append((item, f"in use by running lockdown process {pid}; run the uninstaller "
                                   "again once it has ended"))
            else:
                items.append(item)
        roots = [(self.paths.cache, "cache"), (self.paths.config, "settings"),
                 (self.paths.log, "logs"), (self.paths.state, "session state"),
                 (self.paths.install, "installed program"), (self.paths.data, "data and receipt")]
        seen: set[Path] = set()
        for root, why in roots:
            if root not in seen:
                seen.add(root)
                items.append(Item("path", str(root), why))
        items += [Item("parent_dir", str(p), "folder created by the installer, removed if empty")
                  for p in sorted(parents, key=lambda p: len(p.parts), reverse=True)]
        return Plan(items=changes + items, refused=refused, notes=notes, busy=busy)

    def present(self, item: Item) -> bool:
        """Is this item on the machine now? (SecretsUnavailable when the keyring cannot say.)"""
        if item.change is not None:
            return self.platform.change_remains(item.change)
        if item.kind == "change":
            return (item.target, item.why) in self.platform.handler_traces()
        if item.kind == "registry":
            return self.platform.registry_key_exists(item.target)
        if item.kind == "keyring":
            service, user = item.target.split("/", 1)
            return self.secrets(service).get(user) is not None
        return safety.exists(Path(item.target))

    def dry_run(self) -> Plan:
        """The plan, keeping only what is actually there (a keyring it cannot ask is listed)."""
        plan = self.plan()
        kept = []
        for item in plan.items:
            try:
                if self.present(item):
                    kept.append(item)
            except SecretsUnavailable:
                kept.append(item)
        return Plan(items=kept, refused=plan.refused, notes=plan.notes, busy=plan.busy)

    def run(self, progress: Progress | None = None) -> UninstallReport:
        """Remove every planned item, then check each again."""
        step = progress or (lambda _done, _total, _what: None)
        plan = self.plan()
        report = UninstallReport(refused=plan.refused, notes=plan.notes, remaining=list(plan.busy))
        errors: dict[Item, str] = {}
        total = len(plan.items) + 1
        for i, item in enumerate(plan.items):
            step(i, total, item.label())
            try:
                if self._remove_with_retry(item, report.notes):
                    report.removed.append(item)
            except (OSError, safety.Refused, SecretsUnavailable, ChangeLeft) as exc:
                errors[item] = str(exc) or type(exc).__name__
        step(total - 1, total, "looking again")
        for item in plan.items:
            try:
                still = self.present(item)
            except SecretsUnavailable as exc:
                report.remaining.append((item, f"the keyring could not be asked: {exc}"))
                continue
            if still and item.kind == "parent_dir":
                if any(Path(item.target).iterdir()):
                    continue  # it now holds the user's own files: not a trace of lockdown
            if still:
                report.remaining.append((item, errors.get(item, "still present after removal")))
        self._remember_far_folders(report)
        step(total, total, "done")
        return report

    def _remember_far_folders(self, report: UninstallReport) -> None:
        """A session folder that stays outside the temporary folder is known only from the record, which
        went with the state folder: write it again so that the next uninstall finds it."""
        far = [Leftover(Path(item.target), why) for item, why in report.remaining
               if item.why == SESSION_FOLDER and Path(item.target).parent != self.paths.temp_root]
        if not far:
            return
        try:
            PendingRemovals(self.paths.pending_removals).add(far)
            report.notes.append(f"{self.paths.pending_removals} keeps the list of those folders for the "
                                "next uninstall")
        except OSError as exc:
            report.notes.append(f"{self.paths.pending_removals} could not be written ({exc}): "
                                "delete those folders yourself")

    def _remove_with_retry(self, item: Item, notes: list[str]) -> bool:
        """Remove once, and once more after a pause (a file briefly locked by another program)."""
        try:
            return self._remove(item, notes)
        except OSError:
            time.sleep(self.retry_pause)
            return self._remove(item, notes)

    def _remove(self, item: Item, notes: list[str]) -> bool:
        if item.change is not None:
            notes += self.platform.undo_change(item.change)
            return True
        if item.kind == "change":
            raise ChangeLeft("the receipt does not say what was there before it: left as it is")
        if item.kind == "registry":
            return self.platform.remove_registry_key(item.target)
        if item.kind == "keyring":
            service, user = item.target.split("/", 1)
            return self.secrets(service).delete(user)
        if item.kind == "parent_dir":
            return safety.remove_empty_parent(Path(item.target), self.owned)
        return safety.remove(Path(item.target), self.owned)


def _reason(exc: safety.Refused, path: Path) -> str:
    text = str(exc)
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text
