"""Writes of the events app, one module per area (set-up, registration, requests, scheduling,
feedback). Views, the API, commands and tasks call these; none of them takes `request`."""
