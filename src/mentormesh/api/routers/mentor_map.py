"""My mentor map and inferred ties (mentormesh extension).

An inferred tie is visible only to its two people: every endpoint answers 404 for a tie the
member is not in, has hidden, or that does not exist, with one message for all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mentormesh.accounts.models import Profile, User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import parse_id, read_input, track_or_404
from mentormesh.api.schemas import Account, Error, ValidationFailed, request_body
from mentormesh.mentorship.actions import decisions
from mentormesh.mentorship.mentor_map import MapEntry, MentorMap, helpful_members, mentor_map
from mentormesh.mentorship.models import Mentorship, Tie, TieChoice, TieDecision
from mentormesh.mentorship.visibility import other_party, visible_ties

router = Router(tags=["mentor map (mentormesh extension)"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}

Source = Literal["inferred", "explicit", "marked"]


class TieEntity(Schema):
    """An inferred tie: the engine's numbers about how one member learns from another."""

    id: str
    role: Literal["learner", "teacher"] = Field(description="Your side of the tie.")
    account: Account = Field(description="The other person in the tie.")
    track: str = Field(description='A track slug, or "*" for all tracks together.')
    label: Literal["mentor", "peer", "reverse", "emerging", "fading"]
    score: float = Field(description="Decayed credit: the tie's strength, used for ranking.")
    strength: float = Field(description="Undecayed credit in the engine's horizon.")
    weeks: int
    reciprocal_weeks: int
    focus: float
    reliance: float
    first_interaction_at: str
    last_interaction_at: str
    explanation: str
    confirmed: bool = Field(description="You confirmed it.")
    confirmed_by_them: bool = Field(description="The other person confirmed it.")


class TieDecisionResult(Schema):
    tie: TieEntity | None = Field(description="The tie after your decision (null once hidden).")
    mentorship_id: str | None = Field(
        description="Set once you both confirmed: the mentorship the tie became."
    )


class MapPerson(Schema):
    account: Account
    label: str = Field(description="The tie's label, or `mentor` for a mentorship or mark.")
    sources: list[Source]
    strength: float | None = Field(description="The inferred tie's score, if there is one.")
    last_interaction_at: str | None
    explanation: str
    tie_id: str | None
    mentorship_id: str | None
    mark_id: str | None = Field(description="Your private mark, if any (mentors only).")
    confirmed: bool
    confirmed_by_them: bool


class MapTrack(Schema):
    track: str = Field(description='A track slug, or "*" for mentors across tracks.')
    name: str
    color: str
    sought: bool = Field(description="You seek a skill in this track.")
    gap: bool = Field(description="Sought, with no active mentor from any source.")
    mentors: list[MapPerson] = Field(description="Who you learn from, strongest first.")
    learners: list[MapPerson] = Field(description="Who learns from you.")


class MentorMapEntity(Schema):
    account: Account
    tracks: list[MapTrack]
    gaps: list[str] = Field(description="Slugs of the tracks that are gaps.")
    show_learner_counts: bool


class Helper(Schema):
    account: Account
    learners: int = Field(description="Distinct members who learn from them in the track.")


class ShownInput(Schema):
    shown: bool


class MentorshipDisplay(Schema):
    id: str
    shown_on_my_profile: bool


class DisplayPreferences(Schema):
    show_learner_counts: bool


@router.get(
    "/v1/mentorship/map",
    auth=member_auth,
    response={200: MentorMapEntity, **ERRORS},
    summary="My mentor map",
)
def get_map(request: HttpRequest) -> MentorMapEntity:
    """Your map, per track: mentors (inferred ties, explicit mentorships and your private marks,
    merged per person) with label, strength, last interaction and explanation; the people who
    learn from you; and the gaps (tracks you seek with no active mentor). Only you can read it."""
    return _map_entity(request, mentor_map(member(request)))


