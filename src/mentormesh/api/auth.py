"""Who is calling: a personal access token (``Authorization: Bearer <token>``) or the web session.

OAuth application tokens (a later issue) join as another entry in ``member_auth``.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from mentormesh.accounts.actions import user_for_token
from mentormesh.accounts.models import User
from mentormesh.api.errors import INVALID_TOKEN


class AccessTokenAuth(HttpBearer):
    """A personal access token, created at /settings/tokens/."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token.strip())
        if user is None:
            # A wrong, revoked or unknown token is an error even when a web session exists:
            # the client asked to act as someone and must learn that it cannot.
            raise AuthenticationError(401, INVALID_TOKEN)
        return user


class SignedInSession(SessionAuth):
    """The signed-in web session, so the docs page at /api/docs can try the endpoints.

    ninja's SessionAuth checks CSRF before it knows whether there is a session, which would turn
    a request without any credentials into a 403; here CSRF is checked only for a signed-in member.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


def _anyone(request: HttpRequest) -> AnonymousUser:
    return AnonymousUser()


member_auth = [AccessTokenAuth(), SignedInSession()]
# Public reads: a member when a token or session says so (a bad token is still a 401), else anyone.
optional_auth = [*member_auth, _anyone]


def member(request: HttpRequest) -> User:
    """The member an authenticated operation acts for (set by ``member_auth``)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


def viewer(request: HttpRequest) -> User | AnonymousUser:
    """Who is reading, for operations with ``optional_auth``: a member or an anonymous visitor."""
    found = getattr(request, "auth", None)
    return found if isinstance(found, User) else AnonymousUser()
