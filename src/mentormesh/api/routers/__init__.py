"""One router per area of the API; ``api/urls.py`` registers them."""
