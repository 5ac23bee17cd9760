"""GET /api/v1/tracks: the community's specialisation tracks and their skills (our extension)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from mentormesh.api import entities, schemas
from mentormesh.community.models import Track

router = Router(tags=["tracks (mentormesh extension)"])


@router.get("/v1/tracks", response=list[schemas.Track], summary="Tracks and their skills")
def tracks(request: HttpRequest) -> list[schemas.Track]:
    """The active specialisation tracks in the stewards' order, each with its skills. Use the
    track and skill slugs to declare skills (PATCH /api/v1/accounts/update_credentials) and to
    filter the directory. No token needed."""
    return [entities.track(track) for track in Track.objects.active().prefetch_related("skills")]
