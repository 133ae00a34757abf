"""Views of the visits app: public booking and status pages, operator pages, host pages."""
