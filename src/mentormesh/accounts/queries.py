"""Read paths over members shared by the web directory and the API (one rule, one place)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentormesh.accounts.models import Profile, ProfileSkill


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    track: str = ""  # track slug
    skill_offered: str = ""  # a skill slug (unique within a track; today also across tracks)
    skill_sought: str = ""
    country: str = ""
    open_to_mentoring: bool = False
    open_to_peer_exchange: bool = False
    open_to_welcoming: bool = False


def member_directory(filters: DirectoryFilters) -> QuerySet[Profile]:
    profiles = Profile.objects.filter(user__is_active=True).select_related("user")
    if filters.q:
        profiles = profiles.filter(_text_match(filters.q))
    if filters.track:
        profiles = profiles.filter(
            Exists(
                ProfileSkill.objects.filter(
                    profile=OuterRef("pk"), skill__track__slug=filters.track
                )
            )
        )
    for kind, slug in (("offered", filters.skill_offered), ("sought", filters.skill_sought)):
        if slug:
            profiles = profiles.filter(
                Exists(
                    ProfileSkill.objects.filter(profile=OuterRef("pk"), kind=kind, skill__slug=slug)
                )
            )
    if filters.country:
        profiles = profiles.filter(country=filters.country.upper())
    for flag in ("open_to_mentoring", "open_to_peer_exchange", "open_to_welcoming"):
        if getattr(filters, flag):
            profiles = profiles.filter(**{flag: True})
    return profiles.order_by("user__username")


def _text_match(text: str) -> Q:
    text = text.strip().lstrip("@")
    return (
        Q(user__username__icontains=text)
        | Q(display_name__icontains=text)
        | Q(headline__icontains=text)
        | Q(field__icontains=text)
        | Q(bio__icontains=text)
    )
