"""Asking someone to be your mentor, answering, and expiry.

``ask_blockers`` says, before anyone writes a note, why a member cannot be asked; ``check_ask``
refuses the same cases (and bad fields) with ``ValidationError`` and writes nothing. Whatever
the person asked answers, the requester hears either "accepted" or the one neutral
"not available right now" (``NotificationKind.UNAVAILABLE``), which expiry sends too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.actions.notify import notify
from mentormesh.mentorship.models import (
    Cadence,
    Mentorship,
    MentorshipOrigin,
    MentorshipRequest,
    MentorshipStatus,
    RequestState,
)
from mentormesh.mentorship.models.requests import DURATION_WEEKS, MAX_NOTE_CHARS
from mentormesh.social.models import NotificationKind
from mentormesh.social.visibility import blocked_either_way, is_blocked_between

ANSWERS = {
    "yes": RequestState.ACCEPTED,
    "no": RequestState.DECLINED,
    "not_now": RequestState.NOT_NOW,
}


def expiry_cutoff(now: datetime | None = None) -> datetime:
    """Requests created at or before this moment have expired."""
    days: int = settings.MENTORSHIP_REQUEST_EXPIRY_DAYS
    return (now or timezone.now()) - timedelta(days=days)


def open_requests_of(user: User) -> QuerySet[MentorshipRequest]:
    """``user``'s requests still waiting for an answer (expired ones no longer count)."""
    return MentorshipRequest.objects.filter(
        requester=user, state=RequestState.PENDING, created_at__gt=expiry_cutoff()
    )


def mentees_count(mentor: User) -> int:
    return Mentorship.objects.filter(mentor=mentor, status=MentorshipStatus.ACTIVE).count()


def ask_blockers(asker: User, target: User) -> list[str]:
    """Why ``asker`` cannot ask ``target`` right now, in words; empty when they can."""
    handle = f"@{target.username}"
    if asker.pk == target.pk:
        return ["You cannot ask yourself to be your mentor."]
    if is_blocked_between(asker, target):
        return [f"You cannot ask {handle}: one of you has blocked the other."]
    reasons = []
    profile = target.profile
    if Mentorship.objects.filter(
        mentor=target, mentee=asker, status=MentorshipStatus.ACTIVE
    ).exists():
        reasons.append(f"{handle} is already your mentor.")
    elif not profile.open_to_mentoring:
        reasons.append(f"{handle} is not open to mentoring right now.")
    elif mentees_count(target) >= profile.mentoring_capacity:
        reasons.append(f"{handle} is at their mentoring capacity right now.")
    open_requests = open_requests_of(asker)
    if open_requests.filter(recipient=target).exists():
        reasons.append(f"You already asked {handle}; that request is still waiting for an answer.")
    else:
        limit: int = settings.MENTORSHIP_OPEN_REQUESTS_MAX
        if open_requests.count() >= limit:
            reasons.append(
                f"You have {limit} requests waiting for an answer, the most you can have open. "
                "Ask again when one is answered or expires."
            )
    return reasons


@dataclass(frozen=True)
class Proposal:
    """What a request proposes: tracks, an optional heads-up note, a cadence and a duration."""

    tracks: Sequence[Track]
    note: str = ""
    cadence: str = Cadence.FORTNIGHTLY
    duration_weeks: int = 12


