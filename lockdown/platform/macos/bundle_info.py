"""The app bundle's Info.plist entries, which `build.spec` hands to PyInstaller's BUNDLE.

On macOS a program opens links and documents because its bundle says so: Launch Services reads
CFBundleURLTypes (the seb and sebs schemes) and CFBundleDocumentTypes (.seb files) from the
installed bundle, so the install writes nothing else and the uninstall has nothing to undo. The
.seb type is SEB's own (`org.safeexambrowser.seb`, exported by Safe Exam Browser's Info.plist):
lockdown imports it, so when SEB is installed both name the same type. Pure data: imports on any OS.
"""

from __future__ import annotations

from lockdown.platform.macos.system import MIN_MACOS

BUNDLE_NAME = "Lockdown.app"
BUNDLE_ID = "org.lockdown.exam"
SEB_CONFIG_TYPE = "org.safeexambrowser.seb"
"""The Uniform Type Identifier Safe Exam Browser exports for .seb files."""
CONFIG_EXTENSION = "seb"
CONFIG_MIME_TYPE = "application/seb"
LINK_SCHEMES = ("seb", "sebs")


def info_plist(version: str) -> dict[str, object]:
    """The keys lockdown adds to (or sets in) the Info.plist PyInstaller writes."""
    return {
        "CFBundleDisplayName": "Lockdown",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": ".".join(map(str, (*MIN_MACOS, 0)[:2])),
        "LSApplicationCategoryType": "public.app-category.education",
        "NSHighResolutionCapable": True,
        "CFBundleURLTypes": [{
            "CFBundleURLName": f"{BUNDLE_ID}.exam-link",
            "CFBundleURLSchemes": list(LINK_SCHEMES),
            "CFBundleTypeRole": "Viewer",
        }],
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "SEB exam configuration",
            "CFBundleTypeRole": "Viewer",
            "LSHandlerRank": "Default",
            "LSItemContentTypes": [SEB_CONFIG_TYPE],
        }],
        "UTImportedTypeDeclarations": [{
            "UTTypeIdentifier": SEB_CONFIG_TYPE,
            "UTTypeDescription": "SEB exam configuration",
            "UTTypeConformsTo": ["public.data"],
            "UTTypeTagSpecification": {
                "public.filename-extension": [CONFIG_EXTENSION],
                "public.mime-type": [CONFIG_MIME_TYPE],
            },
        }],
    }
