"""Mentorships (mentormesh extension, in Mastodon's style): the shared page of an explicit
mentorship — goals, check-ins, notes — closing with a thank-you, and your nudge settings.

Only the mentor and the mentee can read or write a mentorship; for anyone else it is 404.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from mentormesh.accounts.models import User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import parse_id, read_input
from mentormesh.api.schemas import Account, Error, ValidationFailed, request_body
from mentormesh.mentorship.actions import mentorships as actions
from mentormesh.mentorship.actions import nudges
from mentormesh.mentorship.models import CheckIn, Mentorship, MentorshipNote

router = Router(tags=["mentorships (mentormesh extension)"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}


class GoalOut(Schema):
    id: str
    text: str
    done: bool
    created_at: str


class MentorshipOut(Schema):
    id: str
    role: Literal["mentor", "mentee"] = Field(description="Your side of the mentorship.")
    mentor: Account
    mentee: Account
    tracks: list[str] = Field(description="Track slugs.")
    origin: Literal["request", "confirmed_tie"]
    status: Literal["active", "closed"]
    started_at: str
    closed_at: str | None
    goals: list[GoalOut]
    url: str = Field(description="The shared page.")


class CheckInOut(Schema):
    id: str
    author_id: str
    happened_on: datetime.date
    summary: str
    created_at: str


class NoteOut(Schema):
    id: str
    author_id: str
    kind: Literal["note", "thanks"]
    text: str
    created_at: str


class CheckInInput(Schema):
    model_config = ConfigDict(extra="forbid")

    summary: str = Field(description="What you talked about, up to 2,000 characters.")
    happened_on: datetime.date | None = Field(None, description="The day (today by default).")


class TextInput(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Up to 2,000 characters (a goal: up to 300).")


class CloseInput(Schema):
    model_config = ConfigDict(extra="forbid")

    thanks: str = Field(description="Your thank-you to the other side (required).")


class NudgeSettingsOut(Schema):
    enabled: bool = Field(description="Whether you get nudges at all.")
    snoozed_until: datetime.date | None = Field(description="No nudges until after this day.")


class NudgeSettingsInput(Schema):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    snoozed_until: datetime.date | None = Field(
        None, description="A day after today, at most a year ahead; null to not snooze."
    )


def render(request: HttpRequest, reader: User, rows: list[Mentorship]) -> list[MentorshipOut]:
    profiles = [user.profile for row in rows for user in (row.mentor, row.mentee)]
    page = entities.Page(request, reader, profiles=profiles)
    return [
        MentorshipOut(
            id=str(row.pk),
            role="mentor" if row.mentor_id == reader.pk else "mentee",
            mentor=page.account(row.mentor.profile),
            mentee=page.account(row.mentee.profile),
            tracks=[track.slug for track in row.tracks.all()],
            origin=row.origin,  # type: ignore[arg-type]
            status=row.status,  # type: ignore[arg-type]
            started_at=entities.iso_datetime(row.started_at),
            closed_at=entities.iso_datetime(row.closed_at) if row.closed_at else None,
            goals=[_goal(goal) for goal in row.goals.all()],
            url=page.url(f"/mentorships/{row.pk}/"),
        )
        for row in rows
    ]


def _goal(goal: Any) -> GoalOut:
    return GoalOut(
        id=str(goal.pk),
        text=goal.text,
        done=goal.done_at is not None,
        created_at=entities.iso_datetime(goal.created_at),
    )


def _check_in(row: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=str(row.pk),
        author_id=str(row.author_id),
        happened_on=row.happened_on,
        summary=row.summary,
        created_at=entities.iso_datetime(row.created_at),
    )


def _note(row: MentorshipNote) -> NoteOut:
    return NoteOut(
        id=str(row.pk),
        author_id=str(row.author_id),
        kind=row.kind,  # type: ignore[arg-type]
        text=row.text,
        created_at=entities.iso_datetime(row.created_at),
    )


def _mine(request: HttpRequest, id: str) -> Mentorship:
    return actions.access_mentorship(member(request), parse_id(id))


@router.get(
    "/v1/mentorships",
    auth=member_auth,
    response={200: list[MentorshipOut], **ERRORS},
    summary="Your mentorships",
)
def mentorships(request: HttpRequest) -> list[MentorshipOut]:
    """Your mentorships as mentor or mentee, active ones first, with their goals."""
    reader = member(request)
    rows = list(actions.mentorships_of(reader).prefetch_related("goals"))
    return render(request, reader, rows)


@router.get(
    "/v1/mentorships/{id}",
    auth=member_auth,
    response={200: MentorshipOut, **ERRORS},
    summary="One of your mentorships",
)
def mentorship(request: HttpRequest, id: str) -> MentorshipOut:
    """One of your mentorships with its goals; anyone else's is 404."""
    return render(request, member(request), [_mine(request, id)])[0]


