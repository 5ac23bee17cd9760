"""Request bodies the way Mastodon clients send them: JSON, form-encoded or multipart, any method.

Django parses form bodies into ``request.POST``/``request.FILES`` for POST only, while Mastodon's
PATCH and PUT endpoints receive the same encodings (Mastodon.py sends form-encoded bodies). Every
endpoint that takes a free-form body reads it here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict
from ninja.errors import HttpError

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True)
class Payload:
    data: dict[str, Any] = field(default_factory=dict)
    files: MultiValueDict[str, UploadedFile] = field(default_factory=MultiValueDict)


def read_payload(request: HttpRequest) -> Payload:
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        form, files = _form_and_files(request, content_type)
        return Payload(form_values(form), files)
    if not request.body:
        return Payload()
    if content_type in ("", "application/json") or content_type.endswith("+json"):
        return Payload(_json_object(request.body))
    raise HttpError(415, f"Send JSON, form-encoded or multipart data, not {content_type}.")


def form_values(form: QueryDict) -> dict[str, Any]:
    """Single values by name; Rails-style ``name[]`` keys become lists under ``name``."""
    return {
        key.removesuffix("[]"): form.getlist(key) if key.endswith("[]") else form[key]
        for key in form
    }


def _form_and_files(
    request: HttpRequest, content_type: str
) -> tuple[QueryDict, MultiValueDict[str, UploadedFile]]:
    if request.method == "POST":
        return request.POST, request.FILES
    if content_type == "multipart/form-data":
        # The request itself is the stream, so large files are never held in memory whole.
        form, files = request.parse_file_upload(request.META, request)
        return form, files
    return QueryDict(request.body, encoding=request.encoding), MultiValueDict()


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise HttpError(400, f"The request body is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise HttpError(400, "The request body must be a JSON object.")
    return data
