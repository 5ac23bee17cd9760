"""Pages for the specialisation tracks and their skills."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mentormesh.accounts.models import Profile, ProfileSkill
from mentormesh.accounts.queries import DirectoryFilters, member_directory
from mentormesh.accounts.views import with_card_skills
from mentormesh.community.models import Skill, Track

TRACK_PAGE_MEMBERS = 24


def track_list(request: HttpRequest) -> HttpResponse:
    tracks = tracks_with_counts().prefetch_related(
        Prefetch("skills", queryset=skills_with_counts())
    )
    return render(request, "community/tracks.html", {"tracks": tracks})


def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(tracks_with_counts(), slug=slug)
    context = {
        "track": track,
        "skills": skills_with_counts().filter(track=track),
        "helpers": with_card_skills(members_offering_in(track))[:TRACK_PAGE_MEMBERS],
    }
    return render(request, "community/track.html", context)


def _active_choices(kind: str, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}profile_skills__kind": kind,
            f"{prefix}profile_skills__profile__user__is_active": True,
        }
    )


def tracks_with_counts() -> QuerySet[Track]:
    """Active tracks with how many members offer and seek at least one of their skills."""
    member = "skills__profile_skills__profile"
    return Track.objects.active().annotate(
        offering=Count(member, filter=_active_choices("offered", "skills__"), distinct=True),
        seeking=Count(member, filter=_active_choices("sought", "skills__"), distinct=True),
    )


def skills_with_counts() -> QuerySet[Skill]:
    return Skill.objects.annotate(
        offering=Count("profile_skills", filter=_active_choices("offered")),
        seeking=Count("profile_skills", filter=_active_choices("sought")),
    )


def members_offering_in(track: Track) -> QuerySet[Profile]:
    """Directory members who can help with at least one skill of ``track``."""
    offers = ProfileSkill.objects.filter(profile=OuterRef("pk"), kind="offered", skill__track=track)
    return member_directory(DirectoryFilters()).filter(Exists(offers))
