"""Members: the user account, the public profile, declared skills and API access tokens."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.templatetags.static import static
from django.utils import timezone
from django_countries.fields import CountryField

from mentormesh.accounts.validation import (
    validate_capacity,
    validate_career_start_year,
    validate_handle_format,
)
from mentormesh.community.models import Skill
from mentormesh.text import render_plain_text

DEFAULT_AVATAR = "mentormesh/img/avatar.png"


class User(AbstractUser):
    """A member's login. ``username`` is the member's handle (``@handle``), unique ignoring case."""

    username = models.CharField(
        "handle",
        max_length=30,
        unique=True,
        validators=[validate_handle_format],
        help_text="2–30 letters, digits or underscores. Shown as @handle.",
        error_messages={"unique": "That handle is taken."},
    )
    email = models.EmailField(
        "email address", unique=True, error_messages={"unique": "That email is already registered."}
    )

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_handle_unique_ignoring_case"),
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    @property
    def handle(self) -> str:
        return self.username

    @property
    def is_steward(self) -> bool:
        return self.is_staff


class Profile(models.Model):
    """What a member tells the community about themselves."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=60, blank=True)
    headline = models.CharField(max_length=120, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    country = CountryField(blank=True)
    field = models.CharField("field or industry", max_length=80, blank=True)
    career_start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_career_start_year]
    )
    open_to_mentoring = models.BooleanField("open to mentoring others", default=False)
    open_to_peer_exchange = models.BooleanField("open to peer exchange", default=True)
    open_to_welcoming = models.BooleanField("open to welcoming newcomers", default=False)
    mentoring_capacity = models.PositiveSmallIntegerField(default=0, validators=[validate_capacity])
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    skills: models.ManyToManyField[Skill, ProfileSkill] = models.ManyToManyField(
        Skill, through="ProfileSkill", related_name="profiles"
    )

    class Meta:
        indexes = [models.Index(fields=("country",)), models.Index(fields=("open_to_mentoring",))]

    def __str__(self) -> str:
        return f"@{self.user.username}"

    @property
    def name(self) -> str:
        return self.display_name or self.user.username

    @property
    def avatar_url(self) -> str:
        """A path to the member's avatar, or the shared default picture."""
        if self.avatar:
            return self.avatar.url
        return static(DEFAULT_AVATAR)

    @property
    def bio_html(self) -> str:
        """The bio as sanitised HTML paragraphs (plain text in, links made clickable)."""
        return render_plain_text(self.bio)

    def experience_years(self, today_year: int | None = None) -> int | None:
        if self.career_start_year is None:
            return None
        return (today_year or timezone.now().year) - self.career_start_year


class SkillLevel(models.IntegerChoices):
    BEGINNER = 1, "beginner"
    INTERMEDIATE = 2, "intermediate"
    ADVANCED = 3, "advanced"
    EXPERT = 4, "expert"


class ProfileSkill(models.Model):
    """A skill a member offers (can help with) or seeks (wants to learn), at a level."""

    class Kind(models.TextChoices):
        OFFERED = "offered", "offered"
        SOUGHT = "sought", "sought"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="profile_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="profile_skills")
    kind = models.CharField(max_length=7, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(
        choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )

    class Meta:
        ordering = ("skill__track__position", "skill__position")
        constraints = [
            models.UniqueConstraint(
                fields=("profile", "skill", "kind"), name="profile_skill_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} {self.kind} {self.skill.name} ({self.get_level_display()})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class AccessTokenQuerySet(models.QuerySet["AccessToken"]):
    def live(self) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class AccessToken(models.Model):
    """A personal access token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(
        max_length=12, help_text="The token's first characters, to recognise it."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(max_length=100, default="read write")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
