"""Guards that keep other apps out and check the environment; no Qt here (see lockdown.ui.lockdown_ops)."""
