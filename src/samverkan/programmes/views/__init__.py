"""Pages of the programmes app, split by topic."""
