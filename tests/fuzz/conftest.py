"""Fixtures of this suite (the summary fixture works even before the plugin is registered)."""

from tests.fault_summary import suite_figures  # noqa: F401  (fixture)
