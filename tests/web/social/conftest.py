"""Helpers for the social pages: a logged-in client per member, posts and chats in a line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.social.actions import do_create_status, do_schedule_chat
from mentormesh.social.models import Chat, Status, Visibility

HTMX = {"HX-Request": "true"}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(author: User, text: str, **options: object) -> Status:
    return do_create_status(author, text, **options)  # type: ignore[arg-type]


def chat_for(host: User, *, starts_in: timedelta, lasts: timedelta = timedelta(hours=1)) -> Chat:
    starts = timezone.now() + starts_in
    return do_schedule_chat(
        host,
        title="Pitching 101",
        hashtag="PRStudChat",
        starts_at=starts,
        ends_at=starts + lasts,
        host=host,
        description="Monthly chat for PR students.",
    )


@pytest.fixture
def live_chat(alice) -> Chat:
    return chat_for(alice, starts_in=-timedelta(minutes=5))


@pytest.fixture
def upcoming_chat(alice) -> Chat:
    return chat_for(alice, starts_in=timedelta(hours=2))


@pytest.fixture
def ended_chat(alice) -> Chat:
    """A chat that ran yesterday (created back-dated so its posts could be made while live)."""
    return chat_for(alice, starts_in=-timedelta(days=1))


__all__ = ["HTMX", "Visibility", "chat_for", "client_for", "post"]
