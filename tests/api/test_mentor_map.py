"""The mentor map, ties and private marks over the API, Mastodon style: JSON in and out, 404
for anything not yours, 422 naming the field for bad input, and nothing changed then."""

from __future__ import annotations

import pytest

from mentormesh.mentorship.models import Mark, Mentorship, TieDecision
from mentormesh.mentorship.models.marks import NOTE_MAX
from mentormesh.social.actions import do_block
from mentormesh.social.models import Notification
from tests.api.helpers import ok
from tests.mentorship.factories import make_tie

MAP = "/api/v1/mentorship/map"
TIES = "/api/v1/mentorship/ties"
MARKS = "/api/v1/mentorship/marks"


def test_it_serves_my_map_with_labels_strength_and_gaps(as_member, alice, bob, carol):
    make_tie(bob, alice, "pr", "mentor", score=7.5)
    make_tie(carol, bob, "pr", "reverse", score=1.0)
    body = ok(as_member(bob).get(MAP))
    assert body["account"]["username"] == "bob"
    pr = next(t for t in body["tracks"] if t["track"] == "pr")
    mentor = pr["mentors"][0]
    assert (mentor["account"]["username"], mentor["label"], mentor["strength"]) == (
        "alice",
        "mentor",
        7.5,
    )
    assert mentor["sources"] == ["inferred"]
    assert "learned from @alice" in mentor["explanation"]
    assert mentor["last_interaction_at"].endswith("Z")
    assert [p["account"]["username"] for p in pr["learners"]] == ["carol"]
    assert body["gaps"] == ["marketing"]


def test_it_confirms_a_tie_from_both_sides_into_a_mentorship(as_member, alice, bob):
    tie = make_tie(bob, alice)
    first = ok(as_member(bob).post(f"{TIES}/{tie.pk}/confirm"))
    assert first["mentorship_id"] is None
    assert first["tie"]["confirmed"] is True
    assert first["tie"]["confirmed_by_them"] is False
    second = ok(as_member(alice).post(f"{TIES}/{tie.pk}/confirm"))
    mentorship = Mentorship.objects.get()
    assert second["mentorship_id"] == str(mentorship.pk)
    assert second["tie"]["role"] == "teacher"
    shown = ok(
        as_member(alice).post(
            f"/api/v1/mentorship/mentorships/{mentorship.pk}/profile", {"shown": True}
        )
    )
    assert shown == {"id": str(mentorship.pk), "shown_on_my_profile": True}


def test_it_hides_a_tie_and_then_answers_404_for_it(as_member, alice, bob):
    tie = make_tie(bob, alice)
    assert ok(as_member(bob).post(f"{TIES}/{tie.pk}/hide")) == {"tie": None, "mentorship_id": None}
    assert ok(as_member(bob).get(TIES)) == []
    assert as_member(bob).get(f"{TIES}/{tie.pk}").status_code == 404
    assert [t["id"] for t in ok(as_member(alice).get(TIES))] == [str(tie.pk)]


@pytest.mark.parametrize("decision", ["confirm", "hide"])
def test_it_refuses_a_decision_on_a_tie_you_are_not_in(as_member, alice, bob, carol, decision):
    tie = make_tie(bob, alice)
    response = as_member(carol).post(f"{TIES}/{tie.pk}/{decision}")
    assert response.status_code == 404
    assert response.json() == {
        "error": "No such tie of yours: you can only confirm or hide a tie you are in."
    }
    unknown = as_member(carol).post(f"{TIES}/99999/{decision}")
    assert unknown.json() == response.json()  # a stranger's tie looks like no tie at all
    assert not TieDecision.objects.exists()


def test_it_creates_lists_thanks_and_deletes_marks(as_member, alice, bob):
    api = as_member(bob)
    mark = ok(api.post(MARKS, {"account_id": str(alice.pk), "track": "pr"}))
    assert (mark["account"]["username"], mark["track"], mark["thanked_at"]) == ("alice", "pr", None)
    assert [m["id"] for m in ok(api.get(MARKS))] == [mark["id"]]
    thanked = ok(api.post(f"{MARKS}/{mark['id']}/thank", {"note": "Thank you, Alice."}))
    assert thanked["thanked_at"] is not None
    notices = ok(as_member(alice).get("/api/v1/notifications"))
    assert notices[0]["type"] == "thanks"
    assert notices[0]["mentormesh"]["note"] == "Thank you, Alice."
    assert notices[0]["mentormesh"]["track"] == "pr"
    assert ok(api.delete(f"{MARKS}/{mark['id']}")) == {}
    assert not Mark.objects.exists()


def test_it_refuses_to_mark_a_blocked_member(as_member, alice, bob):
    do_block(alice, bob)
    response = as_member(bob).post(MARKS, {"account_id": str(alice.pk), "note": "Thanks"})
    assert response.status_code == 422
    assert response.json()["details"] == {
        "account_id": ["You can't mark @alice: one of you has blocked the other."]
    }
    assert not Mark.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_to_mark_yourself(as_member, bob):
    response = as_member(bob).post(MARKS, {"account_id": str(bob.pk)})
    assert response.status_code == 422
    assert "can't count yourself" in response.json()["error"]
    assert not Mark.objects.exists()


def test_it_refuses_an_over_long_thank_you_note(as_member, alice, bob):
    note = "x" * (NOTE_MAX + 1)
    response = as_member(bob).post(MARKS, {"account_id": str(alice.pk), "note": note})
    assert response.status_code == 422
    assert response.json()["details"]["note"] == [
        f"The thank-you note is too long: at most {NOTE_MAX} characters (this one has {NOTE_MAX + 1})."
    ]
    assert not Mark.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_an_unknown_track_for_a_mark(as_member, alice, bob):
    response = as_member(bob).post(MARKS, {"account_id": str(alice.pk), "track": "nope"})
    assert response.status_code == 422
    assert "track" in response.json()["details"]


def test_it_keeps_marks_and_ties_to_members_only(as_member):
    for path in (MAP, TIES, MARKS):
        assert as_member(None).get(path).status_code == 401


def test_it_lists_helpers_for_a_gap_with_counts_only(as_member, alice, bob, carol, erin):
    make_tie(bob, alice, "pr")
    make_tie(erin, alice, "pr")
    helpers = ok(as_member(carol).get("/api/v1/mentorship/tracks/pr/helpers"))
    assert helpers[0]["account"]["username"] == "alice"
    assert helpers[0]["learners"] == 2
    assert "bob" not in str(helpers)
    assert "erin" not in str(helpers)


def test_it_reads_the_map_in_a_fixed_number_of_queries(
    as_member, alice, bob, carol, django_assert_max_num_queries
):
    from tests.conftest import make_member

    api = as_member(bob)
    make_tie(bob, alice, "pr")
    with django_assert_max_num_queries(40) as few:
        ok(api.get(MAP))
    for i in range(5):
        other = make_member(f"mentor{i}")
        make_tie(bob, other, "marketing", "peer")
    with django_assert_max_num_queries(len(few.captured_queries)):
        ok(api.get(MAP))
