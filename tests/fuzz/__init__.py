"""Fuzz tests: hostile files, OData literals, server responses and sync pages."""
