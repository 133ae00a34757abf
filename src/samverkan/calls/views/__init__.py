"""Views of the calls app, split by subject."""
