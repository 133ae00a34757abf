"""samverkan."""
