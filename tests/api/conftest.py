import pytest

from mentormesh.accounts.models import User
from tests.api.helpers import Api, token_for


@pytest.fixture
def alice_token(alice: User) -> str:
    """A live personal access token for alice."""
    return token_for(alice)


@pytest.fixture
def as_member(client):
    """``as_member(alice)`` is the API as alice calls it with her token; ``as_member(None)`` as
    an anonymous visitor."""

    def call_as(user: User | None) -> Api:
        return Api(client, token_for(user) if user is not None else None)

    return call_as
