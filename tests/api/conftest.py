import pytest

from mentormesh.accounts.models import User
from tests.api.helpers import token_for


@pytest.fixture
def alice_token(alice: User) -> str:
    """A live personal access token for alice."""
    return token_for(alice)
