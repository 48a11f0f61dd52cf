"""Shared test helpers: a real X display, real unprivileged users, the real server stub, the real build."""
