"""Statuses: post, read, edit, delete, thread context, and every interaction with a post —
Mastodon's favourite, reblog (share) and bookmark, and mentormesh's learn, accept and question.

Each write goes through ``social.actions`` (``check_*`` then ``do_*``); each read through
``social.timelines``. Interactions with a share act on the shared post, as in Mastodon.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from mentormesh.accounts.models import Profile, User
from mentormesh.api import entities, schemas
from mentormesh.api.auth import member, member_auth, optional_auth, viewer
from mentormesh.api.lookups import (
    NOT_VISIBLE,
    active_track,
    active_tracks,
    original,
    place_or_404,
    read_input,
    renamed,
    shown_status,
    status_or_404,
)
from mentormesh.api.pagination import PageQuery, set_link_header
from mentormesh.api.schemas import (
    Account,
    Acknowledgement,
    Context,
    DeletedStatus,
    Error,
    LearnInput,
    QuestionInput,
    ReblogInput,
    Status,
    StatusCreate,
    StatusEdit,
    StatusSource,
    StatusUpdate,
    ValidationFailed,
    request_body,
)
from mentormesh.social import actions
from mentormesh.social.models import Chat, Favourite, Learned
from mentormesh.social.models import Status as StatusRow
from mentormesh.social.timelines import (
    acknowledgements,
    paginate,
    shown_to,
    thread_context,
    visible_status,
)
from mentormesh.social.visibility import Viewer, blocked_either_way, is_member

View = TypeVar("View", bound=Callable[..., Any])

router = Router(tags=["statuses"])

IDEMPOTENCY_SECONDS = 3600
READ_ERRORS: dict[int, type[Error]] = {401: Error, 404: Error}
WRITE_ERRORS: dict[int, type[Error]] = {401: Error, 403: Error, 404: Error, 422: ValidationFailed}


def render(request: HttpRequest, reader: Viewer, status_id: int) -> Status:
    """The status as ``reader`` sees it now, freshly loaded."""
    found = visible_status(reader, status_id)
    if found is None:  # e.g. a post you just deleted
        raise ValidationError({"status": f"This post is gone: {NOT_VISIBLE}"})
    return entities.Page(request, reader, [found]).status(found)


# ------------------------------------------------------------------------------------ posting


@router.post(
    "/v1/statuses",
    auth=member_auth,
    response={200: Status, **WRITE_ERRORS},
    summary="Post",
    openapi_extra={"requestBody": request_body(StatusCreate)},
)
def create_status(request: HttpRequest) -> Status:
    """Post a status: Mastodon's `status`, `in_reply_to_id`, `spoiler_text`, `visibility`
    and `language`, plus mentormesh's `tracks` (slugs), `question` and `chat_id` (answer a chat
    question with `chat_id` and the question as `in_reply_to_id`). JSON or form-encoded. An empty
    or over-long text, a reply to a post you may not see, or a chat that is not live answers
    422 and nothing is stored. Send an `Idempotency-Key` header to make retries safe: the same
    key within an hour returns the first post instead of a second one."""
    author = member(request)
    remembered = _idempotency_cache_key(request, author)
    if remembered is not None:
        earlier = cache.get(remembered)
        if earlier is not None and visible_status(author, earlier) is not None:
            return render(request, author, earlier)
    post = _create(author, read_input(request, StatusCreate))
    if remembered is not None:
        cache.set(remembered, post.pk, IDEMPOTENCY_SECONDS)
    return render(request, author, post.pk)


def _create(author: User, data: StatusCreate) -> StatusRow:
    parent = shown_status(author, data.in_reply_to_id)
    errors: dict[str, str] = {}
    if data.in_reply_to_id is not None and parent is None:
        errors["in_reply_to_id"] = f"You can't reply to this post: {NOT_VISIBLE}"
    chat = Chat.objects.filter(pk=data.chat_id).first() if data.chat_id is not None else None
    if data.chat_id is not None and chat is None:
        errors["chat_id"] = "There is no such chat; GET /api/v1/chats lists them."
    if errors:
        raise ValidationError(errors)
    tracks = active_tracks(data.tracks)
    return renamed(
        {"chat": "chat_id"},
        lambda: actions.check_and_create_status(
            author,
            data.status,
            visibility=data.visibility,
            spoiler_text=data.spoiler_text,
            language=data.language,
            in_reply_to=original(parent) if parent is not None else None,
            tracks=tracks,
            is_question=data.question,
            chat=chat,
        ),
    )


def _idempotency_cache_key(request: HttpRequest, author: User) -> str | None:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"mentormesh:api:idempotency:{author.pk}:{digest}"


# ------------------------------------------------------------------------------------ one post


@router.get(
    "/v1/statuses/{id}",
    auth=optional_auth,
    response={200: Status, **READ_ERRORS},
    summary="A post",
)
def get_status(request: HttpRequest, id: str) -> Status:  # `id`: Mastodon's name
    """One post. A post you may not see — deleted, followers-only or direct and not for you, or
    by a member on the other side of a block — is 404 "Record not found", like one that never
    existed. No token needed for public posts."""
    reader = viewer(request)
    found = status_or_404(reader, id)
    return entities.Page(request, reader, [found]).status(found)


@router.delete(
    "/v1/statuses/{id}",
    auth=member_auth,
    response={200: DeletedStatus, **WRITE_ERRORS},
    summary="Delete your post",
)
def delete_status(request: HttpRequest, id: str) -> DeletedStatus:
    """Delete one of your posts (or undo a share by deleting it). Returns the post with its
    source `text`, for "delete and redraft". Replies stay in the thread; the post answers 404
    from now on. Someone else's post is 403."""
    author = member(request)
    found = status_or_404(author, id)
    entity = entities.Page(request, author, [found]).deleted_status(found, text=found.text)
    actions.check_and_delete_status(author, found)
    return entity