@router.get(
    "/v1/mentorship/ties",
    auth=member_auth,
    response={200: list[TieEntity], **ERRORS},
    summary="My inferred ties",
)
def list_ties(request: HttpRequest) -> list[TieEntity]:
    """The labelled ties you are in (as learner or teacher) and have not hidden, strongest
    first. Nobody else can see them."""
    user = member(request)
    ties = list(visible_ties(user).order_by("-score", "id")[:500])
    return _tie_entities(request, user, ties)


@router.get(
    "/v1/mentorship/ties/{id}",
    auth=member_auth,
    response={200: TieEntity, **ERRORS},
    summary="One of my ties",
)
def get_tie(request: HttpRequest, id: str) -> TieEntity:
    """One tie you are in and have not hidden; 404 for any other tie id."""
    user = member(request)
    return _tie_entities(request, user, [_tie_or_404(user, id)])[0]


@router.post(
    "/v1/mentorship/ties/{id}/confirm",
    auth=member_auth,
    response={200: TieDecisionResult, **ERRORS},
    summary="Confirm a tie",
)
def confirm_tie(request: HttpRequest, id: str) -> TieDecisionResult:
    """Confirm an inferred tie you are in. Once both people have confirmed, it becomes a
    mentorship (origin `confirmed_tie`), returned as `mentorship_id`. Confirming twice changes
    nothing."""
    user = member(request)
    tie = _tie_or_404(user, id)
    mentorship = decisions.do_confirm_tie(user, tie)
    entity = _tie_entities(request, user, [tie])[0]
    return TieDecisionResult(tie=entity, mentorship_id=_id(mentorship))


@router.post(
    "/v1/mentorship/ties/{id}/hide",
    auth=member_auth,
    response={200: TieDecisionResult, **ERRORS},
    summary="Hide a tie",
)
def hide_tie(request: HttpRequest, id: str) -> TieDecisionResult:
    """Hide an inferred tie from yourself for good: it leaves your map and lists, and later
    requests for it answer 404. The other person is not told."""
    user = member(request)
    decisions.do_hide_tie(user, _tie_or_404(user, id))
    return TieDecisionResult(tie=None, mentorship_id=None)


@router.get(
    "/v1/mentorship/tracks/{slug}/helpers",
    auth=member_auth,
    response={200: list[Helper], **ERRORS},
    summary="Who helps in a track",
)
def track_helpers(request: HttpRequest, slug: str) -> list[Helper]:
    """The track's most helpful members open to mentoring or peer exchange (for a gap), by how
    many distinct members learn from them there: a count, never who."""
    found = helpful_members(member(request), track_or_404(slug))
    accounts = entities.accounts(_profiles(h.profile.user_id for h in found).values(), request)
    by_id = {a.id: a for a in accounts}
    return [Helper(account=by_id[str(h.profile.user_id)], learners=h.learners) for h in found]


@router.post(
    "/v1/mentorship/mentorships/{id}/profile",
    auth=member_auth,
    response={200: MentorshipDisplay, **ERRORS},
    summary="Show a mentorship on my profile",
    openapi_extra={"requestBody": request_body(ShownInput)},
)
def mentorship_on_profile(request: HttpRequest, id: str) -> MentorshipDisplay:
    """Choose (`shown`: true or false) whether a mentorship you are in shows on your public
    profile. The other person is named there only if they chose to show it too."""
    user = member(request)
    data = read_input(request, ShownInput)
    try:
        mentorship = decisions.access_mentorship(user, parse_id(id))
    except Http404 as error:
        raise HttpError(404, str(error) or decisions.NOT_YOUR_MENTORSHIP) from None
    decisions.do_show_on_profile(user, mentorship, data.shown)
    return MentorshipDisplay(id=str(mentorship.pk), shown_on_my_profile=data.shown)


@router.post(
    "/v1/mentorship/display",
    auth=member_auth,
    response={200: DisplayPreferences, **ERRORS},
    summary="Show learner counts on my profile",
    openapi_extra={"requestBody": request_body(DisplayPreferences)},
)
def display(request: HttpRequest) -> DisplayPreferences:
    """Opt in (or out) of counts like "learned from by 12 members in #pr" on your public
    profile. Off until you opt in."""
    data = read_input(request, DisplayPreferences)
    decisions.do_show_learner_counts(member(request), data.show_learner_counts)
    return data


