"""Writes of the visits app, split by concern: submission, workflow, hosts, itinerary,
results and retention. Each function is keyword-only and never takes a request."""
