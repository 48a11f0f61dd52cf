"""seb:// and sebs:// links and .seb files opened by lockdown, for one freedesktop user, undone exactly.

Two shared places are changed, each recorded in the receipt before it is changed:

- `$XDG_CONFIG_HOME/mimeapps.list`: lockdown's desktop entry becomes the default for the two link
  schemes and for `application/seb` (`xdg-open`, GNOME's `gio` and KDE read it; GLib finds an
  application that merely lists a type only through a `mimeinfo.cache`, which lockdown does not
  write). Undone line by line (`mimeapps`); the file goes if lockdown created it.
- `$XDG_DATA_HOME/mime`: Debian's shared-mime-info knows no `.seb` type, so a package declaring
  `application/seb` for `*.seb` is added and the user MIME database rebuilt. Only when the
  uninstaller can leave no trace: a database lockdown created is removed whole; an existing one
  must be what its packages build (checked on a copy first), so that rebuilding it without
  lockdown's package gives back its files byte for byte. Otherwise the type is not registered.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from lockdown.install.changes import ChangeLeft, DatabaseUndo, FileDigest, LineUndo
from lockdown.install.receipt import Entry
from lockdown.leftovers import remove_folder
from lockdown.paths import SESSION_TMP_PREFIX, Paths
from lockdown.platform.linux import mimeapps
from lockdown.words import Phrase, PhraseError, phrase

DEFAULT_FOR = {"x-scheme-handler/sebs": "uninstall.why.default.sebs",
               "x-scheme-handler/seb": "uninstall.why.default.seb",
               "application/seb": "uninstall.why.default.file"}
"""What the exam entry declares (`MimeType=`) and is made the default for, and what the
uninstaller's report calls each default (a message key)."""
HANDLED_TYPES = tuple(DEFAULT_FOR)

PACKAGE_NAME = "lockdown-seb.xml"
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/seb">
    <comment>SEB exam configuration</comment>
    <comment xml:lang="fr">Configuration d'examen SEB</comment>
    <glob pattern="*.seb"/>
  </mime-type>
</mime-info>
"""
UPDATE_TOOL = "update-mime-database"
TOOL_TIMEOUT_S = 120.0
SHOWN_DIFFERENCES = 5

Record = Callable[[Entry], None]
TYPE_REGISTERED = "uninstall.why.mime_package"


class DatabaseError(PhraseError):
    """The user MIME database cannot be built or read as lockdown needs; the phrase says why."""


def mime_types_key() -> str:
    """The desktop entry's `MimeType=` value."""
    return "".join(f"{t};" for t in HANDLED_TYPES)


def _system_env() -> dict[str, str]:
    """The environment for a system program: the built bundle's library path taken out again."""
    env = dict(os.environ)
    if "LD_LIBRARY_PATH_ORIG" in env:
        env["LD_LIBRARY_PATH"] = env["LD_LIBRARY_PATH_ORIG"]
    elif getattr(sys, "frozen", False):
        env.pop("LD_LIBRARY_PATH", None)
    return env


def rebuild(database: Path) -> None:
    """Run `update-mime-database` on `database`; DatabaseError if it is missing or fails."""
    try:
        done = subprocess.run([UPDATE_TOOL, str(database)], capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT_S, env=_system_env(), check=False)
    except FileNotFoundError:
        raise DatabaseError("install.mime.no_tool", tool=UPDATE_TOOL) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError("install.mime.tool_unrun", tool=UPDATE_TOOL, error=str(exc)) from None
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        if not said:
            raise DatabaseError("install.mime.tool_failed.silent", tool=UPDATE_TOOL, code=done.returncode)
        raise DatabaseError("install.mime.tool_failed", tool=UPDATE_TOOL, code=done.returncode,
                            message=said[-1])


def digest(folder: Path) -> tuple[FileDigest, ...]:
    """Every file (SHA-256) and folder below `folder`, sorted; DatabaseError for anything else."""
    found: list[FileDigest] = []
    for root, dirnames, filenames in os.walk(folder):
        here = Path(root)
        for name in (*dirnames, *filenames):
            path = here / name
            rel = path.relative_to(folder).as_posix()
            st = path.lstat()
            if stat.S_ISDIR(st.st_mode):
                found.append(FileDigest(rel, None))
            elif stat.S_ISREG(st.st_mode):
                with path.open("rb") as fh:
                    found.append(FileDigest(rel, hashlib.file_digest(fh, "sha256").hexdigest()))
            else:
                raise DatabaseError("install.mime.odd_file", path=str(path))
    return tuple(sorted(found, key=lambda d: d.path))


def _packages_part(digests: Sequence[FileDigest]) -> list[FileDigest]:
    return [d for d in digests if d.path == "packages" or d.path.startswith("packages/")]


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _read(path: Path) -> str | None:
    """The file's text (bytes that are not UTF-8 kept as they are), None when there is no file."""
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except FileNotFoundError:
        return None


