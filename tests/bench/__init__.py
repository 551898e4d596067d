"""Benchmark harness for Dossier Desk's performance budgets (docs/BENCHMARKS.md). Not collected by pytest.

Run ``python -m tests.bench --dossiers 100000 --out bench.json`` (or ``--quick``). Every figure is
compared with a floor measured in the same run; see ``docs/BENCHMARKS.md``.

This package must stay free of imports at module level: child processes are started as
``python -m tests.bench.children.<name>`` and their start-up time is part of what is measured.
"""
