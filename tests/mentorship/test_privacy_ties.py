"""The privacy matrix for inferred ties and private marks.

The cast: bob learns from alice in #pr (an inferred tie only they may see); bob privately
counts carol as a mentor (a mark only bob may see); alice hides nothing until a test says so.
dave is the steward (staff, here even a superuser), erin a newcomer, and an anonymous visitor
has no account. Each surface is checked for every persona: pages, API responses,
notifications, real-time events, exports and the admin's list views.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.demo.export import export_interaction_log, export_members
from mentormesh.mentorship.actions.decisions import access_tie, do_confirm_tie, do_hide_tie
from mentormesh.mentorship.actions.marks import check_and_mark, check_and_thank
from mentormesh.mentorship.models import Mark, Tie, TieDecision
from mentormesh.realtime.events import user_channel
from mentormesh.realtime.models import StreamEvent
from mentormesh.social.models import Notification
from tests.api.helpers import Api, token_for
from tests.mentorship.factories import make_tie

PERSONAS = ["alice", "bob", "carol", "dave", "erin", "visitor"]
CONCERNED_BY_TIE = {"alice", "bob"}


@dataclass
class Cast:
    people: dict[str, User]
    tie: Tie
    mark: Mark

    def __getitem__(self, name: str) -> User:
        return self.people[name]


@pytest.fixture
def cast(alice, bob, carol, dave, erin) -> Cast:
    dave.is_superuser = True
    dave.save(update_fields=["is_superuser"])
    tie = make_tie(bob, alice, "pr", explanation="bob learned from alice: SECRET-TIE-NOTE")
    mark = check_and_mark(bob, carol, Track.objects.get(slug="pr"))
    people = {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "erin": erin}
    return Cast(people, tie, mark)


def page_client(cast: Cast, persona: str) -> Client:
    client = Client()
    if persona != "visitor":
        client.force_login(cast[persona])
    return client


def api(cast: Cast, persona: str) -> Api:
    return Api(Client(), token_for(cast[persona]) if persona != "visitor" else None)


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_tie_on_pages_only_to_its_two_people(cast, persona):
    client = page_client(cast, persona)
    page = client.get("/mentors/").content.decode()
    assert ("SECRET-TIE-NOTE" in page) == (persona in CONCERNED_BY_TIE)
    for who in ("alice", "bob", "carol"):
        profile = client.get(f"/@{who}/").content.decode()
        assert "SECRET-TIE-NOTE" not in profile
        assert 'id="mentoring-title"' not in profile


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_mark_on_pages_only_to_its_maker(cast, persona):
    page = page_client(cast, persona).get("/mentors/").content.decode()
    assert ("private mark only you see" in page) == (persona == "bob")
    assert ("Remove my mark" in page) == (persona == "bob")


@pytest.mark.parametrize("persona", ["carol", "dave", "erin"])
def test_it_refuses_strangers_any_decision_on_the_tie(cast, persona):
    client = page_client(cast, persona)
    for decision in ("confirm", "hide"):
        client.post(f"/mentors/ties/{cast.tie.pk}/{decision}/")
    assert not TieDecision.objects.exists()


def test_it_names_no_learner_on_the_helpers_page(cast):
    for persona in ("carol", "erin", "dave"):
        page = page_client(cast, persona).get("/mentors/helpers/pr/").content.decode()
        assert "@bob" not in page
        assert "Learned from by 1 member in #pr" in page


# ---------------------------------------------------------------- the API


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_tie_in_the_api_only_to_its_two_people(cast, persona):
    client = api(cast, persona)
    listed = client.get("/api/v1/mentorship/ties")
    one = client.get(f"/api/v1/mentorship/ties/{cast.tie.pk}")
    the_map = client.get("/api/v1/mentorship/map")
    if persona == "visitor":
        assert {listed.status_code, one.status_code, the_map.status_code} == {401}
        return
    concerned = persona in CONCERNED_BY_TIE
    assert [t["id"] for t in listed.json()] == ([str(cast.tie.pk)] if concerned else [])
    assert one.status_code == (200 if concerned else 404)
    assert ("SECRET-TIE-NOTE" in the_map.content.decode()) == concerned


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_mark_in_the_api_only_to_its_maker(cast, persona):
    client = api(cast, persona)
    listed = client.get("/api/v1/mentorship/marks")
    the_map = client.get("/api/v1/mentorship/map")
    removed = client.delete(f"/api/v1/mentorship/marks/{cast.mark.pk}")
    if persona == "visitor":
        assert {listed.status_code, the_map.status_code, removed.status_code} == {401}
    elif persona == "bob":
        assert [m["id"] for m in listed.json()] == [str(cast.mark.pk)]
        assert f'"mark_id":"{cast.mark.pk}"' in the_map.content.decode().replace(" ", "")
    else:
        assert listed.json() == []
        assert '"marked"' not in the_map.content.decode()
        assert removed.status_code == 404
    assert Mark.objects.filter(pk=cast.mark.pk).exists() == (persona != "bob")


@pytest.mark.parametrize("persona", ["alice", "carol", "dave", "erin", "visitor"])
def test_it_leaves_no_trace_in_public_account_entities(cast, persona):
    def accounts() -> list[str]:
        client = api(cast, persona)
        return [
            client.get(f"/api/v1/accounts/{cast[who].pk}").content.decode()
            for who in ("alice", "bob", "carol")
        ]

    with_them = accounts()
    Tie.objects.all().delete()
    Mark.objects.all().delete()
    assert accounts() == with_them


# ---------------------------------------------------------------- notifications and events


def test_it_notifies_nobody_of_a_tie_a_confirmation_a_hide_or_a_silent_mark(cast):
    do_confirm_tie(cast["bob"], access_tie(cast["bob"], cast.tie.pk))
    do_hide_tie(cast["alice"], access_tie(cast["alice"], cast.tie.pk))
    assert not Notification.objects.exists()


def test_it_notifies_only_the_thanked_mentor(cast):
    check_and_thank(cast.mark, "Thank you for the pitching tips.")
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [
        ("carol", "thanks")
    ]
    for persona in ("alice", "dave", "erin"):
        notices = api(cast, persona).get("/api/v1/notifications").json()
        assert notices == []


def channels_of(event_type: str) -> list[set[str]]:
    return [
        {r.channel for r in event.recipients.all()}
        for event in StreamEvent.objects.filter(type=event_type).order_by("id")
    ]


def test_it_sends_tie_events_only_to_the_people_concerned(cast, django_capture_on_commit_callbacks):
    alice, bob = cast["alice"], cast["bob"]
    with django_capture_on_commit_callbacks(execute=True):
        do_confirm_tie(bob, access_tie(bob, cast.tie.pk))
    with django_capture_on_commit_callbacks(execute=True):
        do_hide_tie(alice, access_tie(alice, cast.tie.pk))
    # A confirmation goes to both people; a hide only to the one who hid it.
    assert channels_of("mentorship.tie") == [
        {user_channel(alice.pk), user_channel(bob.pk)},
        {user_channel(alice.pk)},
    ]


def test_it_sends_mark_and_thanks_events_only_to_maker_and_thanked(
    cast, django_capture_on_commit_callbacks
):
    bob, erin = cast["bob"], cast["erin"]
    with django_capture_on_commit_callbacks(execute=True):
        check_and_mark(bob, erin, None, "Thanks for the welcome!")
    assert channels_of("mentorship.mark") == [{user_channel(bob.pk)}]
    assert channels_of("notification") == [{user_channel(erin.pk)}]


def test_it_keeps_the_hide_from_the_other_person(cast):
    do_hide_tie(cast["alice"], access_tie(cast["alice"], cast.tie.pk))
    body = api(cast, "bob").get(f"/api/v1/mentorship/ties/{cast.tie.pk}").json()
    assert body["id"] == str(cast.tie.pk)  # bob still sees it, and nothing says it was hidden
    assert "hid" not in str(body).lower()
    page = page_client(cast, "bob").get("/mentors/").content.decode()
    assert "SECRET-TIE-NOTE" in page


# ---------------------------------------------------------------- exports and the admin


def test_it_exports_nothing_of_ties_decisions_or_marks(cast, tmp_path: Path):
    export_interaction_log(tmp_path / "before-log.csv")
    export_members(tmp_path / "before-members.csv")
    do_confirm_tie(cast["bob"], access_tie(cast["bob"], cast.tie.pk))
    check_and_mark(cast["erin"], cast["alice"], None, "Thanks")
    export_interaction_log(tmp_path / "after-log.csv")
    export_members(tmp_path / "after-members.csv")
    for name in ("log", "members"):
        before = (tmp_path / f"before-{name}.csv").read_text()
        assert (tmp_path / f"after-{name}.csv").read_text() == before


@pytest.mark.parametrize(
    "path",
    [
        "/admin/mentorship/tie/",
        "/admin/mentorship/mark/",
        "/admin/mentorship/tiedecision/",
        "/admin/social/notification/",
    ],
)
def test_it_keeps_ties_marks_and_notes_out_of_the_admin(cast, path):
    client = page_client(cast, "dave")
    assert client.get(path).status_code == 404
    index = client.get("/admin/").content.decode()
    assert "/admin/mentorship/tie/" not in index
    assert "/admin/mentorship/mark/" not in index
