"""Documents tab, drag-and-drop, upload dialog and upload queue of a dossier."""
