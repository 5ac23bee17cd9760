"""Every write of the mentorship app, one module per concern (``ties``, ``stale``, ...)."""
