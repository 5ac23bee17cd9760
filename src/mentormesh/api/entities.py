"""Models → Mastodon entities, in one place. Every endpoint that shows an account uses these.

Entities need the request for absolute URLs. Querysets passed in go through
``with_account_details`` first, and lists go through ``accounts`` (or a ``Page``), so a page of
accounts or statuses costs a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone

from mentormesh import __version__
from mentormesh.accounts.models import Profile, ProfileSkill, User
from mentormesh.accounts.queries import DirectoryFilters, member_directory
from mentormesh.api import schemas
from mentormesh.community.models import Track
from mentormesh.social.models import Chat, Learned, Notification, NotificationKind, Status, Tag
from mentormesh.social.timelines import (
    MemberCounts,
    Relationship,
    chat_state,
    complete_page,
    member_counts,
)
from mentormesh.social.visibility import Viewer, is_member

# Mastodon.py and other clients read the version up to the first space to pick API features.
MASTODON_VERSION = f"4.2.0 (compatible; mentormesh {__version__})"
DEFAULT_HEADER = "mentormesh/img/header.png"


def with_account_details(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Everything ``account`` reads, fetched with the page (two queries for any page size)."""
    return profiles.select_related("user").prefetch_related(
        Prefetch("profile_skills", queryset=ProfileSkill.objects.select_related("skill__track"))
    )


def account(
    profile: Profile, request: HttpRequest, counts: MemberCounts | None = None
) -> schemas.Account:
    return schemas.Account(**_account_fields(profile, request, counts))


def accounts(profiles: Iterable[Profile], request: HttpRequest) -> list[schemas.Account]:
    """Accounts for a page of profiles (loaded ``with_account_details``): counts in 3 queries."""
    profiles = list(profiles)
    counts = member_counts(profile.user_id for profile in profiles)
    return [account(profile, request, counts[profile.user_id]) for profile in profiles]


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


def _account_fields(
    profile: Profile, request: HttpRequest, counts: MemberCounts | None = None
) -> dict[str, Any]:
    user = profile.user
    if counts is None:
        counts = member_counts([user.pk])[user.pk]
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
        "followers_count": counts.followers,
        "following_count": counts.following,
        "statuses_count": counts.statuses,
        # Mastodon gives the day only.
        "last_status_at": counts.last_status_at.astimezone(UTC).date().isoformat()
        if counts.last_status_at
        else None,
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
            user_count=member_directory(DirectoryFilters()).count(),
            status_count=Status.objects.filter(
                deleted_at__isnull=True, reblog_of__isnull=True
            ).count(),
            domain_count=1,
        ),
        thumbnail=request.build_absolute_uri(static(DEFAULT_HEADER)),
        languages=[settings.LANGUAGE_CODE],
        registrations=True,
        approval_required=False,
        invites_enabled=False,
        configuration=schemas.InstanceV1Configuration(
            accounts=_accounts_configuration(), statuses=_statuses_configuration()
        ),
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
            statuses=_statuses_configuration(),
            translation=schemas.InstanceTranslation(enabled=False),
            timelines_access=_timelines_access(),
        ),
        registrations=schemas.InstanceRegistrations(
            enabled=True, approval_required=False, message=None
        ),
        contact=schemas.InstanceContact(email=settings.DEFAULT_FROM_EMAIL, account=None),
        rules=[],
    )


def _accounts_configuration() -> schemas.InstanceAccountsConfiguration:
    return schemas.InstanceAccountsConfiguration(max_featured_tags=0, max_pinned_statuses=0)


def _statuses_configuration() -> schemas.InstanceStatusesConfiguration:
    return schemas.InstanceStatusesConfiguration(
        max_characters=settings.MAX_POST_CHARS, max_media_attachments=0
    )


def _timelines_access() -> schemas.TimelinesAccess:
    # Every member is local: the public and hashtag feeds are open to all, remote ones don't exist.
    open_locally = schemas.FeedAccess(local="public", remote="disabled")
    return schemas.TimelinesAccess(
        live_feeds=open_locally,
        hashtag_feeds=open_locally,
        trending_link_feeds=schemas.FeedAccess(local="disabled", remote="disabled"),
    )


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