def check_ask(asker: User, target: User, proposal: Proposal) -> None:
    errors: dict[str, list[str]] = {}
    blockers = ask_blockers(asker, target)
    if blockers:
        errors["account"] = blockers
    if not proposal.tracks:
        errors["tracks"] = ["Name at least one track you would like mentoring in."]
    if len(proposal.note) > MAX_NOTE_CHARS:
        errors["note"] = [
            f"The heads-up note is {len(proposal.note)} characters; the most is {MAX_NOTE_CHARS}."
        ]
    if proposal.cadence not in Cadence.values:
        errors["cadence"] = [f"Cadence is one of {', '.join(Cadence.values)}."]
    if proposal.duration_weeks not in DURATION_WEEKS:
        errors["duration_weeks"] = [
            f"Duration is one of {', '.join(map(str, DURATION_WEEKS))} weeks."
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_ask(
    asker: User, target: User, proposal: Proposal, *, at: datetime | None = None
) -> MentorshipRequest:
    request = MentorshipRequest.objects.create(
        requester=asker,
        recipient=target,
        note=proposal.note.strip(),
        cadence=proposal.cadence,
        duration_weeks=proposal.duration_weeks,
        created_at=at or timezone.now(),
    )
    request.tracks.set(proposal.tracks)
    notify(
        target,
        asker,
        NotificationKind.REQUEST,
        link=reverse("mentorship_requests") + "#incoming",
        respect_mutes=True,
        at=at,
    )
    return request


def check_and_ask(asker: User, target: User, proposal: Proposal) -> MentorshipRequest:
    check_ask(asker, target, proposal)
    return do_ask(asker, target, proposal)


def access_request(user: User, request_id: int) -> MentorshipRequest:
    """A request ``user`` is part of; anyone else's is not found, whatever it is."""
    found = (
        MentorshipRequest.objects.filter(Q(requester=user) | Q(recipient=user), pk=request_id)
        .select_related("requester__profile", "recipient__profile")
        .first()
    )
    if found is None:
        raise Http404("No such request.")
    return found


def is_expired(request: MentorshipRequest) -> bool:
    return request.current_state == RequestState.EXPIRED


def check_answer(user: User, request: MentorshipRequest, answer: str) -> None:
    if user.pk != request.recipient_id:
        raise PermissionDenied("Only the person who was asked can answer this request.")
    if answer not in ANSWERS:
        raise ValidationError({"answer": "Answer yes, no or not_now."})
    if is_expired(request):
        raise ValidationError({"answer": "This request has expired; it can no longer be answered."})
    if request.state != RequestState.PENDING:
        raise ValidationError({"answer": "You have already answered this request."})
    if answer == "yes" and is_blocked_between(request.requester, user):
        raise ValidationError({"answer": "You cannot accept: one of you has blocked the other."})


@transaction.atomic
def do_answer(
    request: MentorshipRequest, answer: str, *, at: datetime | None = None
) -> MentorshipRequest:
    when = at or timezone.now()
    state = ANSWERS[answer]
    # Conditional: of two answers (or an answer and expiry) racing, only the first counts.
    claimed = MentorshipRequest.objects.filter(pk=request.pk, state=RequestState.PENDING).update(
        state=state, answered_at=when
    )
    if not claimed:
        raise ValidationError({"answer": "This request was already answered or has expired."})
    request.state, request.answered_at = state, when
    recipient, requester = request.recipient, request.requester
    if state == RequestState.ACCEPTED:
        mentorship = Mentorship.objects.create(
            mentor=recipient, mentee=requester, origin=MentorshipOrigin.REQUEST, started_at=when
        )
        mentorship.tracks.set(request.tracks.all())
        request.mentorship = mentorship
        request.save(update_fields=["mentorship"])
        link = reverse("mentorship", args=[mentorship.pk])
        notify(requester, recipient, NotificationKind.REQUEST_ACCEPTED, link=link, at=at)
    else:
        _tell_unavailable(request, at)
    return request


def check_and_answer(user: User, request: MentorshipRequest, answer: str) -> MentorshipRequest:
    check_answer(user, request, answer)
    return do_answer(request, answer)


def _tell_unavailable(request: MentorshipRequest, at: datetime | None = None) -> None:
    """The one message for no, not now and expiry: same kind, same (empty) note, same link."""
    notify(
        request.requester,
        request.recipient,
        NotificationKind.UNAVAILABLE,
        link=reverse("mentorship_requests") + "#outgoing",
        at=at,
    )


def do_expire_requests(now: datetime | None = None, *, backdate: bool = False) -> int:
    """Expire every pending request older than the expiry period; returns how many.
    ``backdate`` dates the notices ``now`` (the demo's history) instead of the real time."""
    due = MentorshipRequest.objects.filter(
        state=RequestState.PENDING, created_at__lte=expiry_cutoff(now)
    ).select_related("requester", "recipient")
    expired = 0
    for request in due:
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(
                pk=request.pk, state=RequestState.PENDING
            ).update(state=RequestState.EXPIRED, answered_at=now or timezone.now())
            if claimed:
                _tell_unavailable(request, now if backdate else None)
                expired += 1
    return expired


def incoming_requests(user: User) -> QuerySet[MentorshipRequest]:
    """Requests asked of ``user``, leaving out members on the other side of a block."""
    return (
        MentorshipRequest.objects.filter(recipient=user)
        .exclude(requester__in=blocked_either_way(user))
        .select_related("requester__profile")
        .prefetch_related("tracks")
    )


def outgoing_requests(user: User) -> QuerySet[MentorshipRequest]:
    """``user``'s requests, leaving out members on the other side of a block."""
    return (
        MentorshipRequest.objects.filter(requester=user)
        .exclude(recipient__in=blocked_either_way(user))
        .select_related("recipient__profile")
        .prefetch_related("tracks")
    )
