"""B2B meeting scheduling (Django side). The solver itself lives in samverkan.core.scheduling."""