@router.get(
    "/v1/mentorships/{id}/check_ins",
    auth=member_auth,
    response={200: list[CheckInOut], **ERRORS},
    summary="The check-in log",
)
def check_ins(request: HttpRequest, id: str) -> list[CheckInOut]:
    """The mentorship's check-ins, latest first."""
    return [_check_in(row) for row in _mine(request, id).check_ins.all()]


@router.post(
    "/v1/mentorships/{id}/check_ins",
    auth=member_auth,
    response={200: CheckInOut, **ERRORS},
    summary="Log a check-in",
    openapi_extra={"requestBody": request_body(CheckInInput)},
)
def add_check_in(request: HttpRequest, id: str) -> CheckInOut:
    """Log a check-in (`summary`, optional `happened_on`, not in the future) on an active
    mentorship."""
    found = _mine(request, id)
    data = read_input(request, CheckInInput)
    happened_on = data.happened_on or timezone.localdate()
    actions.check_add_check_in(found, data.summary, happened_on)
    return _check_in(actions.do_add_check_in(found, member(request), data.summary, happened_on))


@router.get(
    "/v1/mentorships/{id}/notes",
    auth=member_auth,
    response={200: list[NoteOut], **ERRORS},
    summary="The notes",
)
def notes(request: HttpRequest, id: str) -> list[NoteOut]:
    """The notes on the shared page, oldest first (a closing thank-you has `kind: thanks`)."""
    return [_note(row) for row in _mine(request, id).notes.all()]


@router.post(
    "/v1/mentorships/{id}/notes",
    auth=member_auth,
    response={200: NoteOut, **ERRORS},
    summary="Add a note",
    openapi_extra={"requestBody": request_body(TextInput)},
)
def add_note(request: HttpRequest, id: str) -> NoteOut:
    """Add a note to an active mentorship's shared page."""
    found = _mine(request, id)
    data = read_input(request, TextInput)
    actions.check_add_note(found, data.text)
    return _note(actions.do_add_note(found, member(request), data.text))


@router.post(
    "/v1/mentorships/{id}/goals",
    auth=member_auth,
    response={200: GoalOut, **ERRORS},
    summary="Add a goal",
    openapi_extra={"requestBody": request_body(TextInput)},
)
def add_goal(request: HttpRequest, id: str) -> GoalOut:
    """Add a goal (up to 300 characters) to an active mentorship."""
    found = _mine(request, id)
    data = read_input(request, TextInput)
    actions.check_add_goal(found, data.text)
    return _goal(actions.do_add_goal(found, member(request), data.text))


@router.post(
    "/v1/mentorships/{id}/close",
    auth=member_auth,
    response={200: MentorshipOut, **ERRORS},
    summary="Close a mentorship with a thank-you",
    openapi_extra={"requestBody": request_body(CloseInput)},
)
def close(request: HttpRequest, id: str) -> MentorshipOut:
    """Close an active mentorship; the other side is notified with your `thanks`. 422 when it
    is already closed or the thank-you is empty."""
    reader = member(request)
    found = _mine(request, id)
    data = read_input(request, CloseInput)
    actions.check_and_close(found, reader, data.thanks)
    return render(request, reader, [_mine(request, id)])[0]


@router.get(
    "/v1/nudge_settings",
    auth=member_auth,
    response={200: NudgeSettingsOut, **ERRORS},
    summary="Your nudge settings",
    tags=["mentorships (mentormesh extension)", "nudges"],
)
def nudge_settings(request: HttpRequest) -> NudgeSettingsOut:
    """Whether you get nudges about fading ties and quiet mentorships, and any snooze."""
    found = nudges.nudge_settings_for(member(request))
    return NudgeSettingsOut(enabled=found.enabled, snoozed_until=found.snoozed_until)


@router.post(
    "/v1/nudge_settings",
    auth=member_auth,
    response={200: NudgeSettingsOut, **ERRORS},
    summary="Turn nudges on or off, or snooze them",
    tags=["mentorships (mentormesh extension)", "nudges"],
    openapi_extra={"requestBody": request_body(NudgeSettingsInput)},
)
def set_nudge_settings(request: HttpRequest) -> NudgeSettingsOut:
    """Set `enabled` and `snoozed_until` (a day after today, at most a year ahead, or null)."""
    data = read_input(request, NudgeSettingsInput)
    saved = nudges.check_and_set_nudge_settings(
        member(request), enabled=data.enabled, snoozed_until=data.snoozed_until
    )
    return NudgeSettingsOut(enabled=saved.enabled, snoozed_until=saved.snoozed_until)
