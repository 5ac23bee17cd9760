"""The interactive docs page at /api/docs, with Swagger UI served by this app (no CDN).

django-ninja ships Swagger UI's files but only uses them when ``ninja`` is an installed app;
otherwise its page loads them from a CDN. Here the page and its assets come from the API's own
URLs, whatever the settings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import URLPattern, path, reverse
from ninja.openapi.docs import DocsBase

from mentormesh.api.errors import unknown_endpoint

if TYPE_CHECKING:
    from ninja import NinjaAPI

SWAGGER_FILES = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.png": "image/png",
}
# What the page below calls each of them.
PAGE_ASSETS = {
    "css": "swagger-ui.css",
    "icon": "favicon.png",
    "bundle": "swagger-ui-bundle.js",
    "init": "swagger-ui-init.js",
}
PAGE = engines["django"].from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ title }}</title>
  <link rel="stylesheet" href="{{ assets.css }}">
  <link rel="icon" href="{{ assets.icon }}" type="image/png">
</head>
<body data-csrf-token="{{ csrf_token }}" data-api-csrf="{% if csrf_token %}true{% endif %}">
  <script type="application/json" id="swagger-settings">{{ settings|safe }}</script>
  <div id="swagger-ui"></div>
  <script src="{{ assets.bundle }}"></script>
  <script src="{{ assets.init }}"></script>
</body>
</html>
"""
)


class LocalSwagger(DocsBase):
    """Swagger UI from the files django-ninja ships; nothing is fetched from elsewhere."""

    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        # Swagger UI otherwise loads a validity badge from validator.swagger.io.
        "validatorUrl": None,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "title": api.title,
            "settings": json.dumps(settings).replace("</", "<\\/"),
            # Signed-in members try write endpoints with their session, which needs the token.
            "csrf_token": get_token(request) if request.user.is_authenticated else "",
            "assets": {key: asset_url(api, name) for key, name in PAGE_ASSETS.items()},
        }
        return HttpResponse(PAGE.render(context, request))


def asset_url(api: NinjaAPI, name: str) -> str:
    # The version in the query makes browsers fetch new files after a django-ninja upgrade.
    return (
        reverse(f"{api.urls_namespace}:docs-asset", kwargs={"name": name})
        + f"?v={ninja.__version__}"
    )


def docs_asset(request: HttpRequest, name: str) -> HttpResponseBase:
    content_type = ASSETS.get(name)
    if content_type is None:
        return unknown_endpoint(request)
    response = FileResponse((SWAGGER_FILES / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def asset_urls() -> list[URLPattern]:
    return [path("docs/assets/<str:name>", docs_asset, name="docs-asset")]
