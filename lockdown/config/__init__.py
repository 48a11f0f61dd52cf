"""Exam configuration: native JSON or SEB `.seb`, loaded into the frozen ExamConfig.

    load_config(source)          file path, https:// URL (http:// on loopback), seb(s):// link
    parse_config(data, source)   bytes of either format, sniffed
    passwords=PasswordPrompt     (either) the settings password of an encrypted .seb file
    lockdown.config.explain      lines for `lockdown run --explain` (its own module: its tables
                                 of every setting stay out of an exam's start-up)

Every failure is a lockdown.errors.ConfigError naming the source and the field.
"""

from __future__ import annotations

from lockdown.config.loader import load_config, parse_config
from lockdown.config.model import ExamConfig

__all__ = ["ExamConfig", "load_config", "parse_config"]
