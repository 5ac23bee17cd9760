"""Errors in Mastodon's shape: every 4xx is JSON ``{"error": "<human message>"}``.

Validation errors (422) add ``"details": {field: [messages]}`` naming each field. The handlers
are installed on the NinjaAPI in ``api/urls.py``; ``json_errors`` covers what happens outside
an operation (an unknown path under /api/, a method an endpoint does not accept).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pydantic
from asgiref.sync import iscoroutinefunction
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

INVALID_TOKEN = "The access token is invalid"  # noqa: S105  # Mastodon's message, not a secret
RECORD_NOT_FOUND = "Record not found"
UNKNOWN_ENDPOINT = "This API endpoint does not exist; the documentation is at /api/docs"

# Friendlier words for pydantic's error types; anything else keeps pydantic's own message.
PYDANTIC_MESSAGES = {
    "extra_forbidden": "Unknown field.",
    "missing": "This field is required.",
}

Details = dict[str, list[str]]


def error_response(
    status: int, message: str, details: Mapping[str, list[str]] | None = None
) -> JsonResponse:
    body: dict[str, Any] = {"error": message}
    if details:
        body["details"] = dict(details)
    return JsonResponse(body, status=status)


def validation_failed(details: Details) -> JsonResponse:
    summary = "; ".join(
        f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
        for field, messages in details.items()
    )
    return error_response(422, f"Validation failed: {summary}", details)


def field_name(loc: Sequence[int | str]) -> str:
    """``("skills", 0, "level")`` → ``"skills[0].level"``."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else part
    return name or "__all__"


def details_from_pydantic(errors: Iterable[Mapping[str, Any]], *, skip: int = 0) -> Details:
    """Field → messages from pydantic error dicts; ``skip`` drops leading ``loc`` parts (ninja's
    "query"/"path"/"body" source)."""
    details: Details = {}
    for error in errors:
        message = PYDANTIC_MESSAGES.get(error["type"], error["msg"])
        details.setdefault(field_name(error["loc"][skip:]), []).append(message)
    return details


def details_from_django(error: DjangoValidationError) -> Details:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"__all__": list(error.messages)}


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's ``{"detail": ...}`` bodies with Mastodon's error shapes."""
    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        NinjaValidationError: lambda request, exc: validation_failed(
            details_from_pydantic(exc.errors, skip=1)
        ),
        pydantic.ValidationError: lambda request, exc: validation_failed(
            details_from_pydantic(exc.errors(include_url=False))
        ),
        DjangoValidationError: lambda request, exc: validation_failed(details_from_django(exc)),
        AuthenticationError: lambda request, exc: _invalid_token(),
        HttpError: lambda request, exc: error_response(exc.status_code, exc.message),
        Http404: lambda request, exc: error_response(404, RECORD_NOT_FOUND),
        PermissionDenied: lambda request, exc: error_response(
            403, str(exc) or "This action is not allowed."
        ),
        RequestDataTooBig: lambda request, exc: error_response(
            413, "The request body is too large."
        ),
        SuspiciousOperation: lambda request, exc: error_response(
            400, "The request could not be read."
        ),
        MultiPartParserError: lambda request, exc: error_response(
            400, f"The multipart body is malformed: {exc}"
        ),
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)


def _invalid_token() -> JsonResponse:
    response = error_response(401, INVALID_TOKEN)
    response["WWW-Authenticate"] = (
        f'Bearer error="invalid_token", error_description="{INVALID_TOKEN}"'
    )
    return response


def unknown_endpoint(request: HttpRequest, path: str = "") -> HttpResponse:
    """The last pattern under /api/: any path no endpoint matched."""
    return error_response(404, UNKNOWN_ENDPOINT)


def json_errors(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Django view under /api/ so its 404s and 405s are JSON, like the operations' errors.

    ninja answers a wrong method with a plain-text 405 and its root view raises Http404, both
    before any operation (and so any exception handler) runs.
    """
    if iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_wrapper(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            try:
                return _json_405(await view(request, *args, **kwargs))
            except Http404:
                return error_response(404, UNKNOWN_ENDPOINT)

        return async_wrapper

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return _json_405(view(request, *args, **kwargs))
        except Http404:
            return error_response(404, UNKNOWN_ENDPOINT)

    return wrapper


def _json_405(response: HttpResponseBase) -> HttpResponseBase:
    if response.status_code != 405 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    allowed = response.get("Allow", "")
    json_response = error_response(
        405, f"This endpoint does not accept this method; use {allowed}."
    )
    json_response["Allow"] = allowed
    return json_response
