"""Every write of the mentorship features; views, the API and tasks call these."""
