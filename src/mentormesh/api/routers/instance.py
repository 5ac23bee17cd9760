"""GET /api/v1/instance and /api/v2/instance: what this server is, for Mastodon clients."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from mentormesh.api import entities, schemas

router = Router(tags=["instance"])

V1_SUMMARY = "Server information (Mastodon API v1)"
V2_SUMMARY = "Server information (Mastodon API v2)"


# Mastodon.py asks for both paths with a trailing slash when it connects; the slash-less
# paths are the documented ones.
@router.get("/v1/instance", response=schemas.InstanceV1, summary=V1_SUMMARY)
@router.get(
    "/v1/instance/", response=schemas.InstanceV1, summary=V1_SUMMARY, include_in_schema=False
)
def instance_v1(request: HttpRequest) -> schemas.InstanceV1:
    """Mastodon's V1::Instance: title, description, contact email, the Mastodon version this server
    is compatible with (``4.2.0 (compatible; mentormesh X.Y.Z)``) and member statistics. No token
    needed."""
    return entities.instance_v1(request)


@router.get("/v2/instance", response=schemas.Instance, summary=V2_SUMMARY)
@router.get("/v2/instance/", response=schemas.Instance, summary=V2_SUMMARY, include_in_schema=False)
def instance_v2(request: HttpRequest) -> schemas.Instance:
    """Mastodon's Instance entity: domain, title, compatible version, registrations, contact and
    usage. No token needed."""
    return entities.instance_v2(request)
