"""Matchmaking: the Django side of the partner recommendation engine (samverkan.core.matching)."""
