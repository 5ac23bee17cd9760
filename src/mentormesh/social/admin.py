from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentormesh.social.models import Chat, Interaction, Status, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "track", "created_at")
    list_editable = ("track",)
    list_filter = ("track",)
    search_fields = ("name",)


@admin.register(Chat)
class ChatAdmin(admin.ModelAdmin):
    list_display = ("title", "hashtag", "host", "starts_at", "ends_at")
    list_filter = ("tracks",)
    search_fields = ("title", "hashtag")
    autocomplete_fields = ("host", "created_by")
    filter_horizontal = ("tracks",)


@admin.register(Status)
class StatusAdmin(admin.ModelAdmin):
    """Public posts only by default: followers-only and direct posts are not for browsing."""

    list_display = ("id", "account", "visibility", "created_at", "deleted_at")
    list_filter = ("visibility", "is_question")
    search_fields = ("account__username",)
    readonly_fields = ("id", "content_html", "created_at", "edited_at")
    raw_id_fields = (
        "in_reply_to",
        "thread_root",
        "reblog_of",
        "accepted_answer",
        "in_reply_to_account",
    )
    fields = ("id", "account", "visibility", "text", "content_html", "spoiler_text", "deleted_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Status]:
        return super().get_queryset(request).filter(visibility__in=("public", "unlisted"))


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    """The interaction log is append-only: readable here, never editable."""

    list_display = ("time", "actor", "kind", "target", "track", "context")
    list_filter = ("kind", "track")
    search_fields = ("actor__username", "target__username")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
