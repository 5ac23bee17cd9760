"""Finding what a path or a body names, the way every endpoint must: anything the viewer may not
see is "Record not found", whether it never existed, was deleted, is private or is by a member
on the other side of a block — so a response never reveals that a hidden post exists."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Schema

from mentormesh.accounts.models import User
from mentormesh.api.payload import read_payload
from mentormesh.community.models import Track
from mentormesh.social.models import Chat, Status
from mentormesh.social.timelines import shown_to, visible_status
from mentormesh.social.visibility import Viewer

LARGEST_ID = 2**63 - 1
NOT_VISIBLE = "it was deleted or is not visible to you."

Input = TypeVar("Input", bound=Schema)
Result = TypeVar("Result")


def parse_id(value: str) -> int:
    """A path's id, or 404 (Mastodon answers a malformed id like an unknown one)."""
    if not value.isascii() or not value.isdigit() or int(value) > LARGEST_ID:
        raise Http404
    return int(value)


def status_or_404(viewer: Viewer, status_id: str) -> Status:
    """The status, loaded for display, if the viewer may see it."""
    found = visible_status(viewer, parse_id(status_id))
    if found is None:
        raise Http404
    return found


def place_or_404(viewer: Viewer, status_id: str) -> Status:
    """The status's row alone (not loaded for display), if the viewer may see it: for reads
    that only need where it is, like its thread."""
    found = shown_status(viewer, parse_id(status_id))
    if found is None:
        raise Http404
    return found


def original(status: Status) -> Status:
    """What an interaction with a share is about: the shared post (as in Mastodon)."""
    return status.reblog_of if status.reblog_of is not None else status


def shown_status(viewer: Viewer, status_id: int | None) -> Status | None:
    if status_id is None:
        return None
    return Status.objects.filter(shown_to(viewer), pk=status_id).select_related("account").first()


def member_or_404(account_id: str) -> User:
    found = User.objects.filter(pk=parse_id(account_id), is_active=True).first()
    if found is None:
        raise Http404
    return found


def chat_or_404(chat_id: str) -> Chat:
    found = (
        Chat.objects.select_related("host__profile")
        .prefetch_related("tracks")
        .filter(pk=parse_id(chat_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def track_or_404(slug: str) -> Track:
    found = Track.objects.active().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def active_tracks(slugs: Sequence[str], field: str = "tracks") -> list[Track]:
    """The tracks named by slug, in order; one 422 naming each unknown slug."""
    found = {track.slug: track for track in Track.objects.active().filter(slug__in=slugs)}
    errors = {
        f"{field}[{index}]": f'Unknown track "{slug}"; GET /api/v1/tracks lists them.'
        for index, slug in enumerate(slugs)
        if slug not in found
    }
    if errors:
        raise ValidationError(errors)
    return list(dict.fromkeys(found[slug] for slug in slugs))


def active_track(slug: str, field: str = "track") -> Track:
    found = Track.objects.active().filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: f'Unknown track "{slug}"; GET /api/v1/tracks lists them.'})
    return found


def read_input(request: HttpRequest, schema: type[Input]) -> Input:
    """The body (JSON, form-encoded or multipart) checked against ``schema``; a 422 otherwise."""
    return schema.model_validate(read_payload(request).data)


def renamed(fields: Mapping[str, str], act: Callable[[], Result]) -> Result:
    """Run a ``check_*`` action; its errors name fields as the API does (``chat`` → ``chat_id``)."""
    try:
        return act()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {fields.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from None
