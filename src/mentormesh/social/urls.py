"""The social pages. The project includes these at the root (see docs/web.md for the list)."""

from django.urls import path, register_converter

from mentormesh.realtime import views as realtime
from mentormesh.social import views


class IdConverter:
    """A post or chat id: digits that fit a 64-bit id (anything longer is simply not found)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > 2**63 - 1:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

INTERACTIONS = "favourite|unfavourite|share|unshare|bookmark|unbookmark|learn|unlearn|accept"
RELATIONSHIPS = "follow|unfollow|mute|unmute|block|unblock"

urlpatterns = [
    path("home/", views.home, name="timeline"),
    path("home/stream/", realtime.home_events, name="timeline_stream"),
    path("public/", views.public, name="public"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("compose/", views.compose, name="compose"),
    path("tags/<str:name>/", views.tag, name="tag"),
    path("tags/<str:name>/follow/", views.follow_tag, {"follow": True}, name="tag_follow"),
    path("tags/<str:name>/unfollow/", views.follow_tag, {"follow": False}, name="tag_unfollow"),
    path("tracks/<slug:slug>/posts/", views.track_posts, name="track_posts"),
    path("tracks/<slug:slug>/follow/", views.follow_track, {"follow": True}, name="track_follow"),
    path(
        "tracks/<slug:slug>/unfollow/",
        views.follow_track,
        {"follow": False},
        name="track_unfollow",
    ),
    path("@<str:handle>/<id:status_id>/", views.thread, name="status"),
    path("@<str:handle>/<id:status_id>/history/", views.history, name="status_history"),
    path("@<str:handle>/<id:status_id>/edit/", views.edit, name="status_edit"),
    path("@<str:handle>/<id:status_id>/delete/", views.delete, name="status_delete"),
    path("posts/<id:status_id>/reply/", views.reply, name="reply"),
    *(
        path(f"posts/<id:status_id>/{action}/", views.interact, {"action": action}, name=action)
        for action in INTERACTIONS.split("|")
    ),
    *(
        path(f"@<str:handle>/{action}/", views.relationship, {"action": action}, name=action)
        for action in RELATIONSHIPS.split("|")
    ),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/badge/", views.notification_badge, name="notification_badge"),
    path("chats/", views.chats, name="chats"),
    path("chats/new/", views.chat_new, name="chat_new"),
    path("chats/<id:chat_id>/", views.chat, name="chat"),
    path("chats/<id:chat_id>/questions/", views.release_question, name="release_question"),
    path("chats/<id:chat_id>/stream/", views.chat_stream, name="chat_stream"),
    path("chats/<id:chat_id>/recap/", views.recap, name="recap"),
]
