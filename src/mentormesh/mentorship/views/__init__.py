"""Pages of the mentorship features."""
