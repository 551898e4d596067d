"""Widgets of the main window; each takes its model and collaborators in its constructor."""
