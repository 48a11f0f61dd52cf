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
from lockdown.platform import InstallSteps, VolumeControl
from lockdown.secrets import SecretStore, SecretsUnavailable
from lockdown.sound import restore_after_crash
from lockdown.state_record import StateRecord
from lockdown.tracefree import owner_pid
from lockdown.words import Phrase, phrase

Progress = Callable[[int, int, Phrase], None]
"""(steps done, steps in all, what is being removed)."""

ItemKind = Literal["change", "path", "parent_dir", "registry", "keyring"]

SESSION_FOLDER = "uninstall.why.session_temp"


@dataclass(frozen=True)
class Item:
    """One thing to remove: a change to undo, a path, a folder to remove if empty, a registry key
    or keyring entry."""

    kind: ItemKind
    target: str
    why: str
    """What it is, as a message key (`uninstall.why.*`)."""
    change: Entry | None = None
    """For kind `change`: the receipt's record of it, with its undo."""

    def label(self) -> Phrase:
        return phrase("uninstall.item", target=self.target, why=phrase(self.why))


@dataclass
class UninstallReport:
    """What was removed, what is still there (and why), what the receipt asked for and was refused."""

    removed: list[Item] = field(default_factory=list)
    remaining: list[tuple[Item, Phrase]] = field(default_factory=list)
    refused: list[tuple[str, Phrase]] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No trace left and nothing suspicious in the receipt."""
        return not self.remaining and not self.refused

    def lines(self) -> list[Phrase]:
        """The report as the terminal and the window show it (the last says "no trace left")."""
        out = [phrase("uninstall.report.note", note=n) for n in self.notes]
        out += [phrase("uninstall.report.refused", path=path, why=why) for path, why in self.refused]
        out += [phrase("uninstall.report.remains", item=item.label(), why=why)
                for item, why in self.remaining]
        if not self.remaining:
            out.append(NO_TRACE)
        return out


NO_TRACE = phrase("uninstall.report.no_trace")


@dataclass
class Plan:
    items: list[Item]
    refused: list[tuple[str, Phrase]]
    notes: list[Phrase]
    busy: list[tuple[Item, Phrase]] = field(default_factory=list)
    """Items left alone on purpose (a running exam's folder), with the reason."""


class Uninstaller:
    """Plans, removes and checks. `keep`: temporary folders this process runs from (the Windows
    copy of the uninstaller), removed after it exits."""

    def __init__(self, paths: Paths, platform: InstallSteps, secrets: Callable[[str], SecretStore],
                 keep: Sequence[Path] = (), retry_pause: float = 1.0,
                 volume: Callable[[], VolumeControl | None] = lambda: None) -> None:
        self.paths = paths
        self.volume = volume
        self.platform = platform
        self.secrets = secrets
        self.keep = tuple(keep)
        self.retry_pause = retry_pause
        self.owned = safety.OwnedLocations.from_paths(paths)

    def _receipt(self, notes: list[Phrase]) -> Receipt | None:
        try:
            receipt = read_receipt(self.paths.receipt)
        except ReceiptError as exc:
            notes.append(phrase("uninstall.note.receipt_unused", problem=exc.phrase))
            return None
        if receipt is not None and not receipt.complete:
            notes.append(phrase("uninstall.note.unfinished"))
        return receipt

    def plan(self) -> Plan:
        """Everything that would be removed, in order; receipt entries that are refused, and why."""
        notes: list[Phrase] = []
        refused: list[tuple[str, Phrase]] = []
        receipt = self._receipt(notes)
        changes: list[Item] = []
        items = [Item("path", str(p), "uninstall.why.menu_entry") for p in self.paths.owned_files()]
        keys = list(self.paths.registry_keys)
        parents: list[Path] = []
        if receipt is not None:
            for entry in receipt.entries:
                if entry.undo is not None:
                    refusal = self.platform.refuse_change(entry)
                    if refusal is not None:
                        refused.append((entry.path, refusal))
                    else:
                        changes.insert(0, Item("change", entry.path, self.platform.describe_change(entry),
                                               entry))
                    continue
                if entry.kind == "registry":
                    if entry.path not in keys:
                        refused.append((entry.path, phrase("uninstall.refused.registry")))
                    continue
                path = Path(entry.path)
                try:
                    if entry.kind == "parent_dir":
                        self.owned.check_empty_parent(path)
                        parents.append(path)
                    else:
                        self.owned.check_removable(path)
                except safety.Refused as exc:
                    refused.append((entry.path, exc.phrase))
        recorded = {(item.target, item.why) for item in changes}
        changes += [Item("change", target, why) for target, why in self.platform.handler_traces()
                    if (target, why) not in recorded]  # no record of what was there before them
        items += [Item("registry", k, "uninstall.why.registry") for k in keys]
        items += [Item("keyring", f"{s}/{u}", "uninstall.why.keyring") for s, u in KEYRING_ENTRIES]
        busy: list[tuple[Item, Phrase]] = []
        found = self.paths.session_temp_dirs()
        for folder in [*found, *(f for f in self.owned.recorded if f not in found and safety.exists(f))]:
            if not self.owned.is_session_temp(folder):
                continue  # another user's, in a shared temporary folder
            pid = owner_pid(folder)
            if folder in self.keep or pid == os.getpid():
                continue  # this process's own folder, removed when it exits
            item = Item("path", str(folder), SESSION_FOLDER)
            if pid is not None and psutil.pid_exists(pid):
                busy.append((item, phrase("uninstall.busy", pid=pid)))
            else:
                items.append(item)
        roots = [(self.paths.cache, "uninstall.why.cache"), (self.paths.config, "uninstall.why.settings"),
                 (self.paths.log, "uninstall.why.logs"), (self.paths.state, "uninstall.why.state"),
                 (self.paths.install, "uninstall.why.program"), (self.paths.data, "uninstall.why.data")]
        seen: set[Path] = set()
        for root, why in roots:
            if root not in seen:
                seen.add(root)
                items.append(Item("path", str(root), why))
        items += [Item("parent_dir", str(p), "uninstall.why.parent")
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
        # the record goes with the state folder: the volume a killed exam left changed comes back first
        restored = restore_after_crash(StateRecord(self.paths.volume_record), self.volume)
        if restored is not None:
            report.notes.append(phrase("uninstall.volume_restored"))
        errors: dict[Item, Phrase] = {}
        total = len(plan.items) + 1
        for i, item in enumerate(plan.items):
            step(i, total, item.label())
            try:
                if self._remove_with_retry(item, report.notes):
                    report.removed.append(item)
            except (safety.Refused, SecretsUnavailable, ChangeLeft) as exc:
                errors[item] = exc.phrase
            except OSError as exc:
                failed = "uninstall.undo_error" if item.kind == "change" else "uninstall.os_error"
                errors[item] = phrase(failed, error=str(exc) or type(exc).__name__)
        step(total - 1, total, phrase("uninstall.step.looking"))
        for item in plan.items:
            try:
                still = self.present(item)
            except SecretsUnavailable as exc:
                report.remaining.append((item, phrase("uninstall.keyring_unasked", problem=exc.phrase)))
                continue
            if still and item.kind == "parent_dir":
                if any(Path(item.target).iterdir()):
                    continue  # it now holds the user's own files: not a trace of lockdown
            if still:
                report.remaining.append((item, errors.get(item, phrase("uninstall.still_present"))))
        self._remember_far_folders(report)
        step(total, total, phrase("uninstall.step.done"))
        return report

    def _remember_far_folders(self, report: UninstallReport) -> None:
        """A session folder that stays outside the temporary folder is known only from the record, which
        went with the state folder: write it again so that the next uninstall finds it."""
        far = [Leftover(Path(item.target), why.text("en")) for item, why in report.remaining
               if item.why == SESSION_FOLDER and Path(item.target).parent != self.paths.temp_root]
        if not far:
            return
        try:
            PendingRemovals(self.paths.pending_removals).add(far)
            report.notes.append(phrase("uninstall.record_kept", path=str(self.paths.pending_removals)))
        except OSError as exc:
            report.notes.append(phrase("uninstall.record_failed", path=str(self.paths.pending_removals),
                                       error=str(exc)))

    def _remove_with_retry(self, item: Item, notes: list[Phrase]) -> bool:
        """Remove once, and once more after a pause (a file briefly locked by another program)."""
        try:
            return self._remove(item, notes)
        except OSError:
            time.sleep(self.retry_pause)
            return self._remove(item, notes)

    def _remove(self, item: Item, notes: list[Phrase]) -> bool:
        if item.change is not None:
            notes += self.platform.undo_change(item.change)
            return True
        if item.kind == "change":
            raise ChangeLeft("uninstall.unchanged.no_record")
        if item.kind == "registry":
            return self.platform.remove_registry_key(item.target)
        if item.kind == "keyring":
            service, user = item.target.split("/", 1)
            return self.secrets(service).delete(user)
        if item.kind == "parent_dir":
            return safety.remove_empty_parent(Path(item.target), self.owned)
        return safety.remove(Path(item.target), self.owned)
