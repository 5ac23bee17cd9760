"""Nudges ("nourish the relationships"): a gentle notification about a fading tie or a quiet
mentorship, with one concrete suggestion, at most once per person per period.

- A fading tie (``Tie`` labelled fading, overall track): its learner hears about the teacher,
  with their latest post to reply to or share, or else a suggestion to say hello.
- A quiet mentorship (active, nothing on the shared page and no interaction between the two
  for the quiet period): each side hears "propose a check-in".
Members who turned nudges off, or snoozed them, are skipped. A nudge is seen by its recipient
only; the other person is never told.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.mentorship.actions.notify import notify
from mentormesh.mentorship.models import (
    CheckIn,
    Mentorship,
    MentorshipNote,
    MentorshipStatus,
    Nudge,
    NudgeReason,
    NudgeSettings,
    Suggestion,
    Tie,
    TieLabel,
)
from mentormesh.mentorship.models.ties import OVERALL
from mentormesh.social.models import Interaction, NotificationKind, Status
from mentormesh.social.visibility import is_blocked_between, visible_to

MAX_SNOOZE_DAYS = 366


def quiet_period() -> timedelta:
    days: int = settings.MENTORSHIP_NUDGE_QUIET_DAYS
    return timedelta(days=days)


def nudge_settings_for(user: User) -> NudgeSettings:
    """The member's settings, or the defaults (nudges on, not snoozed) when never saved."""
    found = NudgeSettings.objects.filter(user=user).first()
    return found if found is not None else NudgeSettings(user=user)


def check_nudge_settings(snoozed_until: date | None) -> None:
    if snoozed_until is None:
        return
    today = timezone.localdate()
    if snoozed_until <= today:
        raise ValidationError({"snoozed_until": "Snooze until a day after today."})
    if snoozed_until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise ValidationError({"snoozed_until": "Snooze for at most a year."})


def do_set_nudge_settings(
    user: User, *, enabled: bool, snoozed_until: date | None
) -> NudgeSettings:
    found, _ = NudgeSettings.objects.update_or_create(
        user=user, defaults={"enabled": enabled, "snoozed_until": snoozed_until}
    )
    return found


def check_and_set_nudge_settings(
    user: User, *, enabled: bool, snoozed_until: date | None
) -> NudgeSettings:
    check_nudge_settings(snoozed_until)
    return do_set_nudge_settings(user, enabled=enabled, snoozed_until=snoozed_until)


def _wants_nudges(today: date) -> Q:
    """A filter on users: nudges on and not snoozed (no settings row means the defaults)."""
    muted = NudgeSettings.objects.filter(
        Q(enabled=False) | Q(snoozed_until__gte=today), user=OuterRef("pk")
    )
    return Q(is_active=True) & ~Q(Exists(muted))


def quiet_mentorships(now: datetime) -> QuerySet[Mentorship]:
    since = now - quiet_period()
    pair_talked = Interaction.objects.filter(
        Q(actor=OuterRef("mentor"), target=OuterRef("mentee"))
        | Q(actor=OuterRef("mentee"), target=OuterRef("mentor")),
        time__gt=since,
    )
    return (
        Mentorship.objects.filter(status=MentorshipStatus.ACTIVE, started_at__lte=since)
        .exclude(Exists(CheckIn.objects.filter(mentorship=OuterRef("pk"), created_at__gt=since)))
        .exclude(
            Exists(MentorshipNote.objects.filter(mentorship=OuterRef("pk"), created_at__gt=since))
        )
        .exclude(Exists(pair_talked))
        .select_related("mentor__profile", "mentee__profile")
    )


def fading_ties() -> QuerySet[Tie]:
    in_mentorship = Mentorship.objects.filter(
        status=MentorshipStatus.ACTIVE, mentor=OuterRef("teacher"), mentee=OuterRef("learner")
    )
    return (
        Tie.objects.filter(label=TieLabel.FADING, track=OVERALL)
        .exclude(Exists(in_mentorship))
        .select_related("learner__profile", "teacher__profile")
    )


def do_send_nudges(now: datetime | None = None) -> int:
    """Send every nudge due now; returns how many were sent."""
    now = now or timezone.now()
    wanting = set(
        User.objects.filter(_wants_nudges(timezone.localdate(now))).values_list("pk", flat=True)
    )
    sent = 0
    for mentorship in quiet_mentorships(now):
        for me, them in (
            (mentorship.mentor, mentorship.mentee),
            (mentorship.mentee, mentorship.mentor),
        ):
            if me.pk in wanting and _due(me, them, now):
                sent += _nudge_check_in(me, them, mentorship, now)
    for tie in fading_ties():
        if tie.learner_id in wanting and _due(tie.learner, tie.teacher, now):
            sent += _nudge_fading(tie.learner, tie.teacher, now)
    return sent


def _due(me: User, them: User, now: datetime) -> bool:
    if not them.is_active or is_blocked_between(me, them):
        return False
    recent = Nudge.objects.filter(recipient=me, other=them, created_at__gt=now - quiet_period())
    return not recent.exists()


@transaction.atomic
def _nudge_check_in(me: User, them: User, mentorship: Mentorship, now: datetime) -> int:
    Nudge.objects.create(
        recipient=me,
        other=them,
        reason=NudgeReason.QUIET_MENTORSHIP,
        suggestion=Suggestion.CHECK_IN,
        mentorship=mentorship,
        created_at=now,
    )
    weeks = quiet_period().days // 7
    notify(
        me,
        them,
        NotificationKind.NUDGE,
        link=reverse("mentorship", args=[mentorship.pk]) + "#check-ins",
        note=(
            f"Your mentorship with {them.profile.name} has been quiet for {weeks} weeks. "
            "Propose a check-in: suggest a time, then log it on your shared page."
        ),
    )
    return 1


@transaction.atomic
def _nudge_fading(me: User, them: User, now: datetime) -> int:
    latest = latest_post(me, them)
    name = them.profile.name
    if latest is not None:
        suggestion = Suggestion.REPLY
        link = reverse("status", args=[them.username, latest.pk])
        note = (
            f"You learned a lot from {name}, and it has been a while. "
            "Reply to their latest post, or share it with the people who follow you."
        )
    else:
        suggestion = Suggestion.SAY_HELLO
        link = reverse("profile", args=[them.username])
        note = (
            f"You learned a lot from {name}, and it has been a while. "
            "Say hello: mention them in a post about what you are working on."
        )
    Nudge.objects.create(
        recipient=me,
        other=them,
        reason=NudgeReason.FADING_TIE,
        suggestion=suggestion,
        status=latest,
        created_at=now,
    )
    notify(me, them, NotificationKind.NUDGE, link=link, note=note, status=latest)
    return 1


def latest_post(reader: User, author: User) -> Status | None:
    """``author``'s newest own post (not a share or a reply) that ``reader`` may see."""
    return (
        Status.objects.filter(visible_to(reader), account=author, reblog_of__isnull=True)
        .filter(in_reply_to__isnull=True)
        .order_by("-id")
        .first()
    )
