"""mentormesh: a self-hostable social mentoring network."""

__version__ = "0.1.0"
