"""One module per domain; each exposes `prefix` and `router`."""
