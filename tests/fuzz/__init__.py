"""fuzz suite (issue 10)."""
