"""Every write of the mentorship features, one module per concern (ties, decisions, marks,
requests, mentorships, nudges); views, the API, the CLI and tasks call these."""
