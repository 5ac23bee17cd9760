"""The demo's mentorship requests: ana_newcomer has one request in each state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from mentormesh.demo.generator import generate_community
from mentormesh.demo.load import install_demo, load_demo
from mentormesh.mentorship.models import Mentorship, MentorshipRequest
from mentormesh.realtime.models import StreamEvent
from mentormesh.social.models import Notification

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def test_it_gives_ana_a_request_in_each_state(db):
    now = timezone.now()  # the pending request is still pending today
    summary = load_demo(generate_community(members=40), now=now)
    assert summary.mentorship_requests == 5
    rows = MentorshipRequest.objects.filter(requester__username="ana_newcomer")
    by_state = {row.state: row.recipient.username for row in rows}
    assert by_state == {
        "accepted": "mira_pr",
        "pending": "dana_steward",
        "declined": "robertstojak",
        "not_now": "lucassmit",
        "expired": "JuanHernandez",
    }
    assert sorted(row.requester_state for row in rows) == [
        "accepted",
        "pending",
        "unavailable",
        "unavailable",
        "unavailable",
    ]
    mentorship = Mentorship.objects.get(mentee__username="ana_newcomer")
    assert mentorship.mentor.username == "mira_pr"
    kinds = sorted(
        Notification.objects.filter(
            recipient__username="ana_newcomer", kind__in=("request_accepted", "unavailable")
        ).values_list("kind", flat=True)
    )
    assert kinds == ["request_accepted", "unavailable", "unavailable", "unavailable"]
    assert not StreamEvent.objects.exists()  # history: no live events
    assert not Notification.objects.filter(
        read_at=None, created_at__lt=now - timedelta(days=2)
    ).exists()


def requests_as_rows() -> list[tuple[object, ...]]:
    return list(
        MentorshipRequest.objects.order_by("recipient__username").values_list(
            "requester__username", "recipient__username", "state", "created_at", "note", "cadence"
        )
    )


def test_it_makes_the_same_requests_every_time(db):
    community = generate_community(members=40)
    load_demo(community, now=NOW)
    first = requests_as_rows()
    install_demo(community, reset=True, now=NOW)
    assert requests_as_rows() == first
    assert len(first) == 5
