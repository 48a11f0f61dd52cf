"""What the frozen bundle keeps: the Qt modules the exam uses and the trimming rules for the rest.

Pure functions over PyInstaller's collected (destination, source, type) entries, so the rules can be
unit-tested without building. Every cut here was checked with the frozen smoke test (see
docs/INTEGRITY.md): the exam needs widgets + QtWebEngine, never QML, 3D, multimedia or charts.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lockdown.i18n import LANGUAGES

QT_MODULES = [
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtPrintSupport",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
]
"""Imported lazily by the kiosk, so PyInstaller must be told (lockdown.cli imports subcommands by name)."""

EXCLUDED_MODULES = [
    "tkinter", "pydoc_data", "lib2to3", "test",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.Qt3DCore",
    "PySide6.QtMultimedia", "PySide6.QtCharts", "PySide6.QtDesigner", "PySide6.QtPdf",
    "PySide6.QtPdfWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtSql", "PySide6.QtTest",
    # Pulled in by PyInstaller's Qt hooks as Python bindings, but never imported at run time:
    "PySide6.QtOpenGL", "PySide6.QtPositioning", "PySide6.QtDBus",
]

DROPPED_RUNTIME_HOOKS = {"pyi_rth_pyside6"}
"""PyInstaller run-time hooks the bundle does without (see build.spec)."""

CHROMIUM_LOCALES = {"en": ("en-US", "en-GB"), "fr": ("fr",)}
"""Chromium's locale files (its own words in a page: form messages, date pickers) kept as files, for
the languages lockdown speaks (lockdown.i18n.LANGUAGES); en-US is also Chromium's fallback. Every
other language's file goes into LOCALE_ARCHIVE, unpacked at start-up for a student whose system
speaks it (lockdown.ui.locales). Qt's own translations are kept for lockdown's languages only."""
LOCALE_ARCHIVE = "PySide6/Qt/translations/qtwebengine_locales-more.zip"

_DIST_INFO_NOISE = {"RECORD", "REQUESTED", "INSTALLER", "direct_url.json"}
"""Installer bookkeeping that carries the build machine's venv path and breaks reproducibility."""

# Qt libraries that nothing the exam loads links against (checked with ldd on the WebEngine stack).
_UNUSED_QT_LIB = re.compile(
    r"libQt6(3D|Quick3D|QuickControls2|QuickDialogs2|QuickLayouts|QuickParticles|QuickShapes|QuickTemplates2"
    r"|QuickTest|QuickTimeline|QuickVectorImage|QuickEffects|Multimedia|SpatialAudio|Charts|DataVisualization"
    r"|Graphs|Designer|Help|HttpServer|Labs|Lottie|Location|NetworkAuth|Nfc|Bluetooth|Pdf|Qml(Compiler"
    r"|DesignSupport|LocalStorage|Network|XmlListModel|Core)|RemoteObjects|Scxml|StateMachine|Sensors"
    r"|SerialBus|SerialPort|ShaderTools|Sql|Svg|Test|TextToSpeech|UiTools|VirtualKeyboard|WebEngineQuick"
    r"|WebSockets|WebView|CanvasPainter|FFmpeg|Xml|EglFS|Concurrent|OpenGLWidgets)"
)
_UNUSED_PLUGIN_DIRS = (
    "qmltooling", "sceneparsers", "renderers", "geometryloaders", "multimedia", "position",
    "sqldrivers", "texttospeech", "virtualkeyboard", "webview", "canvaspainter", "designer",
    "renderplugins", "assetimporters", "sensors", "canbus", "scxmldatamodel", "help",
    "egldeviceintegrations", "generic",
)
_UNUSED_PLUGINS = {
    # Display back ends for embedded devices and remote framebuffers; the exam runs on xcb or Wayland.
    "libqeglfs.so", "libqlinuxfb.so", "libqminimal.so", "libqminimalegl.so", "libqvkkhrdisplay.so",
    "libqvnc.so",
    # The GTK theme drags in GTK, cairo and pango from the build machine; Qt's own style is enough.
    "libqgtk3.so",
    # Qt's on-screen keyboard is QML; operating-system on-screen keyboards are separate programs.
    "libqtvirtualkeyboardplugin.so",
    # Image formats the kiosk's own widgets never show (web pages are decoded by Chromium).
    "libqicns.so", "libqpdf.so", "libqtga.so", "libqtiff.so", "libqwbmp.so", "libqwebp.so", "libqsvg.so",
    "libqsvgicon.so",
    # Network-status back end through GLib (3.3 MB of GIO/GLib); the NetworkManager one stays.
    "libqglib.so",
    # Printing to a physical printer through CUPS drags in CUPS, GnuTLS, Kerberos and Avahi (7.4 MB);
    # exams do not print by default, and QtWebEngine can still print to PDF without it.
    "libcupsprintersupport.so",
}
_UNUSED_RESOURCES = {
    # Chromium's developer tools; the kiosk never opens them.
    "qtwebengine_devtools_resources.pak",
}
_DLOPENED = re.compile(r"lib(softokn3|freeblpriv3|freebl3|nssckbi|nssdbm3|ssl|crypto)\.so")
"""Loaded with dlopen (NSS modules by Chromium, OpenSSL by Qt's TLS plugin): no DT_NEEDED points at them."""


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def keep(dest: str) -> bool:
    """Whether a collected file (its destination path inside the bundle) belongs in the exam build."""
    path = _norm(dest)
    name = path.rsplit("/", 1)[-1]
    parts = path.split("/")
    if ".dist-info" in path and name in _DIST_INFO_NOISE:
        return False
    if _UNUSED_QT_LIB.match(name):
        return False
    if "PySide6" in parts:
        if "qml" in parts or name in _UNUSED_RESOURCES:
            return False
        if "plugins" in parts and (name in _UNUSED_PLUGINS or any(d in parts for d in _UNUSED_PLUGIN_DIRS)):
            return False
        if "translations" in parts:
            if "qtwebengine_locales" in parts:
                return is_kept_locale(name)
            stem = name.rsplit(".", 1)[0]
            return stem.rsplit("_", 1)[-1] in LANGUAGES
    return True


