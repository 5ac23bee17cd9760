"""What the web pages need around statuses: a page of cards, a thread, a chat room, the live
fragments — each in a fixed number of queries, whatever the number of posts.

Reads go through ``social.timelines`` (visibility is decided there); this module only shapes
what it returns for the templates in ``templates/social/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from mentormesh.accounts.models import User
from mentormesh.social.models import Chat, Learned, Notification, NotificationKind, Status
from mentormesh.social.timelines import (
    DEFAULT_LIMIT,
    PageRequest,
    acknowledgements_for_author,
    chat_posts,
    complete_page,
    display_page,
    paginate,
    shown_acknowledgements,
    thread_context,
    visible_status,
)
from mentormesh.social.visibility import Viewer, is_member

LARGEST_ID = 2**63 - 1
MAX_DEPTH = 5  # deeper replies are drawn at this indent, so a thread stays readable at 360 px


def requested_id(request: HttpRequest, name: str = "max_id") -> int | None:
    """A post id from the query string; anything else reads as "not given" (first page)."""
    raw = request.GET.get(name, "")
    if raw.isascii() and raw.isdigit() and int(raw) <= LARGEST_ID:
        return int(raw)
    return None


@dataclass(frozen=True)
class CardPage:
    statuses: list[Status]
    older_max_id: int | None  # pass as ?max_id= for the next, older page; None on the last


def card_page(statuses: Any, viewer: Viewer, max_id: int | None) -> CardPage:
    """One page of a timeline (newest first), ready for ``social/_status.html``."""
    rows = display_page(statuses, viewer, PageRequest(max_id=max_id))
    prepare_cards(rows, viewer)
    older = rows[-1].pk if len(rows) == DEFAULT_LIMIT else None
    return CardPage(rows, older)


def prepare_cards(statuses: Sequence[Status], viewer: Viewer) -> None:
    """Everything a card shows beyond ``for_display``, for a whole page at once: the shown
    counts and links (``complete_page``), whether the viewer may accept a reply as the answer
    to their question, whether it is the accepted answer, and — on the viewer's own posts —
    who learned from them."""
    complete_page(statuses, viewer)
    originals = [status.reblog_of or status for status in statuses]
    _set_answer_state(originals, viewer)
    learners = acknowledgements_for_author(viewer, originals)
    for post in originals:
        post.own_acknowledgements = learners.get(post.pk, [])  # type: ignore[attr-defined]


def _set_answer_state(posts: Sequence[Status], viewer: Viewer) -> None:
    parent_ids = {
        post.shown_in_reply_to_id  # type: ignore[attr-defined]
        for post in posts
        if post.shown_in_reply_to_id is not None  # type: ignore[attr-defined]
    }
    parents: dict[int, Any] = {}
    if parent_ids:
        rows = Status.objects.filter(pk__in=parent_ids).values(
            "pk", "account_id", "is_question", "accepted_answer_id"
        )
        parents = {row["pk"]: row for row in rows}
    viewer_id = viewer.pk if is_member(viewer) else None
    for post in posts:
        parent = parents.get(post.shown_in_reply_to_id)  # type: ignore[attr-defined]
        accepted = parent is not None and parent["accepted_answer_id"] == post.pk
        post.is_accepted_answer = accepted  # type: ignore[attr-defined]
        post.can_accept = (  # type: ignore[attr-defined]
            parent is not None
            and parent["is_question"]
            and parent["account_id"] == viewer_id
            and post.account_id != viewer_id
            and not accepted
        )


# ---------------------------------------------------------------- threads


@dataclass(frozen=True)
class Thread:
    ancestors: list[Status]
    post: Status
    descendants: list[Status]  # depth first; each has ``depth`` (1 = a direct reply)


def thread(viewer: Viewer, post: Status) -> Thread:
    context = thread_context(viewer, post)
    prepare_cards([*context.ancestors, post, *context.descendants], viewer)
    depths = {post.pk: 0}
    for reply in context.descendants:
        depth = depths.get(reply.in_reply_to_id or 0, 0) + 1
        depths[reply.pk] = depth
        reply.depth = min(depth, MAX_DEPTH)  # type: ignore[attr-defined]
    return Thread(context.ancestors, post, context.descendants)


# ---------------------------------------------------------------- chats


@dataclass
class ChatNode:
    post: Status
    replies: list[ChatNode] = field(default_factory=list)


@dataclass(frozen=True)
class ChatRoom:
    questions: list[ChatNode]  # the host's Q1…Qn in order, each with its answers and replies
    others: list[ChatNode]  # chat posts that answer no question
    posts: list[Status]


def is_chat_question(post: Status, chat: Chat) -> bool:
    return post.chat_question is not None and post.account_id == chat.host_id


def chat_room(viewer: Viewer, chat: Chat) -> ChatRoom:
    """Every chat post the viewer may see, as trees under the questions they answer."""
    posts = list(chat_posts(viewer, chat.pk))
    prepare_cards(posts, viewer)
    nodes = {post.pk: ChatNode(post) for post in posts}
    roots: list[ChatNode] = []
    for post in posts:
        parent = nodes.get(post.in_reply_to_id or 0)
        (parent.replies if parent is not None else roots).append(nodes[post.pk])
    questions = sorted(
        (node for node in roots if is_chat_question(node.post, chat)),
        key=lambda node: (node.post.chat_question, node.post.pk),
    )
    others = [node for node in roots if not is_chat_question(node.post, chat)]
    return ChatRoom(questions, others, posts)


def recap_acknowledgements(viewer: Viewer, room: ChatRoom) -> None:
    """Sets ``learners`` on every post of the room: who learned from it, as the viewer may see."""
    shown = shown_acknowledgements(viewer, room.posts)
    for post in room.posts:
        post.learners = shown.get(post.pk, [])  # type: ignore[attr-defined]


def live_chat_fragment(raw_id: object) -> str | None:
    """The HTML every watcher of a chat receives for a new or edited post (rendered once per
    event, so it is the post as a visitor sees it: no one's own state, no author controls).
    None when it is not a public chat post any more."""
    text = str(raw_id)
    if not (text.isascii() and text.isdigit()) or int(text) > LARGEST_ID:
        return None
    post = visible_status(None, int(text))
    if post is None or post.chat is None or post.reblog_of_id is not None:
        return None
    prepare_cards([post], None)
    chat = post.chat
    context = {"node": ChatNode(post), "chat": chat, "chat_open": True, "live": True}
    template = (
        "social/_chat_question.html" if is_chat_question(post, chat) else "social/_chat_node.html"
    )
    body = render_to_string(template, context)
    parent = post.shown_in_reply_to_id or ""  # type: ignore[attr-defined]
    return f'<template data-status="{post.pk}" data-parent="{parent}">{body.strip()}</template>'


# ---------------------------------------------------------------- notifications


def notification_page(rows: Any, viewer: User, max_id: int | None) -> list[Notification]:
    """One page of notifications with what each line shows, in a fixed number of queries."""
    page = paginate(
        rows.select_related("actor__profile", "status__account__profile", "chat", "track"),
        PageRequest(max_id=max_id),
    )
    learned = [row for row in page if row.kind == NotificationKind.LEARNED and row.status_id]
    notes: dict[tuple[int, int], Learned] = {}
    if learned:
        found = Learned.objects.filter(
            status_id__in={row.status_id for row in learned},
            account_id__in={row.actor_id for row in learned},
        ).select_related("track")
        notes = {(row.account_id, row.status_id): row for row in found}
    for row in page:
        row.learned = notes.get((row.actor_id or 0, row.status_id or 0))
    return page
