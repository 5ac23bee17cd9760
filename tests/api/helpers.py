"""Helpers for calling the API as a client would: tokens, JSON, form and multipart bodies."""

from __future__ import annotations

import html
import io
import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from mastodon import Mastodon
from PIL import Image
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from mentormesh.accounts.actions import EDITABLE_PROFILE_FIELDS, do_create_access_token
from mentormesh.accounts.models import Profile, User

UPDATE = "/api/v1/accounts/update_credentials"
BOUNDARY = "mentormesh-test-boundary"


def token_for(user: User) -> str:
    return do_create_access_token(user, "tests")[1]


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def patch_json(client: Client, token: str, data: Any) -> Any:
    return client.patch(
        UPDATE, json.dumps(data), content_type="application/json", headers=bearer(token)
    )


def patch_form(client: Client, token: str, data: dict[str, str]) -> Any:
    return client.patch(
        UPDATE,
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
        headers=bearer(token),
    )


def patch_multipart(client: Client, token: str, data: dict[str, Any]) -> Any:
    return client.patch(
        UPDATE,
        encode_multipart(BOUNDARY, data),
        content_type=f"{MULTIPART_CONTENT}; boundary={BOUNDARY}",
        headers=bearer(token),
    )


def png_file(
    name: str = "me.png", size: tuple[int, int] = (64, 64), noise: bool = False
) -> io.BytesIO:
    image = (
        Image.effect_noise(size, 80).convert("RGB")
        if noise
        else Image.new("RGB", size, (99, 102, 241))
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def profile_snapshot(user: User) -> dict[str, Any]:
    """Everything update_credentials could change, read fresh from the database."""
    profile = Profile.objects.get(user=user)
    values = {name: getattr(profile, name) for name in EDITABLE_PROFILE_FIELDS}
    values["country"] = str(profile.country)
    values["avatar"] = profile.avatar.name
    values["skills"] = sorted(profile.profile_skills.values_list("skill__slug", "kind", "level"))
    return values


class Api:
    """The API as one member (or an anonymous visitor) calls it: JSON in, responses out."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        self.headers = bearer(token) if token else {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(path, params or {}, headers=self.headers)

    def post(self, path: str, data: Any = None) -> Any:
        body = json.dumps(data) if data is not None else ""
        return self.client.post(path, body, content_type="application/json", headers=self.headers)

    def post_form(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(
            path,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
            headers=self.headers,
        )

    def put(self, path: str, data: Any) -> Any:
        return self.client.put(
            path, json.dumps(data), content_type="application/json", headers=self.headers
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(path, headers=self.headers)

    def ok(self, response: Any) -> Any:
        assert response.status_code == 200, response.content
        return response.json()


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.content
    return response.json()


def texts(statuses: list[dict[str, Any]]) -> list[str]:
    """The text of each status as a reader sees it (its content without the markup)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", status["content"])) for status in statuses]


def link_urls(response: Any) -> dict[str, str]:
    """The Link header as {rel: url}."""
    links = {}
    for part in response.get("Link", "").split(","):
        if not part.strip():
            continue
        url, rel = part.split(";")
        links[rel.strip().removeprefix('rel="').removesuffix('"')] = url.strip()[1:-1]
    return links


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Each element in ``html`` with its attributes, as a browser would see them."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def is_inert(html: str) -> bool:
    """Only harmless elements, no event handlers, no javascript: links."""
    for tag, attributes in elements(html):
        if tag not in {"p", "a", "br", "strong", "em", "code", "pre", "blockquote"}:
            return False
        if any(name.startswith("on") for name in attributes):
            return False
        if attributes.get("href", "").strip().lower().startswith("javascript"):
            return False
    return True


class OneConnectionPerRequest(HTTPAdapter):
    """For clients of pytest-django's live server: a fresh connection for every request, closed
    once the response is read.

    A kept-alive connection holds a server thread, and its database connection, past the test,
    and PostgreSQL then refuses to drop the test database. Sending ``Connection: close`` alone
    is not enough: Django's development server closes the socket without saying so in the
    response, so urllib3 sometimes reuses the closing connection and the next request fails
    with "Remote end closed connection without response"."""

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        request.headers["Connection"] = "close"
        response = super().send(request, *args, **kwargs)
        response.content  # noqa: B018  # read it all before the connection goes
        self.close()
        return response


def live_client(base_url: str, token: str) -> Mastodon:
    """Mastodon.py against the live server, as a member with ``token``."""
    client = Mastodon(access_token=token, api_base_url=base_url, ratelimit_method="throw")
    for prefix in ("http://", "https://"):
        client.session.mount(prefix, OneConnectionPerRequest())
    return client
