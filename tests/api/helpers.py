"""Helpers for calling the API as a client would: tokens, JSON, form and multipart bodies."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from PIL import Image

from mentormesh.accounts.actions import do_create_access_token
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
    values = {
        name: getattr(profile, name)
        for name in (
            "display_name",
            "bio",
            "headline",
            "field",
            "career_start_year",
            "open_to_mentoring",
            "open_to_peer_exchange",
            "open_to_welcoming",
            "mentoring_capacity",
        )
    }
    values["country"] = str(profile.country)
    values["avatar"] = profile.avatar.name
    values["skills"] = sorted(profile.profile_skills.values_list("skill__slug", "kind", "level"))
    return values
