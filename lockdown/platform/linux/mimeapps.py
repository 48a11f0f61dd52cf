"""Default applications in a freedesktop `mimeapps.list`, changed line by line and undone exactly.

`xdg-open sebs://...` (and GNOME's `gio open`, KDE's `kde-open`) asks `$XDG_CONFIG_HOME/mimeapps.list`
which desktop entry handles a link scheme. lockdown adds its entry to the `[Default Applications]`
group for the schemes it handles, and remembers each line as it was before (absent, or the line it
replaced), so the uninstaller can put back exactly what was there and leave every other byte of the
file alone. A line the student changed since is theirs: it is left as it is, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUP = "[Default Applications]"


@dataclass(frozen=True)
class LineChange:
    """One line of the file: `before` (None: it was not there) and `after`, as written.

    The flags say what else was added to hold the line, so that undoing every change, last first,
    gives back the file byte for byte: the group header, the blank line before it, and the
    newline at the end of a file that had none.
    """

    before: str | None
    after: str
    added_group: bool = False
    added_separator: bool = False
    added_newline: bool = False


def _key(line: str) -> str | None:
    """The key of a `key=value` line (None for comments, blanks and group headers)."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "[")) or "=" not in stripped:
        return None
    return stripped.split("=", 1)[0].strip()


def _group_bounds(lines: list[str]) -> tuple[int, int] | None:
    """(header index, end index) of the first `[Default Applications]` group, or None."""
    for i, line in enumerate(lines):
        if line.strip() == GROUP:
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith("[")), len(lines))
            return i, end
    return None


def set_default(text: str, mime_type: str, desktop_id: str) -> tuple[str, LineChange]:
    """Make `desktop_id` the first default for `mime_type`; the new text and the line change.

    An existing line for the type keeps its other applications after lockdown's, so that removing
    lockdown's line later gives back the student's own choice unchanged.
    """
    lines = text.splitlines(keepends=True)
    added_newline = bool(lines) and not lines[-1].endswith("\n")
    if added_newline:
        lines[-1] += "\n"
    bounds = _group_bounds(lines)
    added_group = added_separator = False
    if bounds is None:
        if lines and lines[-1].strip():
            lines.append("\n")
            added_separator = True
        lines.append(GROUP + "\n")
        added_group = True
        bounds = (len(lines) - 1, len(lines))
    start, end = bounds
    extra = {"added_group": added_group, "added_separator": added_separator, "added_newline": added_newline}
    for i in range(start + 1, end):
        if _key(lines[i]) == mime_type:
            before = lines[i].rstrip("\n")
            others = [d for d in before.split("=", 1)[1].strip().split(";") if d and d != desktop_id]
            after = f"{mime_type}={';'.join([desktop_id, *others])};"
            lines[i] = after + "\n"
            return "".join(lines), LineChange(before, after, **extra)
    after = f"{mime_type}={desktop_id};"
    insert_at = end
    while insert_at > start + 1 and not lines[insert_at - 1].strip():
        insert_at -= 1  # before the blank lines that end the group
    lines.insert(insert_at, after + "\n")
    return "".join(lines), LineChange(None, after, **extra)


def undo(text: str, change: LineChange) -> tuple[str, bool]:
    """Put back the line as it was before `change`; (new text, whether lockdown's line was found).

    Only a line that is still exactly what lockdown wrote is touched; when it is gone or was edited
    since, the text is returned unchanged and False says so.
    """
    lines = text.splitlines(keepends=True)
    bounds = _group_bounds(lines)
    if bounds is None:
        return text, False
    start, end = bounds
    for i in range(start + 1, end):
        if lines[i].rstrip("\n") == change.after:
            if change.before is None:
                del lines[i]
                end -= 1
            else:
                lines[i] = change.before + ("\n" if lines[i].endswith("\n") else "")
            break
    else:
        return text, False
    if change.added_group and all(not line.strip() for line in lines[start + 1:end]):
        del lines[start:end]
        if change.added_separator and start > 0 and not lines[start - 1].strip():
            del lines[start - 1]
    result = "".join(lines)
    if change.added_newline and result.endswith("\n"):
        result = result[:-1]
    return result, True


def default_ids(text: str, mime_type: str) -> list[str]:
    """The desktop ids the first `[Default Applications]` group names for `mime_type`, in order."""
    lines = text.splitlines(keepends=True)
    bounds = _group_bounds(lines)
    if bounds is None:
        return []
    for line in lines[bounds[0] + 1:bounds[1]]:
        if _key(line) == mime_type:
            return [d.strip() for d in line.split("=", 1)[1].split(";") if d.strip()]
    return []


def has_line(text: str, line: str) -> bool:
    """Whether the first `[Default Applications]` group holds exactly this line (as `undo` looks for it)."""
    lines = text.splitlines(keepends=True)
    bounds = _group_bounds(lines)
    return bounds is not None and any(x.rstrip("\n") == line for x in lines[bounds[0] + 1:bounds[1]])


def only_empty_group(text: str) -> bool:
    """True when nothing but an empty `[Default Applications]` group (and blank lines) is left."""
    meaningful = [line.strip() for line in text.splitlines() if line.strip()]
    return meaningful in ([], [GROUP])
