"""lockdown: an exam kiosk that keeps other apps out without privileges and leaves no trace."""

__version__ = "0.1.0"
APP_NAME = "lockdown"
