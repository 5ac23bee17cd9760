"""update_credentials: read the changes, check all of them, then write them in one transaction.

Nothing is written unless every field, skill and the avatar are valid; the 422 names each field
that is not, in the API's own field names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mentormesh.accounts.actions import (
    SkillChoice,
    check_profile_changes,
    do_set_avatar,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.avatars import check_avatar
from mentormesh.accounts.models import Profile
from mentormesh.api.errors import Details, details_from_django, details_from_pydantic
from mentormesh.api.payload import Payload
from mentormesh.api.schemas import ProfileUpdate, SkillDeclaration
from mentormesh.community.models import Skill, Track

# API field → Profile field, where Mastodon's name differs from ours.
MODEL_FIELDS = {"note": "bio"}
API_FIELDS = {model: api for api, model in MODEL_FIELDS.items()}
FILE_FIELDS = ("avatar",)
# Mastodon fields mentormesh does not have (yet): refused with a clearer word than "unknown".
MASTODON_ONLY_FIELDS = frozenset(
    {
        "header",
        "locked",
        "bot",
        "discoverable",
        "hide_collections",
        "indexable",
        "fields_attributes",
        "source",
        "attribution_domains",
        "avatar_description",
        "header_description",
    }
)


@dataclass(frozen=True)
class CheckedUpdate:
    changes: dict[str, Any]
    skills: list[SkillChoice] | None
    avatar: UploadedFile | None


def check_and_update_credentials(profile: Profile, payload: Payload) -> None:
    update = check_credentials(profile, payload)
    do_update_credentials(profile, update)


def check_credentials(profile: Profile, payload: Payload) -> CheckedUpdate:
    """Validate everything the request asks to change; raise one ValidationError naming each field."""
    errors = _unknown_fields(payload)
    try:
        update = ProfileUpdate.model_validate(
            {k: v for k, v in payload.data.items() if k not in errors}
        )
    except pydantic.ValidationError as error:
        raise ValidationError(
            {**errors, **details_from_pydantic(error.errors(include_url=False))}
        ) from None
    sent = update.model_fields_set
    changes = {MODEL_FIELDS.get(name, name): getattr(update, name) for name in sent - {"skills"}}
    _collect(errors, lambda: check_profile_changes(profile, changes))
    skills = None
    if "skills" in sent:
        skills, skill_errors = resolve_skills(update.skills)
        errors.update(skill_errors)
    avatar = payload.files.get("avatar")
    if avatar is not None:
        _collect(errors, lambda: check_avatar(avatar))
    if errors:
        raise ValidationError(errors)
    return CheckedUpdate(changes, skills, avatar)


@transaction.atomic
def do_update_credentials(profile: Profile, update: CheckedUpdate) -> None:
    if update.changes:
        do_update_profile(profile, update.changes)
    if update.skills is not None:
        do_set_skills(profile, update.skills)
    if update.avatar is not None:
        do_set_avatar(profile, update.avatar)


def resolve_skills(declared: list[SkillDeclaration]) -> tuple[list[SkillChoice], Details]:
    """Declared track/skill slugs → skills of active tracks, with an error for each unknown one."""
    track_slugs = {item.track for item in declared}
    tracks = set(Track.objects.active().filter(slug__in=track_slugs).values_list("slug", flat=True))
    skills = {
        (skill.track.slug, skill.slug): skill
        for skill in Skill.objects.select_related("track").filter(
            track__slug__in=tracks, slug__in={item.skill for item in declared}
        )
    }
    choices: list[SkillChoice] = []
    errors: Details = {}
    for index, item in enumerate(declared):
        skill = skills.get((item.track, item.skill))
        if item.track not in tracks:
            errors[f"skills[{index}].track"] = [
                f'Unknown track "{item.track}"; GET /api/v1/tracks lists them.'
            ]
        elif skill is None:
            errors[f"skills[{index}].skill"] = [
                f'The track "{item.track}" has no skill "{item.skill}".'
            ]
        else:
            choices.append(SkillChoice(skill=skill, kind=item.kind, level=item.level))
    return choices, errors


def _unknown_fields(payload: Payload) -> Details:
    names = [name for name in payload.data if name not in ProfileUpdate.model_fields]
    names += [name for name in payload.files if name not in FILE_FIELDS]
    return {name: [_refusal(name)] for name in names}


def _refusal(name: str) -> str:
    if name in FILE_FIELDS:
        return "Send the avatar as a file in a multipart/form-data body."
    if name.split("[", 1)[0] in MASTODON_ONLY_FIELDS:
        return "mentormesh does not support this Mastodon field."
    return "Unknown field."


def _collect(errors: Details, check: Callable[[], None]) -> None:
    try:
        check()
    except ValidationError as error:
        for field, messages in details_from_django(error).items():
            errors.setdefault(API_FIELDS.get(field, field), []).extend(messages)
