"""Writes to members and their profiles. Views, the API, the CLI and the demo all call these.

``check_*`` validates and raises ``ValidationError`` (with field names) before anything is
written; ``do_*`` performs an already-authorised change inside one transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mentormesh.accounts.avatars import check_avatar
from mentormesh.accounts.models import AccessToken, Profile, ProfileSkill, User, hash_token
from mentormesh.accounts.validation import validate_handle_format
from mentormesh.community.models import Skill
from mentormesh.social.stats import members_counting_on, recount_account_stats

# Profile fields a member may change, by the actions below; anything else is refused.
EDITABLE_PROFILE_FIELDS = (
    "display_name",
    "headline",
    "bio",
    "country",
    "field",
    "career_start_year",
    "open_to_mentoring",
    "open_to_peer_exchange",
    "open_to_welcoming",
    "mentoring_capacity",
)
TOKEN_PREFIX = "mm_"  # noqa: S105 - a visible marker, not a secret


@dataclass(frozen=True)
class SkillChoice:
    """One declared skill: the skill, offered or sought, and a level 1–4."""

    skill: Skill
    kind: str
    level: int


def check_handle_available(handle: str) -> None:
    validate_handle_format(handle)
    if User.objects.filter(username__iexact=handle).exists():
        raise ValidationError({"handle": "That handle is taken."})


def check_create_user(handle: str, email: str, password: str) -> None:
    errors: dict[str, list[str]] = {}
    for field, check in (
        ("handle", lambda: check_handle_available(handle)),
        ("email", lambda: _check_email_available(email)),
    ):
        try:
            check()
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    try:
        validate_password(password, User(username=handle, email=email))
    except ValidationError as error:
        errors.setdefault("password", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def _check_email_available(email: str) -> None:
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError("That email is already registered.")


@transaction.atomic
def do_create_user(
    handle: str,
    email: str,
    password: str | None,
    *,
    display_name: str = "",
    is_staff: bool = False,
    password_hash: str | None = None,
) -> User:
    """Create a member and their empty profile. ``password=None`` makes an unusable password."""
    user = User(username=handle, email=email.strip(), is_staff=is_staff)
    if password_hash is not None:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()  # the post_save signal gives every user a profile
    if display_name:
        Profile.objects.filter(user=user).update(display_name=display_name)
        user.profile.refresh_from_db()
    return user


def check_create_user_and_do(handle: str, email: str, password: str, **extra: Any) -> User:
    check_create_user(handle, email, password)
    return do_create_user(handle, email, password, **extra)


def check_profile_changes(profile: Profile, changes: Mapping[str, Any]) -> None:
    """Validate changes against the model's own field rules, without saving."""
    unknown = sorted(set(changes) - set(EDITABLE_PROFILE_FIELDS))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field is not editable."))
    candidate = Profile(**{**_profile_values(profile), **changes})
    candidate.full_clean(exclude=["user", "avatar"], validate_unique=False)


def _profile_values(profile: Profile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in EDITABLE_PROFILE_FIELDS}


@transaction.atomic
def do_update_profile(profile: Profile, changes: Mapping[str, Any]) -> Profile:
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def check_and_update_profile(profile: Profile, changes: Mapping[str, Any]) -> Profile:
    check_profile_changes(profile, changes)
    return do_update_profile(profile, changes)


@transaction.atomic
def do_set_skills(profile: Profile, choices: Iterable[SkillChoice]) -> None:
    """Replace the member's declared skills (offered and sought) with ``choices``."""
    ProfileSkill.objects.filter(profile=profile).delete()
    ProfileSkill.objects.bulk_create(
        ProfileSkill(profile=profile, skill=choice.skill, kind=choice.kind, level=choice.level)
        for choice in _unique_choices(choices)
    )


def _unique_choices(choices: Iterable[SkillChoice]) -> list[SkillChoice]:
    seen: dict[tuple[int, str], SkillChoice] = {}
    for choice in choices:
        if choice.kind not in ProfileSkill.Kind.values or choice.level not in range(1, 5):
            raise ValidationError(f"Invalid skill choice: {choice.kind} level {choice.level}.")
        seen[(choice.skill.pk, choice.kind)] = choice
    return list(seen.values())


@transaction.atomic
def do_set_avatar(profile: Profile, upload: UploadedFile | None) -> None:
    """Set (after ``check_avatar``) or remove the avatar; the old file is removed after commit."""
    old = profile.avatar.name if profile.avatar else None
    if upload is None:
        profile.avatar = None
    else:
        profile.avatar.save(upload.name or "avatar", upload, save=False)
    profile.save(update_fields=["avatar", "updated_at"])
    if old and old != profile.avatar.name:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old))


def check_and_set_avatar(profile: Profile, upload: UploadedFile) -> None:
    check_avatar(upload)
    do_set_avatar(profile, upload)


def do_create_access_token(user: User, name: str) -> tuple[AccessToken, str]:
    """Create a token; the raw token is returned once and never stored."""
    name = name.strip()
    if not name or len(name) > 80:
        raise ValidationError({"name": "Give the token a name of 1–80 characters."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw)
    )
    return token, raw


def do_revoke_access_token(token: AccessToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(raw: str) -> User | None:
    """The active member a live token belongs to, recording its use; None when unknown."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        AccessToken.objects.live().select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def do_grant_steward_permissions(user: User) -> None:
    """Make ``user`` a steward who can run the community in the admin: staff, with every
    permission on mentormesh's own models (members, profiles, tracks and skills, and whatever
    later apps add), but none on Django's internals (sessions, content types, task results)."""
    labels = [
        config.label for config in apps.get_app_configs() if config.name.startswith("mentormesh.")
    ]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=labels))


@transaction.atomic
def do_delete_members(members: QuerySet[User]) -> int:
    """Delete these members and everything that belongs to them (profiles, skills, tokens and,
    through the database's cascades, whatever later apps attach to a member). Returns how many.
    The counters of the members left behind (followers, posts with shares) are counted again."""
    left_behind = members_counting_on(members.values_list("pk", flat=True))
    _total, deleted = members.delete()
    recount_account_stats(left_behind)
    return deleted.get(User._meta.label, 0)
