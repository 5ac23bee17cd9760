"""Every write of the mentorship app, one module per concern (requests, mentorships, nudges)."""
