"""fault suite (issue 10)."""