@router.put(
    "/v1/statuses/{id}",
    auth=member_auth,
    response={200: Status, **WRITE_ERRORS},
    summary="Edit your post",
    openapi_extra={"requestBody": request_body(StatusUpdate)},
)
def edit_status(request: HttpRequest, id: str) -> Status:
    """Edit one of your posts (Mastodon 4's edit API): a new `status` text and optionally a new
    `spoiler_text`. The earlier version is kept (GET /api/v1/statuses/:id/history); newly
    mentioned members are notified. The same checks as posting apply (422)."""
    author = member(request)
    found = status_or_404(author, id)
    data = read_input(request, StatusUpdate)
    if data.language is not None and data.language != found.language:
        raise ValidationError({"language": "A post's language can't be changed."})
    actions.check_and_edit_status(author, found, data.status, spoiler_text=data.spoiler_text)
    return render(request, author, found.pk)


@router.get(
    "/v1/statuses/{id}/history",
    auth=optional_auth,
    response={200: list[StatusEdit], **READ_ERRORS},
    summary="Earlier versions of a post",
)
def status_history(request: HttpRequest, id: str) -> list[StatusEdit]:
    """Every version of a post, oldest first, ending with the current one; a post never edited
    has one version."""
    reader = viewer(request)
    found = status_or_404(reader, id)
    page = entities.Page(request, reader, [found])
    author = page.account(found.account.profile)
    versions = [
        (edit.content_html, edit.spoiler_text, edit.created_at) for edit in found.edits.all()
    ]
    versions.append((found.content_html, found.spoiler_text, found.edited_at or found.created_at))
    return [
        StatusEdit(
            content=content,
            spoiler_text=spoiler,
            sensitive=bool(spoiler),
            created_at=entities.iso_datetime(moment),
            account=author,
            poll=None,
            media_attachments=[],
            emojis=[],
        )
        for content, spoiler, moment in versions
    ]


