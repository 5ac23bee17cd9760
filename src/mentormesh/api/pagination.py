"""Mastodon's pagination: `max_id`, `since_id`, `min_id` and `limit` in, a `Link` header out.

Every list of statuses, notifications and accounts pages by the id of its rows (a status, a
notification, a favourite, a follow…), newest first. The `Link` header carries the request's
other parameters, so a client that follows it keeps its filters:

    Link: <https://host/api/v1/timelines/home?limit=20&max_id=109>; rel="next",
          <https://host/api/v1/timelines/home?limit=20&min_id=128>; rel="prev"

`next` is there when the page is full (there may be older rows), `prev` whenever the page has
rows, as Mastodon does.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from ninja import Schema
from pydantic import Field

from mentormesh.api.schemas import OptionalId
from mentormesh.social.timelines import DEFAULT_LIMIT, MAX_LIMIT, PageRequest

PAGE_PARAMS = ("max_id", "since_id", "min_id")


class PageQuery(Schema):
    max_id: OptionalId = Field(None, description="Only rows older than this id.")
    since_id: OptionalId = Field(None, description="Only rows newer than this id (newest first).")
    min_id: OptionalId = Field(
        None, description="Only rows newer than this id, the ones right after it."
    )
    limit: int = Field(
        DEFAULT_LIMIT, description=f"At most {MAX_LIMIT}; more is read as {MAX_LIMIT}."
    )

    def page(self) -> PageRequest:
        return PageRequest(
            max_id=self.max_id, since_id=self.since_id, min_id=self.min_id, limit=self.limit
        )


def set_link_header(
    response: HttpResponse, request: HttpRequest, rows: Sequence[Model], page: PageRequest
) -> None:
    """Point `next` at the rows older than this page and `prev` at the newer ones."""
    links = []
    if rows and len(rows) >= page.clamped_limit:
        links.append(f'<{_page_url(request, "max_id", rows[-1].pk)}>; rel="next"')
    if rows:
        links.append(f'<{_page_url(request, "min_id", rows[0].pk)}>; rel="prev"')
    if links:
        response["Link"] = ", ".join(links)


def _page_url(request: HttpRequest, name: str, row_id: int) -> str:
    kept = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in PAGE_PARAMS
        for value in values
    ]
    query = urlencode([*kept, (name, str(row_id))])
    return request.build_absolute_uri(request.path) + "?" + query