def _write(path: Path, text: str) -> None:
    """Replace the file through a temporary name, keeping its permissions."""
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.lockdown-new")
    tmp.write_bytes(text.encode("utf-8", "surrogateescape"))
    if mode is not None:
        os.chmod(tmp, mode)
    os.replace(tmp, path)


class FreedesktopHandlers:
    """The link and file handlers of one user's lockdown on a freedesktop system."""

    def __init__(self, paths: Paths) -> None:
        if paths.mimeapps is None or paths.mime_database is None:
            raise ValueError("these paths have no freedesktop handler locations")
        self._paths = paths
        self.mimeapps = paths.mimeapps
        self.database = paths.mime_database
        self.package = paths.mime_database / "packages" / PACKAGE_NAME
        self.desktop_id = paths.shortcuts[0].name

    # ---- install ---------------------------------------------------------------------------------

    def create(self, previous: Sequence[Entry], record: Record) -> tuple[list[Entry], list[Phrase]]:
        """Register the `.seb` type (when it can be undone), then the defaults; (changes, notes)."""
        notes: list[Phrase] = []
        entries = self._register_type(previous, record, notes)
        entries += self._set_defaults(previous, record, notes)
        return entries, notes

    def _register_type(self, previous: Sequence[Entry], record: Record, notes: list[Phrase]) -> list[Entry]:
        kept = next((e for e in previous if e.kind == "mime_package" and self.refuse(e) is None), None)
        undo = kept.undo if kept is not None else None
        if isinstance(undo, DatabaseUndo) and not undo.created and not os.path.lexists(self.database):
            undo = None  # the database went away since: this install creates it
        if undo is None:
            why = self._cannot_register()
            if why is not None:
                notes.append(phrase("install.note.type_not_registered", why=why))
                return []
            exists = os.path.lexists(self.database)
            undo = DatabaseUndo(str(self.database), created=not exists,
                                before=digest(self.database) if exists else ())
        entry = Entry("mime_package", str(self.package), undo)
        record(entry)
        try:
            if _read(self.package) != PACKAGE:
                _write(self.package, PACKAGE)
            rebuild(self.database)
        except DatabaseError as exc:
            notes.append(phrase("install.note.type_may_fail", problem=exc.phrase))
        return [entry]

    def _cannot_register(self) -> Phrase | None:
        """Why registering `.seb` could not be undone without a trace, or None when it can."""
        if shutil.which(UPDATE_TOOL, path=_system_env().get("PATH")) is None:
            return phrase("install.mime.no_tool", tool=UPDATE_TOOL)
        if not os.path.lexists(self.database):
            return None
        if _is_link(self.database) or not self.database.is_dir():
            return phrase("install.mime.not_folder", path=str(self.database))
        if os.path.lexists(self.package):
            return phrase("install.mime.package_there", path=str(self.package))
        try:
            before = digest(self.database)
            with tempfile.TemporaryDirectory(prefix=f"{SESSION_TMP_PREFIX}{os.getpid()}-mime-",
                                             dir=self._paths.temp_root) as tmp:
                copy = Path(tmp) / "mime"
                shutil.copytree(self.database, copy, symlinks=True)
                rebuild(copy)
                rebuilt = digest(copy)
        except DatabaseError as exc:
            return exc.phrase
        except OSError as exc:
            return phrase("install.mime.unchecked", path=str(self.database), error=str(exc))
        if rebuilt != before:
            return phrase("install.mime.not_rebuildable", path=str(self.database))
        return None

    def _set_defaults(self, previous: Sequence[Entry], record: Record, notes: list[Phrase]) -> list[Entry]:
        path = self.mimeapps
        if os.path.lexists(path) and (_is_link(path) or not path.is_file()):
            notes.append(phrase("install.note.mimeapps_unchanged", path=str(path)))
            return []
        text = _read(path)
        entries: list[Entry] = []
        for entry in previous:  # the earlier install's lines still in the file keep their undo
            undo = entry.undo
            if (entry.kind == "mime_default" and isinstance(undo, LineUndo) and self.refuse(entry) is None
                    and text is not None and mimeapps.has_line(text, undo.after)
                    and all(e.undo != undo for e in entries)):
                entries.append(entry)
        done = {e.undo.key for e in entries if isinstance(e.undo, LineUndo)}
        for mime in HANDLED_TYPES:
            if mime in done:
                continue
            new_text, change = mimeapps.set_default(text or "", mime, self.desktop_id)
            if change.before == change.after:
                continue  # already lockdown's first choice: nothing to change
            entry = Entry("mime_default", str(path), LineUndo(
                mime, change.before, change.after, change.added_group, change.added_separator,
                change.added_newline, created_file=text is None))
            record(entry)
            _write(path, new_text)
            text = new_text
            entries.append(entry)
        return entries

    # ---- uninstall -------------------------------------------------------------------------------

    def refuse(self, entry: Entry) -> Phrase | None:
        """Why the uninstaller must not act on this receipt change, or None when it is lockdown's."""
        undo = entry.undo
        if entry.kind == "mime_default" and isinstance(undo, LineUndo):
            if entry.path != str(self.mimeapps):
                return phrase("uninstall.refused.mimeapps", path=str(self.mimeapps))
            if undo.key not in HANDLED_TYPES or not undo.after.startswith(f"{undo.key}={self.desktop_id};"):
                return phrase("uninstall.refused.mime_line")
            return None
        if entry.kind == "mime_package" and isinstance(undo, DatabaseUndo):
            if entry.path != str(self.package) or undo.database != str(self.database):
                return phrase("uninstall.refused.mime_package", path=str(self.package))
            return None
        return phrase("uninstall.refused.change")

    def describe(self, entry: Entry) -> str:
        """What the change is, as a message key (`refuse` let only lockdown's types through)."""
        if isinstance(entry.undo, LineUndo):
            return DEFAULT_FOR[entry.undo.key]
        return TYPE_REGISTERED

    def traces(self) -> list[tuple[str, str]]:
        """The defaults naming lockdown's entry, and its package, wherever they came from."""
        found = []
        text = None if _is_link(self.mimeapps) else _read(self.mimeapps)
        for mime in HANDLED_TYPES:
            if text is not None and self.desktop_id in mimeapps.default_ids(text, mime):
                found.append((str(self.mimeapps), DEFAULT_FOR[mime]))
        if os.path.lexists(self.package):
            found.append((str(self.package), TYPE_REGISTERED))
        return found

    def undo(self, entry: Entry) -> list[Phrase]:
        """Put back what was there; notes for the report; ChangeLeft when it is left as it is."""
        if isinstance(entry.undo, LineUndo):
            return self._undo_line(entry.undo)
        if isinstance(entry.undo, DatabaseUndo):
            return self._undo_package(entry.undo)
        raise ChangeLeft("uninstall.refused.change")

    def _undo_line(self, undo: LineUndo) -> list[Phrase]:
        path = self.mimeapps
        if _is_link(path):
            raise ChangeLeft("uninstall.unchanged.now_link", path=str(path))
        text = _read(path)
        if text is None:
            return []
        new_text, found = mimeapps.undo(text, mimeapps.LineChange(
            undo.before, undo.after, undo.added_group, undo.added_separator, undo.added_newline))
        if not found:
            if self.desktop_id in mimeapps.default_ids(text, undo.key):
                raise ChangeLeft("uninstall.unchanged.line_still_ours", type=undo.key, entry=self.desktop_id)
            return [phrase("uninstall.note.line_changed", path=str(path), type=undo.key)]
        if undo.created_file and mimeapps.only_empty_group(new_text):
            path.unlink()
        else:
            _write(path, new_text)
        return []

    def _undo_package(self, undo: DatabaseUndo) -> list[Phrase]:
        if os.path.lexists(self.package):
            self.package.unlink()
        if not os.path.lexists(self.database):
            return []
        if _is_link(self.database):
            raise ChangeLeft("uninstall.unchanged.now_link", path=str(self.database))
        others = self._other_packages()
        if undo.created and not others:
            left = remove_folder(self.database)
            if left is not None:
                raise OSError(left.reason)
            return []
        try:
            rebuild(self.database)
            now = digest(self.database)
        except DatabaseError as exc:
            raise ChangeLeft("uninstall.unchanged.not_rebuilt", problem=exc.phrase) from None
        if undo.created:
            return [phrase("uninstall.note.database_kept", path=str(self.database),
                           packages=", ".join(others))]
        if now == undo.before:
            return []
        if _packages_part(now) != _packages_part(undo.before):
            return [phrase("uninstall.note.database_changed", path=str(self.database))]
        differing = sorted({d.path for d in set(now) ^ set(undo.before)})
        raise ChangeLeft("uninstall.unchanged.differs", paths=", ".join(differing[:SHOWN_DIFFERENCES]))

    def _other_packages(self) -> list[str]:
        try:
            return sorted(p.name for p in (self.database / "packages").iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []

    def remains(self, entry: Entry) -> bool:
        """Whether something of this change is still there (the uninstaller's last look)."""
        undo = entry.undo
        if isinstance(undo, LineUndo):
            text = _read(self.mimeapps) if not _is_link(self.mimeapps) else None
            if text is None:
                return False
            return (self.desktop_id in mimeapps.default_ids(text, undo.key)
                    or (undo.created_file and mimeapps.only_empty_group(text)))
        if isinstance(undo, DatabaseUndo):
            if os.path.lexists(self.package):
                return True
            if not os.path.lexists(self.database) or _is_link(self.database):
                return False
            if undo.created:
                return not self._other_packages()
            try:
                now = digest(self.database)
            except (DatabaseError, OSError):
                return True
            return now != undo.before and _packages_part(now) == _packages_part(undo.before)
        return False
