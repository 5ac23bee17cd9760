"""The privacy matrix: declined, postponed and expired requests, and nudges, are seen only by
the people concerned — and the requester only ever sees "not available right now", identical
for a no, a not now and an expiry — in pages, the API, notifications, real-time events,
exports and the admin.

The cast: alice is asked three times; bob's request gets a no, erin's a not now, carol's
expires. bob is nudged about alice (a fading tie). dave is the steward; anonymous is nobody.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.utils import timezone

from mentormesh.demo.export import export_interaction_log, export_members
from mentormesh.mentorship.actions.nudges import do_send_nudges
from mentormesh.mentorship.actions.requests import check_and_answer, do_expire_requests
from mentormesh.mentorship.models import MentorshipRequest, Nudge, NudgeSettings
from mentormesh.realtime.events import user_channel
from mentormesh.realtime.log import append_event, events_since
from mentormesh.realtime.models import StreamEvent
from mentormesh.social.actions import check_and_create_status
from mentormesh.social.models import Notification
from tests.api.helpers import Api, token_for
from tests.mentorship.conftest import ask, make_tie

SECRET_NOTE = "a heads-up only alice should read"
CAUSE_WORDS = ("declined", "not now", "not_now", "Not now", "expired")


@pytest.fixture
def cast(alice, bob, carol, dave, erin, django_capture_on_commit_callbacks) -> dict[str, Any]:
    append_event("test.start", {}, ["test"])  # the stream's position before the cast acts
    with django_capture_on_commit_callbacks(execute=True):
        check_and_answer(alice, ask(bob, alice, note=SECRET_NOTE), "no")
        check_and_answer(alice, ask(erin, alice, note=SECRET_NOTE), "not_now")
        ask(carol, alice, note=SECRET_NOTE)
    with django_capture_on_commit_callbacks(execute=True):
        do_expire_requests(timezone.now() + timedelta(days=15))
        check_and_create_status(alice, "My latest post on pitching")
        make_tie(bob, alice)
        assert do_send_nudges() == 1
    return {
        "requesters": [bob, erin, carol],
        "outsiders": [dave],
        "all": [alice, bob, carol, dave, erin],
    }


def outgoing_section(html: str) -> str:
    return html[html.index('id="outgoing-section"') :]


def test_it_shows_each_requester_the_same_page_whatever_the_cause(client, cast):
    sections = []
    for requester in cast["requesters"]:
        client.force_login(requester)
        section = outgoing_section(client.get("/mentoring/requests/").content.decode())
        assert "not available right now" in section
        for word in CAUSE_WORDS:
            assert word not in section
        sections.append(section)
    assert sections[0] == sections[1] == sections[2]


def test_it_shows_each_requester_the_same_notification_line(client, cast):
    lines = []
    for requester in cast["requesters"]:
        client.force_login(requester)
        html = client.get("/notifications/").content.decode()
        [line] = re.findall(
            r'<li class="notification notification--unavailable.*?</li>', html, re.S
        )
        lines.append(re.sub(r"<time.*?</time>", "", line, flags=re.S))
        for word in CAUSE_WORDS:
            assert word not in html
    assert lines[0] == lines[1] == lines[2]
    assert "not available right now" in lines[0]


def test_it_gives_each_requester_the_same_api_answer(client, cast):
    requests, notifications = [], []
    for requester in cast["requesters"]:
        api = Api(client, token_for(requester))
        [row] = api.ok(api.get("/api/v1/mentorship_requests", {"direction": "outgoing"}))
        requests.append({k: v for k, v in row.items() if k not in ("id", "created_at")})
        [note] = api.ok(api.get("/api/v1/notifications", {"types[]": "unavailable"}))
        notifications.append(
            {k: v for k, v in note.items() if k not in ("id", "created_at", "group_key")}
        )
        assert api.ok(api.get(f"/api/v1/mentorship_requests/{row['id']}"))["state"] == "unavailable"
    assert requests[0] == requests[1] == requests[2]
    assert requests[0]["state_text"] == "not available right now"
    assert notifications[0] == notifications[1] == notifications[2]
    assert notifications[0]["mentormesh"]["note"] is None


def test_it_sends_each_requester_the_same_real_time_event(cast):
    payloads = []
    for requester in cast["requesters"]:
        events = [
            event
            for event in events_since([user_channel(requester.pk)], 0)
            if event.payload.get("kind") == "unavailable"
        ]
        [event] = events
        assert set(event.payload) == {"id", "kind"}
        payloads.append((event.type, event.payload["kind"]))
    assert payloads[0] == payloads[1] == payloads[2]


def sse_body(client, person) -> str:
    client.force_login(person)
    start = StreamEvent.objects.get(type="test.start").pk
    response = client.get(f"/events/home?last_event_id={start}")
    with pytest.warns(Warning, match="StreamingHttpResponse must consume asynchronous"):
        return b"".join(response).decode()


def test_it_streams_each_requester_the_same_server_sent_event(client, cast):
    shapes = []
    for requester in cast["requesters"]:
        body = sse_body(client, requester)
        [line] = [line for line in body.splitlines() if '"kind":"unavailable"' in line]
        shapes.append(re.sub(r'"id":"\d+"', '"id":"N"', line))
        for word in CAUSE_WORDS:
            assert word not in body
    assert shapes[0] == shapes[1] == shapes[2]
    assert shapes[0] == 'data: {"type":"notification","id":"N","kind":"unavailable"}'


def test_it_streams_requests_and_nudges_to_nobody_else(client, cast, alice, dave):
    assert "event: notification" not in sse_body(client, dave)
    alice_kinds = re.findall(r'"kind":"(\w+)"', sse_body(client, alice))
    assert sorted(alice_kinds) == ["request", "request", "request"]


def test_it_sends_every_event_only_to_its_notifications_recipient(cast):
    for person in cast["all"]:
        for event in events_since([user_channel(person.pk)], 0):
            if event.type == "notification":
                row = Notification.objects.get(pk=int(event.payload["id"]))
                assert row.recipient == person


def test_it_lets_only_alice_know_how_she_answered(client, cast, alice):
    api = Api(client, token_for(alice))
    states = sorted(row["state"] for row in api.ok(api.get("/api/v1/mentorship_requests")))
    assert states == ["declined", "expired", "not_now"]


def test_it_hides_requests_from_everyone_else(client, cast, alice):
    ids = list(MentorshipRequest.objects.values_list("pk", flat=True))
    for outsider in cast["outsiders"]:
        api = Api(client, token_for(outsider))
        for direction in ("incoming", "outgoing"):
            assert api.ok(api.get("/api/v1/mentorship_requests", {"direction": direction})) == []
        for request_id in ids:
            assert api.get(f"/api/v1/mentorship_requests/{request_id}").status_code == 404
        client.force_login(outsider)
        for path in ("/mentoring/requests/", "/@alice/", "/@bob/", "/notifications/"):
            html = client.get(path).content.decode()
            assert SECRET_NOTE not in html
            assert "not available right now" not in html
    bob, erin = cast["requesters"][0], cast["requesters"][1]
    bobs = MentorshipRequest.objects.get(requester=bob).pk
    assert (
        Api(client, token_for(erin)).get(f"/api/v1/mentorship_requests/{bobs}").status_code == 404
    )
    client.logout()
    assert client.get("/mentoring/requests/").status_code == 302
    assert Api(client).get("/api/v1/mentorship_requests").status_code == 401
    assert Api(client).get(f"/api/v1/mentorship_requests/{bobs}").status_code == 401


def test_it_shows_a_nudge_to_its_recipient_only(client, cast, bob):
    assert [n.recipient for n in Notification.objects.filter(kind="nudge")] == [bob]
    nudge_text = Notification.objects.get(kind="nudge").note
    for person in cast["all"]:
        api = Api(client, token_for(person))
        kinds = [n["mentormesh"]["kind"] for n in api.ok(api.get("/api/v1/notifications"))]
        client.force_login(person)
        html = client.get("/notifications/").content.decode()
        events = [e.payload.get("kind") for e in events_since([user_channel(person.pk)], 0)]
        if person == bob:
            assert "nudge" in kinds
            assert nudge_text in html
            assert "nudge" in events
        else:
            assert "nudge" not in kinds
            assert nudge_text not in html
            assert "nudge" not in events


def test_it_keeps_requests_and_nudges_out_of_the_admin(client, cast, dave):
    for model in (MentorshipRequest, Nudge, NudgeSettings, Notification):
        assert not admin.site.is_registered(model)
    dave.is_superuser = True
    dave.save()
    client.force_login(dave)
    index = client.get("/admin/").content.decode()
    assert "request" not in index.lower()
    assert "nudge" not in index.lower()
    assert client.get("/admin/mentorship/mentorshiprequest/").status_code == 404


def test_it_keeps_requests_and_nudges_out_of_the_exports(cast, tmp_path):
    export_interaction_log(tmp_path / "log.csv")
    export_members(tmp_path / "members.csv")
    for name in ("log.csv", "members.csv"):
        written = (tmp_path / name).read_text()
        assert SECRET_NOTE not in written
        assert "unavailable" not in written
        assert "nudge" not in written
