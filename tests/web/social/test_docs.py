"""Every social page is documented in docs/web.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentormesh.social.urls import urlpatterns

DOCS = (Path(__file__).resolve().parents[3] / "docs" / "web.md").read_text()


DOCUMENTED_AS = {"status_id": "id", "chat_id": "id"}


def documented_form(route: str) -> str:
    """``@<str:handle>/<id:status_id>/`` as the docs write it: ``/@<handle>/<id>/``."""

    def name(match: re.Match[str]) -> str:
        return f"<{DOCUMENTED_AS.get(match[1], match[1])}>"

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", name, route)


@pytest.mark.parametrize("route", [str(p.pattern) for p in urlpatterns])
def test_it_documents_every_social_url(route):
    full = documented_form(route)
    last = full.rstrip("/").rsplit("/", 1)[-1] + "/"
    assert f"`{full}`" in DOCS or f"`{last}`" in DOCS, f"{full} is not in docs/web.md"
