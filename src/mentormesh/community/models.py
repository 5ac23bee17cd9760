"""The specialisation tracks and the skills within them: a taxonomy stewards edit in the admin."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

hashtag_validator = RegexValidator(
    r"^[a-z0-9_]{1,40}$",
    "A hashtag is 1–40 lower-case letters, digits or underscores, without '#'.",
)
color_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #1f6feb.")


class TrackQuerySet(models.QuerySet["Track"]):
    def active(self) -> TrackQuerySet:
        return self.filter(is_active=True)


class Track(models.Model):
    """A specialisation track such as "Public relations & dialog management"."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    hashtag = models.CharField(
        max_length=40,
        unique=True,
        validators=[hashtag_validator],
        help_text="Posts with this hashtag belong to the track, e.g. 'pr' for #pr.",
    )
    color = models.CharField(max_length=7, default="#1f6feb", validators=[color_validator])
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = TrackQuerySet.as_manager()

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A skill within a track; members offer and seek skills at a level."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="skills")
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("track__position", "position", "name")
        constraints = [
            models.UniqueConstraint(fields=("track", "slug"), name="skill_slug_unique_in_track"),
            models.UniqueConstraint(fields=("track", "name"), name="skill_name_unique_in_track"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.track.name})"
