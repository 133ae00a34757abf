"""Pure-Python domain cores of samverkan (no Django imports)."""
