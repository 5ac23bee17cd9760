"""Private marks: "I count @x as a mentor (in #track)", seen only by the member, with an
optional thank-you note that is the only way @x learns of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mentormesh.community.models import Track
from mentormesh.mentorship.actions.marks import (
    access_mark,
    check_and_mark,
    check_and_thank,
    do_unmark,
)
from mentormesh.mentorship.models import Mark
from mentormesh.mentorship.models.marks import NOTE_MAX
from mentormesh.social.actions import do_block, do_mute
from mentormesh.social.models import Notification, NotificationKind


@pytest.fixture
def pr(db) -> Track:
    return Track.objects.get(slug="pr")


def test_it_marks_a_mentor_without_telling_them(alice, bob, pr):
    mark = check_and_mark(bob, alice, pr)
    assert (mark.member, mark.mentor, mark.track) == (bob, alice, pr)
    assert not Notification.objects.filter(recipient=alice).exists()


def test_it_sends_the_thank_you_note_as_the_only_notice(alice, bob, pr):
    check_and_mark(bob, alice, pr, "Your press-release feedback changed how I write.")
    notice = Notification.objects.get(recipient=alice)
    assert notice.kind == NotificationKind.THANKS
    assert notice.actor == bob
    assert notice.note == "Your press-release feedback changed how I write."
    assert notice.track == pr


def test_it_thanks_later_for_an_existing_mark(alice, bob, pr):
    mark = check_and_mark(bob, alice, pr)
    check_and_thank(mark, "Thank you!")
    assert Notification.objects.get(recipient=alice).note == "Thank you!"
    mark.refresh_from_db()
    assert mark.thanked_at is not None


def test_it_sends_nothing_to_a_mentor_who_muted_the_member(alice, bob, pr):
    do_mute(alice, bob)
    check_and_mark(bob, alice, pr, "Thanks!")
    assert not Notification.objects.filter(recipient=alice).exists()


def test_it_refuses_to_mark_a_blocked_member(alice, bob, pr):
    do_block(alice, bob)
    with pytest.raises(ValidationError, match="one of you has blocked the other"):
        check_and_mark(bob, alice, pr, "Thanks!")
    assert not Mark.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_to_mark_yourself(bob, pr):
    with pytest.raises(ValidationError, match="can't count yourself"):
        check_and_mark(bob, bob, pr)
    assert not Mark.objects.exists()


def test_it_refuses_an_over_long_note(alice, bob, pr):
    with pytest.raises(ValidationError, match=f"at most {NOTE_MAX} characters"):
        check_and_mark(bob, alice, pr, "x" * (NOTE_MAX + 1))
    assert not Mark.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_the_same_mark_twice(alice, bob, pr):
    check_and_mark(bob, alice, pr)
    with pytest.raises(ValidationError, match="already count @alice"):
        check_and_mark(bob, alice, pr)
    check_and_mark(bob, alice, None)  # across tracks is another mark
    with pytest.raises(ValidationError):
        check_and_mark(bob, alice, None)
    assert Mark.objects.count() == 2


def test_it_lets_only_the_member_remove_their_mark(alice, bob, carol, pr):
    mark = check_and_mark(bob, alice, pr)
    with pytest.raises(Exception, match="No such mark of yours"):
        access_mark(carol, mark.pk)
    do_unmark(access_mark(bob, mark.pk))
    assert not Mark.objects.exists()