@router.get(
    "/v1/statuses/{id}/source",
    auth=optional_auth,
    response={200: StatusSource, **READ_ERRORS},
    summary="A post as written",
)
def status_source(request: HttpRequest, id: str) -> StatusSource:
    """The text of a post as its author wrote it (Markdown-lite), and its content warning: what
    an edit form starts from."""
    found = status_or_404(viewer(request), id)
    return StatusSource(id=str(found.pk), text=found.text, spoiler_text=found.spoiler_text)


@router.get(
    "/v1/statuses/{id}/context",
    auth=optional_auth,
    response={200: Context, **READ_ERRORS},
    summary="The thread around a post",
)
def status_context(request: HttpRequest, id: str) -> Context:
    """The post's ancestors (from the thread's first post down to its parent) and descendants
    (replies, depth first). Posts you may not see are left out."""
    reader = viewer(request)
    thread = thread_context(reader, place_or_404(reader, id))
    page = entities.Page(request, reader, [*thread.ancestors, *thread.descendants])
    return Context(
        ancestors=page.statuses(thread.ancestors), descendants=page.statuses(thread.descendants)
    )


# ------------------------------------------------------------------------------------ interactions


def _interaction(
    path: str, summary: str, body: type[schemas.Schema] | None = None
) -> Callable[[View], View]:
    extra = {"requestBody": request_body(body)} if body is not None else None
    return router.post(
        path,
        auth=member_auth,
        response={200: Status, **WRITE_ERRORS},
        summary=summary,
        openapi_extra=extra,
    )


