"""Fault injection: decides, per API request, what goes wrong (see :class:`FaultConfig`), and counts it.

The injector only decides; ``gate.py`` carries the faults out on the wire.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass

from dossier_sandbox.config import FaultConfig

WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


@dataclass(frozen=True)
class Fault:
    kind: str  # "throttle" | "error" | "drop" | "truncate" | "commit_then_drop"
    status: int = 0


class FaultInjector:
    """Holds the live :class:`FaultConfig` (replaceable at run time) and the counts of faults injected."""

    def __init__(self, config: FaultConfig) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.set(config)

    @property
    def config(self) -> FaultConfig:
        return self._config

    def set(self, config: FaultConfig) -> None:
        with self._lock:
            self._config = config
            self._rng = random.Random(config.seed)
            self._injected = 0

    def applies(self, method: str, path: str) -> bool:
        config = self._config
        if config.methods and method.upper() not in {m.upper() for m in config.methods}:
            return False
        return not config.path_contains or config.path_contains in path

    def latency_s(self, method: str, path: str) -> float:
        config = self._config
        if not (config.latency_ms or config.latency_jitter_ms) or not self.applies(method, path):
            return 0.0
        with self._lock:
            jitter = self._rng.uniform(0, config.latency_jitter_ms) if config.latency_jitter_ms else 0.0
            self.counts["latency"] += 1
        return (config.latency_ms + jitter) / 1000.0

    def decide(self, method: str, path: str) -> Fault | None:
        """The fault to inject into this request, if any (counted)."""
        config = self._config
        if not config.active or not self.applies(method, path):
            return None
        with self._lock:
            if config.max_faults is not None and self._injected >= config.max_faults:
                return None
            fault = self._draw(config, method.upper())
            if fault is not None:
                self._injected += 1
                self.counts[fault.kind if fault.kind != "error" else f"status_{fault.status}"] += 1
            return fault

    def _draw(self, config: FaultConfig, method: str) -> Fault | None:
        rng = self._rng
        if config.throttle_rate and rng.random() < config.throttle_rate:
            return Fault("throttle", 429)
        if config.error_rate and rng.random() < config.error_rate:
            return Fault("error", rng.choice(config.error_statuses or (500,)))
        if (
            config.commit_then_drop_rate
            and method in WRITE_METHODS
            and rng.random() < config.commit_then_drop_rate
        ):
            return Fault("commit_then_drop")
        if config.drop_rate and rng.random() < config.drop_rate:
            return Fault("drop")
        if config.truncate_rate and rng.random() < config.truncate_rate:
            return Fault("truncate")
        return None

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self.counts)

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