def is_kept_locale(name: str) -> bool:
    """Whether a Chromium locale file (`fr.pak`) stays a file of the bundle (else it is archived)."""
    kept = {stem for lang in LANGUAGES for stem in CHROMIUM_LOCALES.get(lang, (lang,))}
    return name.removesuffix(".pak") in kept


def archived_locales(entries: Iterable[Entry]) -> list[Entry]:
    """The Chromium locale files `keep` drops: they go into the locale archive instead."""
    return [e for e in entries if "qtwebengine_locales" in _norm(e[0]).split("/")
            and _norm(e[0]).endswith(".pak") and not is_kept_locale(_norm(e[0]).rsplit("/", 1)[-1])]


def write_locale_archive(entries: Iterable[Entry], out: Path) -> Path:
    """One LZMA zip of the given locale files, byte for byte the same from one build to the next
    (sorted names, fixed dates and permissions): ~7.5 MB instead of ~43 MB of files."""
    with zipfile.ZipFile(out, "w") as archive:
        for dest, source, _ in sorted(entries, key=lambda e: _norm(e[0]).rsplit("/", 1)[-1]):
            info = zipfile.ZipInfo(_norm(dest).rsplit("/", 1)[-1], date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_LZMA
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, Path(source).read_bytes())
    return out


Entry = tuple[str, str, str]
"""PyInstaller's TOC entry: (destination in the bundle, source path or link target, type code)."""


def trim(entries: Iterable[Entry]) -> list[Entry]:
    """The entries `keep` accepts, in their original order, without links left pointing at nothing."""
    kept = [e for e in entries if keep(e[0])]
    dests = {_norm(e[0]) for e in kept}
    return [e for e in kept if e[2] != "SYMLINK" or _link_target(e) in dests]


def _link_target(entry: Entry) -> str:
    dest, target, _ = entry
    base = _norm(dest).rsplit("/", 1)[0] if "/" in _norm(dest) else ""
    parts: list[str] = [p for p in base.split("/") if p]
    for p in _norm(target).split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


def _is_plain_library(dest: str) -> bool:
    """A shared library other programs link to (not a plugin, extension module or dlopen'ed module)."""
    path = _norm(dest)
    name = path.rsplit("/", 1)[-1]
    return (name.startswith("lib") and ".so" in name and "/plugins/" not in f"/{path}"
            and "lib-dynload" not in path and not name.startswith("libpython")
            and not _DLOPENED.match(name))


def prune_unreferenced(binaries: list[Entry], needed: Callable[[str], Iterable[str]]) -> list[Entry]:
    """Drop libraries that no kept program, plugin or extension links to any more.

    Trimming plugins leaves behind what only they needed (GTK for the GTK theme...); `needed(source)`
    gives the DT_NEEDED names of a binary, so what is left is exactly the link closure of what runs.
    """
    by_name: dict[str, list[Entry]] = {}
    for e in binaries:
        if e[2] != "SYMLINK":
            by_name.setdefault(_norm(e[0]).rsplit("/", 1)[-1], []).append(e)
    wanted: set[str] = set()
    todo = [e for e in binaries if e[2] != "SYMLINK" and not _is_plain_library(e[0])]
    while todo:
        entry = todo.pop()
        for lib in needed(entry[1]):
            if lib not in wanted:
                wanted.add(lib)
                todo.extend(by_name.get(lib, []))
    kept = [e for e in binaries if e[2] == "SYMLINK" or not _is_plain_library(e[0])
            or _norm(e[0]).rsplit("/", 1)[-1] in wanted]
    return trim(kept)
