from __future__ import annotations

import pytest
from django.test import Client

from mentormesh.accounts.models import User


@pytest.fixture
def as_member(client: Client):
    def login(user: User) -> Client:
        client.force_login(user)
        return client

    return login
