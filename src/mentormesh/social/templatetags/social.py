"""Template helpers of the social pages: relative times, the nav's unread badge, and the
sections the profile page borrows (a member's posts, follow/mute/block)."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.context import Context
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.realtime.events import stream_position
from mentormesh.social.cards import card_page, requested_id
from mentormesh.social.timelines import account_timeline, relationships, unread_notifications
from mentormesh.social.visibility import is_member

register = template.Library()

MINUTE, HOUR, DAY = 60, 3600, 86400
BADGE_LIMIT = 100


@register.filter
def ago(moment: datetime | None) -> str:
    """A short relative time for a card: "just now", "5 min", "3 h", "2 d", then the date."""
    if moment is None:
        return ""
    now = timezone.now()
    seconds = (now - moment).total_seconds()
    if seconds < 45:
        return "just now"
    if seconds < HOUR:
        return f"{max(1, round(seconds / MINUTE))} min"
    if seconds < DAY:
        return f"{int(seconds // HOUR)} h"
    if seconds < 7 * DAY:
        return f"{int(seconds // DAY)} d"
    if moment.year == now.year:
        return f"{moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b %Y}"


@register.filter
def until(moment: datetime | None) -> str:
    """How long until ``moment``, for a chat's countdown: "2 d 3 h", "1 h 5 min", "4 min"."""
    if moment is None:
        return ""
    left = max(timedelta(0), moment - timezone.now())
    days, rest = divmod(int(left.total_seconds()), DAY)
    hours, rest = divmod(rest, HOUR)
    minutes = max(1, rest // MINUTE) if not (days or hours) else rest // MINUTE
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@register.simple_tag(takes_context=True)
def active_tracks(context: Context) -> list[Track]:
    """The active tracks, loaded once per request however many cards offer them."""
    request: HttpRequest | None = context.get("request")
    cached = getattr(request, "_active_tracks", None)
    if cached is None:
        cached = list(Track.objects.active())
        if request is not None:
            request._active_tracks = cached  # type: ignore[attr-defined]
    return cached


@register.inclusion_tag("social/_notification_badge.html", takes_context=True)
def notification_badge(context: Context) -> dict[str, Any]:
    user = context.get("user")
    unread = unread_notifications(user, BADGE_LIMIT) if is_member(user) else 0
    return {"unread": unread, "over": unread >= BADGE_LIMIT, "request": context.get("request")}


@register.simple_tag
def live_position() -> int:
    """The newest event id: a page hands it to its streams, so nothing sent between rendering
    and connecting is missed."""
    return stream_position()


@register.inclusion_tag("social/_profile_posts.html", takes_context=True)
def member_posts(context: Context, member: User) -> dict[str, Any]:
    request: HttpRequest = context["request"]
    viewer = context.get("user")
    page = card_page(account_timeline(viewer, member), viewer, requested_id(request))
    return {**passed_on(context), "page": page, "member": member}


@register.inclusion_tag("social/_relationship.html", takes_context=True)
def relationship_controls(context: Context, member: User) -> dict[str, Any]:
    viewer = context.get("user")
    relation = None
    if is_member(viewer) and viewer.pk != member.pk:
        relation = relationships(viewer, [member.pk])[member.pk]
    shown = relation is not None
    return {**passed_on(context), "member": member, "relation": relation, "shown": shown}


def passed_on(context: Context) -> dict[str, Any]:
    """What an inclusion tag's forms and cards need from the page's context."""
    return {name: context.get(name) for name in ("request", "user", "csrf_token")}


@register.simple_tag(takes_context=True)
def here(context: Context) -> str:
    """The page the member is on (for an htmx request, the page that made it), to come back to
    after a form without JavaScript."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return ""
    if getattr(request, "htmx", False):
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        return current.path + (f"?{current.query}" if current.query else "")
    return request.get_full_path()


@register.simple_tag
def max_post_chars() -> int:
    limit: int = settings.MAX_POST_CHARS
    return limit


@register.filter
def excerpt(content_html: str, length: int = 160) -> str:
    """A post's sanitised HTML as plain text, shortened (the template escapes it again)."""
    return Truncator(unescape(strip_tags(content_html or ""))).chars(length)
