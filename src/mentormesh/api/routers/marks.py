"""Private marks (mentormesh extension): "I count @x as a mentor (in #track)".

A mark is visible only to the member who made it; the marked member learns of it only through
a thank-you note the member chooses to send (a `thanks` notification).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import member_or_404, parse_id, read_input, renamed
from mentormesh.api.routers.mentor_map import accounts_by_user
from mentormesh.api.schemas import Account, Error, ValidationFailed, request_body
from mentormesh.community.models import Track
from mentormesh.mentorship.actions import marks
from mentormesh.mentorship.models import Mark
from mentormesh.mentorship.models.marks import NOTE_MAX

router = Router(tags=["private marks (mentormesh extension)"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}


class MarkEntity(Schema):
    id: str
    account: Account = Field(description="The member you count as a mentor.")
    track: str | None = Field(description="A track slug; null for across tracks.")
    created_at: str
    thanked_at: str | None = Field(description="When you last sent them a thank-you note.")


class MarkCreate(Schema):
    account_id: str = Field(description="The member you count as a mentor.")
    track: str | None = Field(None, description="A track slug; omit for across tracks.")
    note: str = Field(
        "", description=f"An optional thank-you note (≤ {NOTE_MAX} characters), sent to them."
    )


class ThankInput(Schema):
    note: str = Field(description=f"The thank-you note (≤ {NOTE_MAX} characters).")


def _entity(request: HttpRequest, mark: Mark) -> MarkEntity:
    return MarkEntity(
        id=str(mark.pk),
        account=entities.account(mark.mentor.profile, request),
        track=mark.track.slug if mark.track is not None else None,
        created_at=entities.iso_datetime(mark.created_at),
        thanked_at=entities.iso_datetime(mark.thanked_at) if mark.thanked_at else None,
    )


def _track(slug: str | None) -> Track | None:
    if not slug:
        return None
    found = Track.objects.active().filter(slug=slug).first()
    if found is None:
        raise ValidationError({"track": f'Unknown track "{slug}"; GET /api/v1/tracks lists them.'})
    return found


def _mark_or_404(request: HttpRequest, mark_id: str) -> Mark:
    try:
        return marks.access_mark(member(request), parse_id(mark_id))
    except Http404:
        raise HttpError(404, marks.NOT_YOUR_MARK) from None


@router.get(
    "/v1/mentorship/marks",
    auth=member_auth,
    response={200: list[MarkEntity], **ERRORS},
    summary="My private marks",
)
def list_marks(request: HttpRequest) -> list[MarkEntity]:
    """The members you count as mentors, newest first. Only you can read this list."""
    rows = list(Mark.objects.filter(member=member(request)).select_related("track"))
    accounts = accounts_by_user(request, (mark.mentor_id for mark in rows))
    return [
        MarkEntity(
            id=str(mark.pk),
            account=accounts[mark.mentor_id],
            track=mark.track.slug if mark.track is not None else None,
            created_at=entities.iso_datetime(mark.created_at),
            thanked_at=entities.iso_datetime(mark.thanked_at) if mark.thanked_at else None,
        )
        for mark in rows
    ]


@router.post(
    "/v1/mentorship/marks",
    auth=member_auth,
    response={200: MarkEntity, **ERRORS},
    summary="Count someone as a mentor",
    openapi_extra={"requestBody": request_body(MarkCreate)},
)
def create_mark(request: HttpRequest) -> MarkEntity:
    """Privately count `account_id` as a mentor, optionally in one `track`, with an optional
    thank-you `note` sent to them as a `thanks` notification. 422 for yourself, a member on the
    other side of a block, a duplicate mark or an over-long note; nothing changes then."""
    data = read_input(request, MarkCreate)
    mentor = member_or_404(data.account_id)
    track = _track(data.track)
    mark = renamed(
        {"mentor": "account_id"},
        lambda: marks.check_and_mark(member(request), mentor, track, data.note),
    )
    return _entity(request, mark)


@router.post(
    "/v1/mentorship/marks/{id}/thank",
    auth=member_auth,
    response={200: MarkEntity, **ERRORS},
    summary="Send a thank-you note",
    openapi_extra={"requestBody": request_body(ThankInput)},
)
def thank(request: HttpRequest, id: str) -> MarkEntity:
    """Send the member you marked a thank-you `note` (a `thanks` notification): the only way
    they learn that you count them as a mentor."""
    mark = _mark_or_404(request, id)
    data = read_input(request, ThankInput)
    marks.check_and_thank(mark, data.note)
    mark.refresh_from_db()
    return _entity(request, mark)


@router.delete(
    "/v1/mentorship/marks/{id}",
    auth=member_auth,
    response={200: dict[str, str], **ERRORS},
    summary="Remove a private mark",
)
def delete_mark(request: HttpRequest, id: str) -> HttpResponse | dict[str, str]:
    """Stop counting someone as a mentor. Answers `{}`; 404 for a mark that is not yours."""
    marks.do_unmark(_mark_or_404(request, id))
    return {}
