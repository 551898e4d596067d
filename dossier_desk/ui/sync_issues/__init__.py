"""Window listing parked outbox items: conflicts to resolve and failures to retry or discard."""
