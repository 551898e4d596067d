"""Fault-injection scenarios against the sandbox: lost, duplicated and parked writes are counted."""
