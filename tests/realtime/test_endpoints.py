"""Who may open which stream, and clear errors for bad requests (the streaming itself is
tested under uvicorn in test_live_server.py)."""

import pytest

from mentormesh.realtime.events import PUBLIC, user_channel
from mentormesh.realtime.log import append_event


def test_it_refuses_the_home_stream_to_visitors(client, db):
    response = client.get("/events/home")
    assert response.status_code == 401
    assert b"Log in" in response.content


def test_it_answers_404_for_an_unknown_chat(client, db):
    response = client.get("/events/chats/4242")
    assert (response.status_code, response.content) == (404, b"There is no such chat.")
    assert client.get("/events/chats/99999999999999999999999").status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "²", "99999999999999999999999"])
def test_it_refuses_a_last_event_id_that_is_not_an_event_id(client, db, value):
    response = client.get("/events/public", headers={"Last-Event-ID": value})
    assert response.status_code == 400
    assert "Last-Event-ID must be an event id" in response.content.decode()


def test_it_replays_and_ends_when_served_without_asgi(client, alice):
    """runserver (WSGI) cannot stream: it sends what is stored and the browser reconnects."""
    client.force_login(alice)
    seen = append_event("status.created", {"id": "1"}, [user_channel(alice.pk)])
    missed = append_event("status.created", {"id": "2"}, [user_channel(alice.pk)])
    append_event("status.created", {"id": "3"}, [PUBLIC])

    response = client.get(f"/events/home?last_event_id={seen.id}")

    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    with pytest.warns(Warning, match="StreamingHttpResponse must consume asynchronous"):
        body = b"".join(response).decode()  # as a WSGI server reads it
    assert body == (
        "retry: 2000\n\n"
        f'id: {missed.id}\nevent: status.created\ndata: {{"type":"status.created","id":"2"}}\n\n'
    )
