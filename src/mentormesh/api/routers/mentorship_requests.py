"""Mentorship requests (mentormesh extension, in Mastodon's style): ask, list, answer.

The requester only ever reads `pending`, `accepted` or `unavailable` ("not available right
now"): a no, a not now and an expiry are the same to them. The person asked reads their own
answer. Anyone else gets 404 for a request, whatever it is.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from mentormesh.accounts.models import User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import active_tracks, member_or_404, parse_id, read_input, renamed
from mentormesh.api.pagination import PageQuery, set_link_header
from mentormesh.api.schemas import Account, Error, Id, Slugs, ValidationFailed, request_body
from mentormesh.mentorship.actions import requests as actions
from mentormesh.mentorship.models import Cadence, MentorshipRequest
from mentormesh.mentorship.models.requests import DURATION_WEEKS, MAX_NOTE_CHARS
from mentormesh.social.timelines import paginate

router = Router(tags=["mentorship requests (mentormesh extension)"])

ERRORS: dict[int, type[Error]] = {
    401: Error,
    403: Error,
    404: Error,
    422: ValidationFailed,
}


class MentorshipRequestOut(Schema):
    id: str
    direction: Literal["incoming", "outgoing"] = Field(
        description="`incoming`: you were asked; `outgoing`: you asked."
    )
    account: Account = Field(description="The other person.")
    state: Literal["pending", "accepted", "unavailable", "declined", "not_now", "expired"] = Field(
        description="For outgoing requests only `pending`, `accepted` or `unavailable` (not "
        "available right now: no, not now and expiry look the same). For incoming requests, your "
        "own answer: `declined`, `not_now`, or `expired`."
    )
    state_text: str = Field(description="The state in words, as the pages show it.")
    tracks: list[str] = Field(description="Track slugs.")
    note: str = Field(description="The heads-up note.")
    cadence: str
    duration_weeks: int
    created_at: str
    mentorship_id: str | None = Field(description="The mentorship, once accepted.")


class MentorshipRequestCreate(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    account_id: Id = Field(description="Whom you ask to be your mentor.")
    tracks: Slugs = Field(description="Track slugs (at least one).")
    note: str = Field("", description=f"Optional heads-up note, up to {MAX_NOTE_CHARS} characters.")
    cadence: str = Field(Cadence.FORTNIGHTLY, description=f"One of {', '.join(Cadence.values)}.")
    duration_weeks: int = Field(12, description=f"One of {', '.join(map(str, DURATION_WEEKS))}.")


class AnswerInput(Schema):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(description="`yes`, `no` or `not_now`.")


class Eligibility(Schema):
    can_ask: bool
    reasons: list[str] = Field(description="Why not, in words (empty when you can ask).")


class RequestsQuery(PageQuery):
    direction: Literal["incoming", "outgoing"] = Field(
        "incoming", description="`incoming` (asked of you, the default) or `outgoing` (yours)."
    )


def render(
    request: HttpRequest, reader: User, rows: list[MentorshipRequest]
) -> list[MentorshipRequestOut]:
    others = [row.other_for(reader.pk) for row in rows]
    page = entities.Page(request, reader, profiles=[other.profile for other in others])
    return [_one(page, reader, row, other) for row, other in zip(rows, others, strict=True)]


def _one(
    page: entities.Page, reader: User, row: MentorshipRequest, other: User
) -> MentorshipRequestOut:
    state = row.state_for(reader.pk)
    return MentorshipRequestOut(
        id=str(row.pk),
        direction="incoming" if row.recipient_id == reader.pk else "outgoing",
        account=page.account(other.profile),
        state=state,  # type: ignore[arg-type]  # one of the states above
        state_text=row.state_text_for(reader.pk),
        tracks=[track.slug for track in row.tracks.all()],
        note=row.note,
        cadence=row.cadence,
        duration_weeks=row.duration_weeks,
        created_at=entities.iso_datetime(row.created_at),
        mentorship_id=str(row.mentorship_id) if row.mentorship_id else None,
    )


@router.post(
    "/v1/mentorship_requests",
    auth=member_auth,
    response={200: MentorshipRequestOut, **ERRORS},
    summary="Ask someone to be your mentor",
    openapi_extra={"requestBody": request_body(MentorshipRequestCreate)},
)
def create(request: HttpRequest) -> MentorshipRequestOut:
    """Ask `account_id` to mentor you in `tracks`, with an optional heads-up `note`, a proposed
    `cadence` and `duration_weeks`. 422 (naming `account_id`) when they are not open to
    mentoring, at capacity, blocked, yourself, already asked, or when you have too many
    requests open; nothing is sent then."""
    asker = member(request)
    data = read_input(request, MentorshipRequestCreate)
    target = member_or_404(str(data.account_id))
    proposal = actions.Proposal(
        tracks=active_tracks(data.tracks),
        note=data.note,
        cadence=data.cadence,
        duration_weeks=data.duration_weeks,
    )
    renamed({"account": "account_id"}, lambda: actions.check_ask(asker, target, proposal))
    created = actions.do_ask(asker, target, proposal)
    return render(request, asker, [actions.access_request(asker, created.pk)])[0]


@router.get(
    "/v1/mentorship_requests",
    auth=member_auth,
    response={200: list[MentorshipRequestOut], **ERRORS},
    summary="Your mentorship requests",
)
def requests(
    request: HttpRequest, response: HttpResponse, query: Query[RequestsQuery]
) -> list[MentorshipRequestOut]:
    """Requests asked of you (`direction=incoming`) or yours (`direction=outgoing`), newest
    first, paged with `max_id`/`since_id`/`min_id` and a `Link` header."""
    reader = member(request)
    rows = (
        actions.incoming_requests(reader)
        if query.direction == "incoming"
        else actions.outgoing_requests(reader)
    )
    page = paginate(rows, query.page())
    set_link_header(response, request, page, query.page())
    return render(request, reader, page)


@router.get(
    "/v1/mentorship_requests/eligibility",
    auth=member_auth,
    response={200: Eligibility, **ERRORS},
    summary="Can you ask this member?",
)
def eligibility(request: HttpRequest, account_id: str) -> Eligibility:
    """Before writing a note: whether you can ask `account_id` now, and if not, why (not open
    to mentoring, at capacity, blocked, already asked, too many requests open)."""
    reasons = actions.ask_blockers(member(request), member_or_404(account_id))
    return Eligibility(can_ask=not reasons, reasons=reasons)


@router.get(
    "/v1/mentorship_requests/{id}",
    auth=member_auth,
    response={200: MentorshipRequestOut, **ERRORS},
    summary="One mentorship request",
)
def one(request: HttpRequest, id: str) -> MentorshipRequestOut:
    """A request you made or were asked; anyone else's is 404."""
    reader = member(request)
    return render(request, reader, [actions.access_request(reader, parse_id(id))])[0]


@router.post(
    "/v1/mentorship_requests/{id}/answer",
    auth=member_auth,
    response={200: MentorshipRequestOut, **ERRORS},
    summary="Answer a mentorship request",
    openapi_extra={"requestBody": request_body(AnswerInput)},
)
def answer(request: HttpRequest, id: str) -> MentorshipRequestOut:
    """Answer a request asked of you: `yes` (a mentorship starts), `no` or `not_now` (the
    requester reads "not available right now" either way). 403 for the requester, 404 for
    anyone else, 422 when it has expired or was already answered."""
    reader = member(request)
    found = actions.access_request(reader, parse_id(id))
    data = read_input(request, AnswerInput)
    actions.check_and_answer(reader, found, data.answer)
    return render(request, reader, [actions.access_request(reader, found.pk)])[0]
