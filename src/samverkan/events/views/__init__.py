"""Pages of the events app, split by audience: set-up, participants, and the organisers' desk."""
