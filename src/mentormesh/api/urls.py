"""The API: one NinjaAPI mounted at /api/, its error shapes and its routers.

Mastodon's client API plus mentormesh's extensions; see docs/api.md. New areas (statuses,
timelines, notifications, OAuth) add a router in ``api/routers/`` and register it here.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI

from mentormesh import __version__
from mentormesh.api import errors
from mentormesh.api.docs import LocalSwagger, asset_urls
from mentormesh.api.routers import (
    accounts,
    chats,
    instance,
    marks,
    mentor_map,
    mentorship_requests,
    mentorships,
    notifications,
    relationships,
    statuses,
    timelines,
    tracks,
)


class MentormeshAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """ninja's URLs, plus the docs assets and a JSON 404 for any other path under /api/;
        every view answers 404 and 405 in the API's error shape."""
        patterns, app_name, namespace = super().urls
        patterns = [*patterns, *asset_urls(), re_path(r"^(?P<path>.*)$", errors.unknown_endpoint)]
        return [_with_json_errors(pattern) for pattern in patterns], app_name, namespace


def _with_json_errors(pattern: URLResolver | URLPattern) -> URLResolver | URLPattern:
    if not isinstance(pattern, URLPattern):
        return pattern
    return URLPattern(
        pattern.pattern, errors.json_errors(pattern.callback), pattern.default_args, pattern.name
    )


api = MentormeshAPI(
    title="mentormesh API",
    version="1",
    description=(
        f"mentormesh {__version__}: Mastodon's client API plus mentormesh's extensions (tracks, "
        "skills, learned, questions, chats). Lists page with `max_id`, `since_id`, `min_id`, "
        "`limit` and a `Link` header. Authenticate with `Authorization: Bearer <token>`; create a personal "
        'access token at /settings/tokens/. Errors are JSON: `{"error": "..."}`, and 422 adds '
        "`details` by field."
    ),
    docs=LocalSwagger(),
)
errors.install_handlers(api)

api.add_router("", instance.router)
# Before accounts: /v1/accounts/relationships must not be read as the account id "relationships".
api.add_router("", relationships.router)
api.add_router("", accounts.router)
api.add_router("", timelines.router)
api.add_router("", statuses.router)
api.add_router("", notifications.router)
api.add_router("", chats.router)
api.add_router("", tracks.router)
# Mentorship: the mentor map, inferred ties, private marks, requests and mentorships.
api.add_router("", mentor_map.router)
api.add_router("", marks.router)
api.add_router("", mentorship_requests.router)
api.add_router("", mentorships.router)
