"""Tracks (our extension): the community's specialisation tracks and their skills, and
following a track."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from mentormesh.api import entities, schemas
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import track_or_404
from mentormesh.community.models import Track
from mentormesh.social.actions import do_follow_track, do_unfollow_track

router = Router(tags=["tracks (mentormesh extension)"])

ERRORS: dict[int, type[schemas.Error]] = {401: schemas.Error, 404: schemas.Error}


@router.get("/v1/tracks", response=list[schemas.Track], summary="Tracks and their skills")
def tracks(request: HttpRequest) -> list[schemas.Track]:
    """The active specialisation tracks in the stewards' order, each with its skills. Use the
    track and skill slugs to declare skills (PATCH /api/v1/accounts/update_credentials) and to
    filter the directory. No token needed."""
    return [entities.track(track) for track in Track.objects.active().prefetch_related("skills")]


@router.post(
    "/v1/tracks/{slug}/follow",
    auth=member_auth,
    response={200: schemas.FollowedTrack, **ERRORS},
    summary="Follow a track",
)
def follow_track(request: HttpRequest, slug: str) -> schemas.FollowedTrack:
    """Follow a track: its public posts join your home timeline, and you hear when its chats
    start. Following twice changes nothing; an unknown track is 404."""
    track = track_or_404(slug)
    do_follow_track(member(request), track)
    return entities.followed_track(_with_skills(track), True)


@router.post(
    "/v1/tracks/{slug}/unfollow",
    auth=member_auth,
    response={200: schemas.FollowedTrack, **ERRORS},
    summary="Unfollow a track",
)
def unfollow_track(request: HttpRequest, slug: str) -> schemas.FollowedTrack:
    """Stop following a track; harmless when you did not."""
    track = track_or_404(slug)
    do_unfollow_track(member(request), track)
    return entities.followed_track(_with_skills(track), False)


@router.get(
    "/v1/followed_tracks",
    auth=member_auth,
    response={200: list[schemas.FollowedTrack], **ERRORS},
    summary="The tracks you follow",
)
def followed_tracks(request: HttpRequest) -> list[schemas.FollowedTrack]:
    """The active tracks you follow, in the stewards' order."""
    followed = Track.objects.active().filter(followers__account=member(request))
    return [entities.followed_track(track, True) for track in followed.prefetch_related("skills")]


def _with_skills(track: Track) -> Track:
    return Track.objects.prefetch_related("skills").get(pk=track.pk)