@_interaction("/v1/statuses/{id}/favourite", "Favourite a post")
def favourite(request: HttpRequest, id: str) -> Status:
    """Favourite a post (a share favourites the shared post). Doing it twice changes nothing:
    it is counted once. Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.check_and_favourite(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/unfavourite", "Undo a favourite")
def unfavourite(request: HttpRequest, id: str) -> Status:
    """Take back your favourite; harmless when there was none. Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.do_unfavourite(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/reblog", "Share a post", ReblogInput)
def reblog(request: HttpRequest, id: str) -> Status:
    """Share ("champion someone's work") a public or unlisted post, optionally with a `comment`
    (mentormesh extension) and a `visibility` for the share. Sharing twice returns the first
    share. Returns the share, with the shared post in `reblog`."""
    who = member(request)
    target = original(status_or_404(who, id))
    data = read_input(request, ReblogInput)
    actions.check_share(who, target, data.comment)
    share = actions.do_share(who, target, data.comment, visibility=data.visibility)
    return render(request, who, share.pk)


@_interaction("/v1/statuses/{id}/unreblog", "Undo a share")
def unreblog(request: HttpRequest, id: str) -> Status:
    """Undo your share of a post; harmless when there was none. Returns the shared post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.do_unshare(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/bookmark", "Bookmark a post")
def bookmark(request: HttpRequest, id: str) -> Status:
    """Bookmark a post for yourself (nobody is told). Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.check_and_bookmark(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/unbookmark", "Remove a bookmark")
def unbookmark(request: HttpRequest, id: str) -> Status:
    """Remove your bookmark; harmless when there was none. Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.do_unbookmark(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/learn", "I learned from this", LearnInput)
def learn(request: HttpRequest, id: str) -> Status:
    """mentormesh extension: acknowledge that you learned from a post, with an optional `note`,
    `track` (slug) and `public` (whether others may count it; default true). The author is
    notified and always sees who learned; sending it again updates the note. Not on your own
    posts (422). Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    data = read_input(request, LearnInput)
    track = active_track(data.track) if data.track else None
    actions.check_and_learn(who, target, note=data.note, track=track, is_public=data.public)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/unlearn", "Take back 'I learned from this'")
def unlearn(request: HttpRequest, id: str) -> Status:
    """mentormesh extension: remove your acknowledgement (the interaction log keeps that it
    happened). Returns the post."""
    who = member(request)
    target = original(status_or_404(who, id))
    actions.do_unlearn(who, target)
    return render(request, who, target.pk)


@_interaction("/v1/statuses/{id}/accept", "Accept this answer")
def accept(request: HttpRequest, id: str) -> Status:
    """mentormesh extension: the asker accepts this reply as the answer that helped. Only the
    author of the question it replies to may (403 for others); the question must be marked as
    one (422). Returns the question, with `mentormesh.accepted_answer_id` set."""
    who = member(request)
    answer = status_or_404(who, id)
    question = shown_status(who, answer.in_reply_to_id)
    if question is None:
        raise ValidationError({"status": "This post does not reply to a question you can see."})
    actions.check_and_accept(who, question, answer)
    return render(request, who, question.pk)


@_interaction("/v1/statuses/{id}/question", "Mark as a question", QuestionInput)
def mark_question(request: HttpRequest, id: str) -> Status:
    """mentormesh extension: mark your post as a question (`question`: true, the default) or
    unmark it (false). Replies to a question count as answers, and you can accept one.
    Returns the post."""
    who = member(request)
    found = status_or_404(who, id)
    data = read_input(request, QuestionInput)
    actions.check_and_mark_question(who, found, data.question)
    return render(request, who, found.pk)


# ------------------------------------------------------------------------------------ who did what


@router.get(
    "/v1/statuses/{id}/favourited_by",
    auth=optional_auth,
    response={200: list[Account], **READ_ERRORS},
    summary="Who favourited a post",
)
def favourited_by(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]
) -> list[Account]:
    """The members who favourited a post, most recent first, paged with `max_id`/`min_id`
    and a `Link` header."""
    reader = viewer(request)
    target = original(status_or_404(reader, id))
    rows = Favourite.objects.filter(status=target, account__is_active=True)
    if is_member(reader):
        rows = rows.exclude(account__in=blocked_either_way(reader))
    page = paginate(rows.select_related("account__profile"), query.page())
    set_link_header(response, request, page, query.page())
    return _accounts(request, reader, [row.account.profile for row in page])


@router.get(
    "/v1/statuses/{id}/reblogged_by",
    auth=optional_auth,
    response={200: list[Account], **READ_ERRORS},
    summary="Who shared a post",
)
def reblogged_by(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]
) -> list[Account]:
    """The members who shared a post (in shares you may see), most recent first, paged with
    `max_id`/`min_id` and a `Link` header."""
    reader = viewer(request)
    target = original(status_or_404(reader, id))
    shares: QuerySet[StatusRow] = StatusRow.objects.filter(
        shown_to(reader), reblog_of=target, account__is_active=True
    )
    page = paginate(shares.select_related("account__profile"), query.page())
    set_link_header(response, request, page, query.page())
    return _accounts(request, reader, [share.account.profile for share in page])


@router.get(
    "/v1/statuses/{id}/learned_by",
    auth=member_auth,
    response={200: list[Acknowledgement], **WRITE_ERRORS},
    summary="Who learned from your post",
)
def learned_by(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]
) -> list[Acknowledgement]:
    """mentormesh extension: who acknowledged learning from your post, with their notes and
    tracks, most recent first (paged with a `Link` header). Only the author sees this (403
    for others, who see `mentormesh.learned_count` on the post instead)."""
    reader = member(request)
    target = original(status_or_404(reader, id))
    if target.account_id != reader.pk:
        raise PermissionDenied(
            "Only the author sees who learned from a post; others see the count."
        )
    page: list[Learned] = paginate(acknowledgements(target), query.page())
    set_link_header(response, request, page, query.page())
    entity_page = entities.Page(request, reader, profiles=[row.account.profile for row in page])
    return [entity_page.acknowledgement(row) for row in page]


def _accounts(request: HttpRequest, reader: Viewer, profiles: list[Profile]) -> list[Account]:
    page = entities.Page(request, reader, profiles=profiles)
    return [page.account(profile) for profile in profiles]
