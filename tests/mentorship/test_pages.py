"""The "My mentors" page, its forms (working without JavaScript, enhanced by htmx), the gap
helpers page and the profile's mentoring section."""

from __future__ import annotations

from django.contrib.messages import get_messages

from mentormesh.community.models import Track
from mentormesh.mentorship.actions.decisions import (
    do_confirm_tie,
    do_show_learner_counts,
    do_show_on_profile,
)
from mentormesh.mentorship.models import Mark, Mentorship, TieDecision
from mentormesh.mentorship.models.marks import NOTE_MAX
from mentormesh.social.actions import do_block
from mentormesh.social.models import Notification
from tests.conftest import make_member
from tests.mentorship.factories import make_tie


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_shows_the_map_picture_and_list(as_member, alice, bob):
    make_tie(bob, alice, "pr", "mentor", score=6.0)
    page = as_member(bob).get("/mentors/").content.decode()
    assert '<svg class="map-picture"' in page
    assert "<title>@alice: mentor in Public relations" in page
    assert "learned from @alice" in page
    assert "Strength 6.0" in page
    assert 'href="/mentors/helpers/marketing/"' in page  # bob's marketing gap


def test_it_sends_visitors_to_log_in(client):
    response = client.get("/mentors/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_links_the_map_in_the_main_navigation(as_member, bob):
    assert 'href="/mentors/"' in as_member(bob).get("/").content.decode()


def test_it_confirms_with_a_plain_form(as_member, alice, bob):
    tie = make_tie(bob, alice)
    response = as_member(bob).post(f"/mentors/ties/{tie.pk}/confirm/")
    assert response.status_code == 302
    assert said(response) == ["Confirmed."]
    assert TieDecision.objects.get().decided_by == bob


def test_it_answers_htmx_with_the_updated_entry(as_member, alice, bob):
    tie = make_tie(bob, alice)
    do_confirm_tie(alice, tie)
    response = as_member(bob).post(
        f"/mentors/ties/{tie.pk}/confirm/", headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<li class="map-entry')
    assert "You both did: it is now a mentorship." in fragment
    assert Mentorship.objects.filter(mentor=alice, mentee=bob).exists()


def test_it_refuses_to_confirm_or_hide_a_tie_you_are_not_in(as_member, alice, bob, carol):
    tie = make_tie(bob, alice)
    for decision in ("confirm", "hide"):
        response = as_member(carol).post(f"/mentors/ties/{tie.pk}/{decision}/")
        assert said(response)[-1] == (
            "No such tie of yours: you can only confirm or hide a tie you are in."
        )
    assert not TieDecision.objects.exists()


def test_it_refuses_to_mark_a_blocked_member_on_the_page(as_member, alice, bob):
    do_block(bob, alice)
    response = as_member(bob).post("/mentors/marks/", {"handle": "@alice", "note": "Thanks!"})
    assert said(response) == ["You can't mark @alice: one of you has blocked the other."]
    assert not Mark.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_an_over_long_note_on_the_page(as_member, alice, bob):
    response = as_member(bob).post(
        "/mentors/marks/", {"handle": "alice", "track": "pr", "note": "x" * (NOTE_MAX + 1)}
    )
    assert said(response) == [
        f"The thank-you note is too long: at most {NOTE_MAX} characters "
        f"(this one has {NOTE_MAX + 1})."
    ]
    assert not Mark.objects.exists()


def test_it_refuses_to_mark_yourself_on_the_page(as_member, bob):
    response = as_member(bob).post("/mentors/marks/", {"handle": "bob"})
    assert said(response) == ["You can't count yourself as your own mentor."]
    assert not Mark.objects.exists()


def test_it_marks_and_thanks_from_the_page(as_member, alice, bob):
    response = as_member(bob).post(
        "/mentors/marks/", {"handle": "alice", "track": "pr", "note": "You taught me pitching."}
    )
    assert said(response) == ["You count @alice as a mentor in #pr."]
    notice = as_member(alice).get("/notifications/").content.decode()
    assert "thanked you" in notice
    assert "You taught me pitching." in notice


def test_it_lists_the_tracks_helpers_by_count(as_member, alice, bob, carol, erin):
    make_tie(bob, alice, "pr")
    make_tie(erin, alice, "pr")
    page = as_member(carol).get("/mentors/helpers/pr/").content.decode()
    assert "Learned from by 2 members in #pr" in page
    assert "@erin" not in page


def test_it_shows_chosen_mentorships_and_counts_on_the_profile(client, alice, bob, carol):
    tie = make_tie(bob, alice)
    make_tie(carol, alice, "pr", "peer")
    do_confirm_tie(bob, tie)
    mentorship = do_confirm_tie(alice, tie)
    assert mentorship is not None
    page = client.get("/@alice/").content.decode()
    assert 'id="mentoring-title"' not in page  # nothing chosen yet
    do_show_on_profile(alice, mentorship, True)
    page = client.get("/@alice/").content.decode()
    assert "a mentee who keeps it private" in page  # bob has not chosen to be named
    do_show_on_profile(bob, mentorship, True)
    do_show_learner_counts(alice, True)
    page = client.get("/@alice/").content.decode()
    assert 'href="/@bob/">Bob</a>' in page
    assert "Learned from by 2 members in" in page


def test_it_renders_the_map_page_in_a_fixed_number_of_queries(
    as_member, alice, bob, django_assert_max_num_queries
):
    client = as_member(bob)
    make_tie(bob, alice, "pr")
    with django_assert_max_num_queries(40) as few:
        client.get("/mentors/")
    pr = Track.objects.get(slug="pr")
    for i in range(5):
        other = make_member(f"mentor{i}")
        make_tie(bob, other, "marketing", "peer")
        Mark.objects.create(member=bob, mentor=other, track=pr)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/mentors/")


def test_it_thanks_for_an_existing_mark_from_the_page(as_member, alice, bob):
    client = as_member(bob)
    client.post("/mentors/marks/", {"handle": "alice"})
    mark = Mark.objects.get()
    assert "Send a thank-you note" in client.get("/mentors/").content.decode()
    response = client.post(f"/mentors/marks/{mark.pk}/thank/", {"note": "Thanks, Alice!"})
    assert said(response)[-1] == "Your thank-you note is on its way to @alice."
    assert Notification.objects.get(recipient=alice).note == "Thanks, Alice!"


def test_it_refuses_to_thank_with_someone_elses_mark(as_member, alice, bob, carol):
    as_member(bob).post("/mentors/marks/", {"handle": "alice"})
    mark = Mark.objects.get()
    response = as_member(carol).post(f"/mentors/marks/{mark.pk}/thank/", {"note": "Hi"})
    assert said(response)[-1] == "No such mark of yours."
    assert not Notification.objects.exists()
