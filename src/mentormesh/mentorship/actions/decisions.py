"""Confirming and hiding inferred ties, and choosing what shows on one's profile.

An inferred tie is visible only to the two people in it. Either can hide it, which only that
person sees (the other is never told). When both confirm it, it becomes an explicit mentorship
(``origin = confirmed_tie``), and each chooses whether it shows on their public profile.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.models import (
    MentoringDisplay,
    Mentorship,
    MentorshipOrigin,
    MentorshipStatus,
    Tie,
    TieChoice,
    TieDecision,
)
from mentormesh.mentorship.models.ties import OVERALL
from mentormesh.mentorship.visibility import other_party, visible_ties
from mentormesh.realtime.events import send_event_on_commit, user_channel

NOT_YOUR_TIE = "No such tie of yours: you can only confirm or hide a tie you are in."
NOT_YOUR_MENTORSHIP = "No such mentorship of yours."


class TieNotFound(Http404):
    """The tie does not exist, or the member is not in it, or hid it: one answer for all three,
    so nobody learns that a tie between other people exists."""


def access_tie(user: User, tie_id: int) -> Tie:
    tie = visible_ties(user).select_related("learner__profile", "teacher__profile")
    found = tie.filter(pk=tie_id).first()
    if found is None:
        raise TieNotFound(NOT_YOUR_TIE)
    return found


def access_mentorship(user: User, mentorship_id: int) -> Mentorship:
    found = Mentorship.objects.filter(pk=mentorship_id).first()
    if found is None or not found.involves(user.pk):
        raise Http404(NOT_YOUR_MENTORSHIP)
    return found


def _decide(user: User, tie: Tie, choice: str) -> None:
    TieDecision.objects.update_or_create(
        learner_id=tie.learner_id,
        teacher_id=tie.teacher_id,
        track=tie.track,
        decided_by=user,
        defaults={"choice": choice, "decided_at": timezone.now()},
    )


def confirmed_by_both(tie: Tie) -> bool:
    return (
        TieDecision.objects.filter(
            learner_id=tie.learner_id,
            teacher_id=tie.teacher_id,
            track=tie.track,
            choice=TieChoice.CONFIRMED,
        ).count()
        == 2
    )


@transaction.atomic
def do_confirm_tie(user: User, tie: Tie) -> Mentorship | None:
    """Confirm ``tie`` (which ``access_tie`` gave ``user``); once both people have, the pair
    has an active mentorship with the tie's track. Returns that mentorship, if any."""
    _decide(user, tie, TieChoice.CONFIRMED)
    mentorship = _mentorship_for(tie) if confirmed_by_both(tie) else None
    payload = {"id": str(tie.pk), "op": "confirm", "by": str(user.pk)}
    # Both people are in the tie and may know it is confirmed; nobody else may.
    send_event_on_commit(
        "mentorship.tie", payload, [user_channel(tie.learner_id), user_channel(tie.teacher_id)]
    )
    return mentorship


def _mentorship_for(tie: Tie) -> Mentorship:
    mentorship, _ = Mentorship.objects.get_or_create(
        mentor_id=tie.teacher_id,
        mentee_id=tie.learner_id,
        status=MentorshipStatus.ACTIVE,
        defaults={"origin": MentorshipOrigin.CONFIRMED_TIE},
    )
    if tie.track != OVERALL:
        track = Track.objects.filter(slug=tie.track).first()
        if track is not None:
            mentorship.tracks.add(track)
    return mentorship


@transaction.atomic
def do_hide_tie(user: User, tie: Tie) -> None:
    """Hide ``tie`` from ``user`` for good; the other person is not told."""
    _decide(user, tie, TieChoice.HIDDEN)
    send_event_on_commit(
        "mentorship.tie", {"id": str(tie.pk), "op": "hide"}, [user_channel(user.pk)]
    )


@transaction.atomic
def do_show_on_profile(user: User, mentorship: Mentorship, shown: bool) -> Mentorship:
    """``user`` chooses whether ``mentorship`` shows on their own public profile."""
    if not mentorship.involves(user.pk):
        raise ValidationError({"mentorship": NOT_YOUR_MENTORSHIP})
    field = (
        "mentor_shows_on_profile" if mentorship.mentor_id == user.pk else "mentee_shows_on_profile"
    )
    setattr(mentorship, field, shown)
    mentorship.save(update_fields=[field])
    return mentorship


def other_confirmed(tie: Tie, user_id: int) -> bool:
    return TieDecision.objects.filter(
        learner_id=tie.learner_id,
        teacher_id=tie.teacher_id,
        track=tie.track,
        decided_by_id=other_party(tie, user_id),
        choice=TieChoice.CONFIRMED,
    ).exists()


@transaction.atomic
def do_show_learner_counts(user: User, shown: bool) -> None:
    """Opt in (or out) of "learned from by N members in #track" on the public profile."""
    MentoringDisplay.objects.update_or_create(user=user, defaults={"show_learner_counts": shown})
