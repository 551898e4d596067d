"""Programs the harness starts as separate processes (cold start, RSS, upload, the sandbox host)."""
