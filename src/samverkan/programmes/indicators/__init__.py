"""Indicators: automatic sources (one function per standard indicator) and their aggregation."""
