"""Models → Mastodon entities, in one place. Every endpoint that shows an account uses these.

Entities need the request for absolute URLs. Querysets passed in go through
``with_account_details`` first, so a page of accounts costs a constant number of queries.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone

from mentormesh import __version__
from mentormesh.accounts.models import Profile, ProfileSkill, User
from mentormesh.accounts.queries import DirectoryFilters, member_directory
from mentormesh.api import schemas
from mentormesh.community.models import Track

# Mastodon.py and other clients read the version up to the first space to pick API features.
MASTODON_VERSION = f"4.2.0 (compatible; mentormesh {__version__})"
DEFAULT_HEADER = "mentormesh/img/header.png"


def with_account_details(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Everything ``account`` reads, fetched with the page (two queries for any page size)."""
    return profiles.select_related("user").prefetch_related(
        Prefetch("profile_skills", queryset=ProfileSkill.objects.select_related("skill__track"))
    )


def account(profile: Profile, request: HttpRequest) -> schemas.Account:
    return schemas.Account(**_account_fields(profile, request))


def credential_account(profile: Profile, request: HttpRequest) -> schemas.CredentialAccount:
    source = schemas.AccountSource(
        note=profile.bio,
        fields=[],
        privacy="public",
        sensitive=False,
        language="",
        follow_requests_count=0,
    )
    return schemas.CredentialAccount(**_account_fields(profile, request), source=source)


def _account_fields(profile: Profile, request: HttpRequest) -> dict[str, Any]:
    user = profile.user
    url = request.build_absolute_uri(profile_path(user.username))
    avatar = request.build_absolute_uri(profile.avatar_url)
    header = request.build_absolute_uri(static(DEFAULT_HEADER))
    return {
        "id": str(user.pk),
        "username": user.username,
        "acct": user.username,
        "display_name": profile.name,
        "locked": False,
        "bot": False,
        "discoverable": True,
        "group": False,
        "created_at": iso_datetime(profile.created_at),
        "note": profile.bio_html,
        "url": url,
        "uri": url,
        "avatar": avatar,
        "avatar_static": avatar,
        "header": header,
        "header_static": header,
        "followers_count": 0,
        "following_count": 0,
        "statuses_count": 0,
        "last_status_at": None,
        "emojis": [],
        "fields": [],
        "mentormesh": member_profile(profile),
    }


def member_profile(profile: Profile) -> schemas.MemberProfile:
    return schemas.MemberProfile(
        headline=profile.headline,
        country=str(profile.country) or None,  # a Country is its ISO code as a string
        field=profile.field,
        career_start_year=profile.career_start_year,
        experience_years=profile.experience_years(),
        open_to=schemas.OpenTo(
            mentoring=profile.open_to_mentoring,
            peer_exchange=profile.open_to_peer_exchange,
            welcoming=profile.open_to_welcoming,
        ),
        mentoring_capacity=profile.mentoring_capacity,
        skills=[declared_skill(choice) for choice in profile.profile_skills.all()],
    )


def declared_skill(choice: ProfileSkill) -> schemas.DeclaredSkill:
    return schemas.DeclaredSkill(
        track=choice.skill.track.slug,
        skill=choice.skill.slug,
        name=choice.skill.name,
        kind=choice.kind,  # type: ignore[arg-type]  # a ProfileSkill.Kind value
        level=choice.level,
        level_name=choice.get_level_display(),
    )


def track(track: Track) -> schemas.Track:
    return schemas.Track(
        id=str(track.pk),
        slug=track.slug,
        name=track.name,
        description=track.description,
        hashtag=track.hashtag,
        color=track.color,
        skills=[
            schemas.TrackSkill(
                id=str(skill.pk), slug=skill.slug, name=skill.name, description=skill.description
            )
            for skill in track.skills.all()
        ],
    )


def instance_v1(request: HttpRequest) -> schemas.InstanceV1:
    return schemas.InstanceV1(
        uri=request.get_host(),
        title=settings.SITE_NAME,
        short_description=_site_description(),
        description=_site_description(),
        email=settings.DEFAULT_FROM_EMAIL,
        version=MASTODON_VERSION,
        urls={},
        stats=schemas.InstanceStats(
            user_count=member_directory(DirectoryFilters()).count(), status_count=0, domain_count=1
        ),
        thumbnail=request.build_absolute_uri(static(DEFAULT_HEADER)),
        languages=[settings.LANGUAGE_CODE],
        registrations=True,
        approval_required=False,
        invites_enabled=False,
        configuration=schemas.InstanceV1Configuration(accounts=_accounts_configuration()),
        contact_account=None,
        rules=[],
    )


def instance_v2(request: HttpRequest) -> schemas.Instance:
    month_ago = timezone.now() - timedelta(days=30)
    return schemas.Instance(
        domain=request.get_host(),
        title=settings.SITE_NAME,
        version=MASTODON_VERSION,
        source_url="",
        description=_site_description(),
        usage=schemas.InstanceUsage(
            users=schemas.InstanceUsers(
                active_month=User.objects.filter(is_active=True, last_login__gte=month_ago).count()
            )
        ),
        thumbnail=schemas.InstanceThumbnail(url=request.build_absolute_uri(static(DEFAULT_HEADER))),
        languages=[settings.LANGUAGE_CODE],
        configuration=schemas.InstanceConfiguration(
            urls={},
            accounts=_accounts_configuration(),
            translation=schemas.InstanceTranslation(enabled=False),
        ),
        registrations=schemas.InstanceRegistrations(
            enabled=True, approval_required=False, message=None
        ),
        contact=schemas.InstanceContact(email=settings.DEFAULT_FROM_EMAIL, account=None),
        rules=[],
    )


def _accounts_configuration() -> schemas.InstanceAccountsConfiguration:
    return schemas.InstanceAccountsConfiguration(max_featured_tags=0, max_pinned_statuses=0)


def _site_description() -> str:
    return (
        f"{settings.SITE_NAME}: a community where members learn from each other in the open, and "
        "the mentoring in everyday conversations becomes visible. Runs on mentormesh."
    )


def profile_path(handle: str) -> str:
    return f"/@{handle}/"


def iso_datetime(moment: datetime) -> str:
    """Mastodon's datetime format: ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T09:30:00.000Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
