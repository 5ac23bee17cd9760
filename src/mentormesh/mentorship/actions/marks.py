"""Private marks ("I count @x as a mentor, in #track") and the optional thank-you note.

The mark is seen only by the member who made it: no event, notification or page tells the
marked member, except the thank-you note the member chooses to send.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.models import Mark
from mentormesh.mentorship.models.marks import NOTE_MAX
from mentormesh.realtime.events import send_event_on_commit, user_channel
from mentormesh.social.models import Mute, Notification, NotificationKind
from mentormesh.social.visibility import is_blocked_between

NOT_YOUR_MARK = "No such mark of yours."


def where(track: Track | None) -> str:
    return f" in #{track.hashtag}" if track is not None else ""


def check_note(note: str) -> None:
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {
                "note": f"The thank-you note is too long: at most {NOTE_MAX} characters "
                f"(this one has {len(note)})."
            }
        )


def check_mark(member: User, mentor: User, track: Track | None, note: str = "") -> None:
    """Raise ``ValidationError`` (keyed by field) unless ``member`` may mark ``mentor``."""
    if member.pk == mentor.pk:
        raise ValidationError({"mentor": "You can't count yourself as your own mentor."})
    if not mentor.is_active:
        raise ValidationError({"mentor": "That member is not active."})
    if is_blocked_between(member, mentor):
        raise ValidationError(
            {"mentor": f"You can't mark @{mentor.username}: one of you has blocked the other."}
        )
    if track is not None and not track.is_active:
        raise ValidationError({"track": "That track is not active."})
    if Mark.objects.filter(member=member, mentor=mentor, track=track).exists():
        raise ValidationError(
            {"mentor": f"You already count @{mentor.username} as a mentor{where(track)}."}
        )
    check_note(note)


@transaction.atomic
def do_mark(member: User, mentor: User, track: Track | None, note: str = "") -> Mark:
    mark = Mark.objects.create(member=member, mentor=mentor, track=track)
    send_event_on_commit(
        "mentorship.mark", {"id": str(mark.pk), "op": "add"}, [user_channel(member.pk)]
    )
    if note.strip():
        do_thank(mark, note.strip())
    return mark


def check_and_mark(member: User, mentor: User, track: Track | None, note: str = "") -> Mark:
    check_mark(member, mentor, track, note)
    return do_mark(member, mentor, track, note)


def access_mark(member: User, mark_id: int) -> Mark:
    found = Mark.objects.filter(member=member, pk=mark_id).select_related("mentor", "track")
    mark = found.first()
    if mark is None:
        raise Http404(NOT_YOUR_MARK)
    return mark


@transaction.atomic
def do_unmark(mark: Mark) -> None:
    member_id = mark.member_id
    payload = {"id": str(mark.pk), "op": "remove"}
    mark.delete()
    send_event_on_commit("mentorship.mark", payload, [user_channel(member_id)])


def check_thank(mark: Mark, note: str) -> None:
    if not note.strip():
        raise ValidationError({"note": "Write a few words of thanks."})
    check_note(note)
    if is_blocked_between(mark.member, mark.mentor):
        raise ValidationError({"mentor": "One of you has blocked the other."})


@transaction.atomic
def do_thank(mark: Mark, note: str) -> Notification | None:
    """Send the marked mentor a thank-you note: the only way they learn of the mark. A mentor
    who muted the member gets nothing (as with every notification)."""
    Mark.objects.filter(pk=mark.pk).update(thanked_at=timezone.now())
    if Mute.objects.filter(account_id=mark.mentor_id, target_id=mark.member_id).exists():
        return None
    notification = Notification.objects.create(
        recipient_id=mark.mentor_id,
        actor_id=mark.member_id,
        kind=NotificationKind.THANKS,
        note=note,
        track=mark.track,
    )
    send_event_on_commit(
        "notification",
        {"id": str(notification.pk), "kind": NotificationKind.THANKS},
        [user_channel(mark.mentor_id)],
    )
    return notification


def check_and_thank(mark: Mark, note: str) -> Notification | None:
    check_thank(mark, note)
    return do_thank(mark, note.strip())
