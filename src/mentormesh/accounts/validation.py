"""Validation rules shared by forms, the API and the importers (one rule, one place)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

HANDLE_RE = re.compile(r"^[A-Za-z0-9_]{2,30}$")
# Handles that would be confusing or collide with site paths and roles.
RESERVED_HANDLES = frozenset(
    {
        "about",
        "account",
        "accounts",
        "admin",
        "administrator",
        "api",
        "app",
        "auth",
        "community",
        "directory",
        "explore",
        "help",
        "home",
        "login",
        "logout",
        "me",
        "media",
        "members",
        "mentormesh",
        "moderator",
        "moderators",
        "notifications",
        "oauth",
        "privacy",
        "root",
        "search",
        "settings",
        "signup",
        "static",
        "steward",
        "stewards",
        "support",
        "system",
        "terms",
        "tracks",
        "well_known",
        "www",
    }
)
EARLIEST_CAREER_YEAR = 1950
MAX_CAPACITY = 20


def validate_handle_format(value: str) -> None:
    if not HANDLE_RE.fullmatch(value):
        raise ValidationError(
            "A handle is 2–30 letters, digits or underscores, like @dana_pr.", code="handle_format"
        )
    if value.lower() in RESERVED_HANDLES:
        raise ValidationError(
            f"@{value} is reserved; please choose another handle.", code="handle_reserved"
        )


def validate_career_start_year(value: int) -> None:
    this_year = timezone.now().year
    if not EARLIEST_CAREER_YEAR <= value <= this_year:
        raise ValidationError(
            f"The year your career started must be between {EARLIEST_CAREER_YEAR} and {this_year}.",
            code="career_year",
        )


def validate_capacity(value: int) -> None:
    if not 0 <= value <= MAX_CAPACITY:
        raise ValidationError(
            f"Mentoring capacity must be between 0 and {MAX_CAPACITY}.", code="capacity"
        )
