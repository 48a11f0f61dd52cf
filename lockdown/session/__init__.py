"""Changes made to the machine for an exam, each with its undo."""
