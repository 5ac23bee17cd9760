"""mentormesh.rows: plain statements for hot paths write what bulk_create would."""

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentormesh import rows
from mentormesh.realtime.models import StreamEvent, StreamRecipient
from mentormesh.social.models import Interaction, Notification


def test_it_inserts_rows_with_defaults_dates_and_json_as_bulk_create_would(alice, bob):
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    rows.insert(
        [
            Interaction(time=when, actor=alice, target=bob, kind="mention", context="7"),
            Interaction(time=when, actor=bob, target=alice, kind="reply", track="pr"),
        ]
    )
    assert list(
        Interaction.objects.order_by("id").values_list("time", "actor", "target", "kind", "track")
    ) == [(when, alice.pk, bob.pk, "mention", ""), (when, bob.pk, alice.pk, "reply", "pr")]
    notification = Notification(recipient=bob, actor=alice, kind="mention")
    rows.insert([notification])
    assert not notification._state.adding
    stored = Notification.objects.get()
    assert (stored.pk, stored.created_at) == (notification.pk, notification.created_at)
    rows.insert([StreamEvent(id=5, type="test.event", payload={"n": [1, "two"], "ok": True})])
    assert StreamEvent.objects.get(id=5).payload == {"n": [1, "two"], "ok": True}


def test_it_splits_an_insert_larger_than_any_backend_takes_in_one_statement(db):
    rows.insert([StreamEvent(id=1, type="test.event", payload={})])
    recipients = [StreamRecipient(event_id=1, channel=f"user:{n}") for n in range(700)]
    with CaptureQueriesContext(connection) as captured:
        rows.insert(recipients)
    per_statement = connection.ops.bulk_batch_size(["event", "channel"], recipients)
    assert len(captured) == -(-700 // per_statement)  # SQLite: 499 rows a statement, so 2
    assert StreamRecipient.objects.filter(event_id=1).count() == 700


def test_it_selects_and_counts_changed_rows(alice, bob):
    table, username = rows.table(type(alice)), rows.column(type(alice), "username")
    found = rows.select(
        f"SELECT {username} FROM {table} WHERE {username} IN ({rows.placeholders(2)}) "  # noqa: S608
        f"ORDER BY {username}",
        ["bob", "alice"],
    )
    assert found == [("alice",), ("bob",)]
    changed = rows.execute(
        f"UPDATE {table} SET {username} = {username} WHERE {username} = %s",  # noqa: S608
        ["alice"],
    )
    assert changed == 1
