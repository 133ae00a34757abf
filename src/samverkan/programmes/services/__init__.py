"""Writes for the programmes app, split by topic. Keyword-only, never taking `request`."""