# ---------------------------------------------------------------- helpers


def _tie_or_404(user: User, tie_id: str) -> Tie:
    try:
        return decisions.access_tie(user, parse_id(tie_id))
    except Http404:
        raise HttpError(404, decisions.NOT_YOUR_TIE) from None


def _id(row: Mentorship | None) -> str | None:
    return str(row.pk) if row is not None else None


def _profiles(user_ids: Iterable[int]) -> dict[int, Profile]:
    rows = entities.with_account_details(Profile.objects.filter(user_id__in=set(user_ids)))
    return {profile.user_id: profile for profile in rows}


def accounts_by_user(request: HttpRequest, user_ids: Iterable[int]) -> dict[int, Account]:
    profiles = list(_profiles(user_ids).values())
    return {
        profile.user_id: account
        for profile, account in zip(profiles, entities.accounts(profiles, request), strict=True)
    }


def _tie_entities(request: HttpRequest, user: User, ties: list[Tie]) -> list[TieEntity]:
    accounts = accounts_by_user(request, (other_party(tie, user.pk) for tie in ties))
    confirmed = {
        (row.learner_id, row.teacher_id, row.track, row.decided_by_id)
        for row in TieDecision.objects.filter(
            learner_id__in={t.learner_id for t in ties},
            teacher_id__in={t.teacher_id for t in ties},
            choice=TieChoice.CONFIRMED,
        )
    }
    return [
        TieEntity(
            id=str(tie.pk),
            role="learner" if tie.learner_id == user.pk else "teacher",
            account=accounts[other_party(tie, user.pk)],
            track=tie.track,
            label=tie.label,  # type: ignore[arg-type]  # visible ties are labelled
            score=tie.score,
            strength=tie.strength,
            weeks=tie.weeks,
            reciprocal_weeks=tie.reciprocal_weeks,
            focus=tie.focus,
            reliance=tie.reliance,
            first_interaction_at=entities.iso_datetime(tie.first),
            last_interaction_at=entities.iso_datetime(tie.last),
            explanation=tie.explanation,
            confirmed=(tie.learner_id, tie.teacher_id, tie.track, user.pk) in confirmed,
            confirmed_by_them=(
                (tie.learner_id, tie.teacher_id, tie.track, other_party(tie, user.pk)) in confirmed
            ),
        )
        for tie in ties
    ]


def _map_entity(request: HttpRequest, the_map: MentorMap) -> MentorMapEntity:
    people = {entry.person.pk for entry in the_map.entries()} | {the_map.member.pk}
    accounts = accounts_by_user(request, people)

    def person(entry: MapEntry) -> MapPerson:
        return MapPerson(
            account=accounts[entry.person.pk],
            label=entry.label,
            sources=entry.sources,  # type: ignore[arg-type]  # the three known sources
            strength=entry.strength,
            last_interaction_at=entities.iso_datetime(entry.last) if entry.last else None,
            explanation=entry.explanation,
            tie_id=str(entry.tie.pk) if entry.tie else None,
            mentorship_id=_id(entry.mentorship),
            mark_id=str(entry.mark.pk) if entry.mark else None,
            confirmed=entry.my_choice == TieChoice.CONFIRMED,
            confirmed_by_them=entry.they_confirmed,
        )

    tracks = [
        MapTrack(
            track=sector.slug,
            name=sector.name,
            color=sector.color,
            sought=sector.sought,
            gap=sector.is_gap,
            mentors=[person(e) for e in sector.mentors],
            learners=[person(e) for e in sector.learners],
        )
        for sector in the_map.sectors
    ]
    return MentorMapEntity(
        account=accounts[the_map.member.pk],
        tracks=tracks,
        gaps=[sector.slug for sector in the_map.gaps],
        show_learner_counts=the_map.show_learner_counts,
    )