def status_path(handle: str, status_id: int) -> str:
    return f"/@{handle}/{status_id}/"


def tag_path(name: str) -> str:
    return f"/tags/{name}/"


def chat_path(chat_id: int) -> str:
    return f"/chats/{chat_id}/"


SKILLS = Prefetch("profile_skills", queryset=ProfileSkill.objects.select_related("skill__track"))


class Page:
    """Entities for one response: statuses (loaded through ``timelines.for_display``) and the
    accounts around them, with everything they read fetched up front — a fixed number of
    queries whatever the number of statuses, accounts, notifications or chats."""

    def __init__(
        self,
        request: HttpRequest,
        viewer: Viewer,
        statuses: Sequence[Status] = (),
        profiles: Iterable[Profile] = (),
    ) -> None:
        self.request = request
        self.viewer = viewer
        self.viewer_id = viewer.pk if is_member(viewer) else None
        complete_page(statuses, viewer)
        originals = [status.reblog_of for status in statuses if status.reblog_of is not None]
        profiles = list(profiles)
        self.profiles = [status.account.profile for status in [*statuses, *originals]] + profiles
        prefetch_related_objects(
            [profile for profile in self.profiles if not _has_skills(profile)], SKILLS
        )
        self.counts = member_counts(profile.user_id for profile in self.profiles)
        self._accounts: dict[int, schemas.Account] = {}  # a member on a page is built once

    def url(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def account(self, profile: Profile) -> schemas.Account:
        if profile.user_id not in self._accounts:
            counts = self.counts.get(profile.user_id, MemberCounts())
            self._accounts[profile.user_id] = account(profile, self.request, counts)
        return self._accounts[profile.user_id]

    def status(self, status: Status) -> schemas.Status:
        return schemas.Status(**self._status_fields(status))

    def statuses(self, statuses: Iterable[Status]) -> list[schemas.Status]:
        return [self.status(status) for status in statuses]

    def deleted_status(self, status: Status, text: str) -> schemas.DeletedStatus:
        return schemas.DeletedStatus(**self._status_fields(status), text=text)

    def _status_fields(self, status: Status) -> dict[str, Any]:
        author = status.account
        url = self.url(status_path(author.username, status.pk))
        original = status.reblog_of
        return {
            "id": str(status.pk),
            "uri": url,
            "url": url,
            "created_at": iso_datetime(status.created_at),
            "account": self.account(author.profile),
            "content": status.content_html,
            "visibility": status.visibility,
            "sensitive": bool(status.spoiler_text),
            "spoiler_text": status.spoiler_text,
            "media_attachments": [],
            "application": None,
            "mentions": [self._mention(user) for user in status.mentions.all()],
            "tags": [
                schemas.StatusTag(name=tag.name, url=self.url(tag_path(tag.name)))
                for tag in status.tags.all()
            ],
            "emojis": [],
            "reblogs_count": status.reblogs_count,
            "favourites_count": status.favourites_count,
            "replies_count": _shown(status, "replies_count", status.replies_count),
            "in_reply_to_id": _id_or_none(_shown(status, "in_reply_to_id", None)),
            "in_reply_to_account_id": _id_or_none(_shown(status, "in_reply_to_account_id", None)),
            "reblog": self.status(original) if original is not None else None,
            "poll": None,
            "card": None,
            "language": status.language or None,
            "edited_at": iso_datetime(status.edited_at) if status.edited_at else None,
            "favourited": getattr(status, "viewer_favourited", False),
            "reblogged": getattr(status, "viewer_shared", False),
            "muted": False,
            "bookmarked": getattr(status, "viewer_bookmarked", False),
            "pinned": False,
            "filtered": [],
            "mentormesh": self._status_extension(status),
        }

    def _mention(self, user: User) -> schemas.Mention:
        return schemas.Mention(
            id=str(user.pk),
            username=user.username,
            acct=user.username,
            url=self.url(profile_path(user.username)),
        )

    def _status_extension(self, status: Status) -> schemas.StatusExtension:
        chat = None
        if status.chat is not None:
            chat = schemas.ChatReference(
                id=str(status.chat.pk),
                hashtag=status.chat.hashtag,
                question_number=status.chat_question,
            )
        return schemas.StatusExtension(
            tracks=[track.slug for track in status.tracks.all()],
            question=status.is_question,
            accepted_answer_id=_id_or_none(_shown(status, "accepted_answer_id", None)),
            learned=getattr(status, "viewer_learned", False),
            learned_count=_shown(status, "learned_count", 0),
            chat=chat,
        )

    def acknowledgement(self, learned: Learned) -> schemas.Acknowledgement:
        return schemas.Acknowledgement(
            account=self.account(learned.account.profile),
            note=learned.note,
            track=learned.track.slug if learned.track else None,
            public=learned.is_public,
            created_at=iso_datetime(learned.created_at),
        )

    def notification(
        self, notification: Notification, statuses: dict[int, Status]
    ) -> schemas.Notification:
        kind = notification.kind
        shown_status = statuses.get(notification.status_id) if notification.status_id else None
        actor = cast(User, notification.actor)  # notifications_for shows only those with one
        return schemas.Notification(
            id=str(notification.pk),
            # Mastodon has no reply notification: a reply to you is a mention of you.
            type="mention" if kind == NotificationKind.REPLY else kind,
            group_key=f"ungrouped-{notification.pk}",
            created_at=iso_datetime(notification.created_at),
            account=self.account(actor.profile),
            status=self.status(shown_status) if shown_status is not None else None,
            mentormesh=schemas.NotificationExtension(
                kind=kind,  # type: ignore[arg-type]  # a NotificationKind value
                chat=self.chat(notification.chat) if notification.chat is not None else None,
                url=self.url(notification.link) if notification.link else None,
                note=notification.note or None,
                track=_thanks_track(notification),
            ),
        )

    def chat(self, chat: Chat) -> schemas.Chat:
        return schemas.Chat(
            id=str(chat.pk),
            title=chat.title,
            description=chat.description,
            hashtag=chat.hashtag,
            url=self.url(chat_path(chat.pk)),
            tracks=[track.slug for track in chat.tracks.all()],
            host=self.account(chat.host.profile),
            starts_at=iso_datetime(chat.starts_at),
            ends_at=iso_datetime(chat.ends_at),
            state=chat_state(chat),  # type: ignore[arg-type]  # one of the three states
        )


def _thanks_track(notification: Notification) -> str | None:
    """The track a thank-you names (``thanks`` only)."""
    track = notification.track if notification.kind == NotificationKind.THANKS else None
    return track.slug if track is not None else None


def _has_skills(profile: Profile) -> bool:
    return "profile_skills" in getattr(profile, "_prefetched_objects_cache", {})


def _shown(status: Status, name: str, default: Any) -> Any:
    """What ``complete_page`` decided the viewer may see, falling back to ``default``."""
    return getattr(status, f"shown_{name}", default)


def _id_or_none(value: int | None) -> str | None:
    return None if value is None else str(value)


def relationship(user_id: int, found: Relationship) -> schemas.Relationship:
    return schemas.Relationship(
        id=str(user_id),
        following=found.following,
        showing_reblogs=found.following,
        notifying=False,
        languages=None,
        followed_by=found.followed_by,
        blocking=found.blocking,
        blocked_by=found.blocked_by,
        muting=found.muting,
        muting_notifications=found.muting,
        requested=False,
        requested_by=False,
        domain_blocking=False,
        endorsed=False,
        note="",
    )


def tag(request: HttpRequest, name: str, found: Tag | None, following: bool | None) -> schemas.Tag:
    return schemas.Tag(
        id=str(found.pk) if found is not None else None,
        name=name,
        url=request.build_absolute_uri(tag_path(name)),
        history=[],
        following=following,
        mentormesh=schemas.TagExtension(
            track=found.track.slug if found is not None and found.track is not None else None
        ),
    )


def followed_track(track_row: Track, following: bool) -> schemas.FollowedTrack:
    return schemas.FollowedTrack(**track(track_row).model_dump(), following=following)
