"""The shared page of an explicit mentorship: goals, check-ins, notes, and closing with thanks.

Every function takes the member acting; only the mentor and the mentee of a mentorship can
read it (``access_mentorship``) or write to it, whatever its origin.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.mentorship.actions.notify import notify
from mentormesh.mentorship.models import (
    CheckIn,
    Goal,
    Mentorship,
    MentorshipNote,
    MentorshipStatus,
    NoteKind,
)
from mentormesh.mentorship.models.checkins import MAX_ENTRY_CHARS, MAX_GOAL_CHARS
from mentormesh.social.models import NotificationKind


def mentorships_of(user: User) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user))
        .select_related("mentor__profile", "mentee__profile")
        .prefetch_related("tracks")
        .order_by("status", "-started_at")
    )


def access_mentorship(user: User, mentorship_id: int) -> Mentorship:
    """One of ``user``'s mentorships; anyone else's is not found."""
    found = mentorships_of(user).filter(pk=mentorship_id).first()
    if found is None:
        raise Http404("No such mentorship.")
    return found


def other_side(mentorship: Mentorship, user: User) -> User:
    return mentorship.mentee if user.pk == mentorship.mentor_id else mentorship.mentor


def _check_text(field: str, text: str, limit: int, what: str) -> None:
    if not text.strip():
        raise ValidationError({field: f"Write the {what} first."})
    if len(text) > limit:
        raise ValidationError(
            {field: f"The {what} is {len(text)} characters; the most is {limit}."}
        )


def _check_active(mentorship: Mentorship) -> None:
    if mentorship.status != MentorshipStatus.ACTIVE:
        raise ValidationError({"__all__": "This mentorship is closed; its page is read-only."})


def check_add_goal(mentorship: Mentorship, text: str) -> None:
    _check_active(mentorship)
    _check_text("text", text, MAX_GOAL_CHARS, "goal")


def do_add_goal(mentorship: Mentorship, author: User, text: str) -> Goal:
    return Goal.objects.create(mentorship=mentorship, author=author, text=text.strip())


def do_set_goal_done(goal: Goal, done: bool) -> None:
    goal.done_at = timezone.now() if done else None
    goal.save(update_fields=["done_at"])


def check_add_check_in(mentorship: Mentorship, summary: str, happened_on: date) -> None:
    _check_active(mentorship)
    _check_text("summary", summary, MAX_ENTRY_CHARS, "check-in summary")
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": "Log a check-in once it has happened."})


def do_add_check_in(
    mentorship: Mentorship, author: User, summary: str, happened_on: date | None = None
) -> CheckIn:
    return CheckIn.objects.create(
        mentorship=mentorship,
        author=author,
        summary=summary.strip(),
        happened_on=happened_on or timezone.localdate(),
    )


def check_add_note(mentorship: Mentorship, text: str) -> None:
    _check_active(mentorship)
    _check_text("text", text, MAX_ENTRY_CHARS, "note")


def do_add_note(mentorship: Mentorship, author: User, text: str) -> MentorshipNote:
    return MentorshipNote.objects.create(mentorship=mentorship, author=author, text=text.strip())


def check_close(mentorship: Mentorship, thanks: str) -> None:
    _check_active(mentorship)
    _check_text("thanks", thanks, MAX_ENTRY_CHARS, "thank-you")


@transaction.atomic
def do_close(
    mentorship: Mentorship, by: User, thanks: str, *, at: datetime | None = None
) -> Mentorship:
    when = at or timezone.now()
    closed = Mentorship.objects.filter(pk=mentorship.pk, status=MentorshipStatus.ACTIVE).update(
        status=MentorshipStatus.CLOSED, closed_at=when
    )
    if not closed:
        raise ValidationError({"__all__": "This mentorship is already closed."})
    mentorship.status, mentorship.closed_at = MentorshipStatus.CLOSED, when
    MentorshipNote.objects.create(
        mentorship=mentorship, author=by, kind=NoteKind.THANKS, text=thanks.strip(), created_at=when
    )
    notify(
        other_side(mentorship, by),
        by,
        NotificationKind.CLOSED_THANKS,
        link=reverse("mentorship", args=[mentorship.pk]),
        note=thanks.strip(),
    )
    return mentorship


def check_and_close(mentorship: Mentorship, by: User, thanks: str) -> Mentorship:
    check_close(mentorship, thanks)
    return do_close(mentorship, by, thanks)


def last_entry_at(mentorship: Mentorship) -> datetime:
    """The latest thing either side wrote on the shared page, or the start."""
    latest = [
        mentorship.started_at,
        CheckIn.objects.filter(mentorship=mentorship).aggregate(m=Max("created_at"))["m"],
        MentorshipNote.objects.filter(mentorship=mentorship).aggregate(m=Max("created_at"))["m"],
    ]
    return max(moment for moment in latest if moment is not None)
