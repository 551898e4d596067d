"""Dossier rules without Qt and without I/O: deadlines, the statutory file check, rights (used by ui
and store)."""
