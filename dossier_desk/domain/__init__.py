"""Dossier rules shared by the UI and the store: no Qt, no I/O."""
