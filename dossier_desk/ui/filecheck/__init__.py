"""The poortwachter file check: the per-dossier tab, the at-risk view and the re-integration file PDF."""
