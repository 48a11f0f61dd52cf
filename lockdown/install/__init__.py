"""Per-user install and trace-free uninstall, shared by the installer, the uninstaller and the CLI.

No Qt here: the windows in lockdown/ui/install_window.py only show what these modules report.
"""
