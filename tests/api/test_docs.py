"""The API documents itself: every endpoint in the OpenAPI schema, a docs page with no CDN,
and errors in one JSON shape everywhere under /api/."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern

from mentormesh.api.urls import api

# Patterns under /api/ that are not API operations.
NOT_OPERATIONS = {"openapi-json", "openapi-view", "api-root", "docs-asset", None}


def openapi_path(pattern: URLPattern) -> str:
    return "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))


def test_it_documents_every_endpoint(client, db):
    schema = client.get("/api/openapi.json").json()
    documented = schema["paths"]
    routes = {
        openapi_path(pattern)
        for pattern in api.urls[0]
        if isinstance(pattern, URLPattern) and pattern.name not in NOT_OPERATIONS
    }
    assert routes
    for route in routes:
        # A trailing-slash alias (for Mastodon.py) is documented by the path without it.
        assert route in documented or route.rstrip("/") in documented, (
            f"{route} is not in the OpenAPI schema"
        )
    for path, operations in documented.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            assert len(operation.get("description", "")) > 40, (
                f"{method.upper()} {path} has no description"
            )
            assert operation.get("tags"), f"{method.upper()} {path} has no tag"


def test_it_documents_the_update_credentials_body(client, db):
    schema = client.get("/api/openapi.json").json()
    body = schema["paths"]["/api/v1/accounts/update_credentials"]["patch"]["requestBody"]["content"]
    assert set(body) == {
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }
    assert "$ref" not in str(body)
    assert {"display_name", "note", "skills", "career_start_year"} <= set(
        body["application/json"]["schema"]["properties"]
    )
    assert body["multipart/form-data"]["schema"]["properties"]["avatar"]["format"] == "binary"


def test_it_serves_the_docs_page_without_any_outside_asset(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert not re.search(r"https?://|//cdn|\bcdn\.", page), page
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(assets) == 4
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()
    assert '"validatorUrl": null' in page


def test_it_answers_an_unknown_docs_asset_with_json(client, db):
    response = client.get("/api/docs/assets/../../settings.py")
    assert response.status_code == 404
    assert (
        client.get("/api/docs/assets/secret.txt")
        .json()["error"]
        .startswith("This API endpoint does not exist")
    )


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v1/nonsense", "/api/v1/accounts/verify_credentials/extra"]
)
def test_it_answers_unknown_paths_with_json(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "error": "This API endpoint does not exist; the documentation is at /api/docs"
    }


def test_it_answers_a_wrong_method_with_json(client, db):
    response = client.delete("/api/v1/tracks")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"error": "This endpoint does not accept this method; use GET."}
