"""Live chats (mentormesh extension, in Mastodon's style): schedule, list, release questions,
and the recap. Answers are ordinary posts: POST /api/v1/statuses with `chat_id` and the
question as `in_reply_to_id`."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from mentormesh.accounts.models import User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth, optional_auth, viewer
from mentormesh.api.lookups import active_tracks, chat_or_404, read_input, renamed
from mentormesh.api.routers.statuses import render
from mentormesh.api.schemas import (
    MAX_OFFSET,
    Chat,
    ChatCreate,
    ChatQuestionInput,
    ChatRecap,
    Error,
    RecapAnswer,
    RecapQuestion,
    Status,
    ValidationFailed,
    request_body,
)
from mentormesh.social import actions
from mentormesh.social.timelines import (
    MAX_LIMIT,
    acknowledgements_for_author,
    chat_recap,
    chats_in_state,
)

router = Router(tags=["chats (mentormesh extension)"])

READ_ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}
WRITE_ERRORS: dict[int, type[Error]] = {401: Error, 403: Error, 404: Error, 422: ValidationFailed}


class ChatsQuery(Schema):
    state: Literal["upcoming", "live", "past"] | None = Field(
        None,
        description="`upcoming` (soonest first), `live` (ending soonest first) or `past` (most "
        "recent first); without it, every chat, latest start first.",
    )
    limit: int = Field(20, description=f"At most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Skip this many chats.")


@router.get(
    "/v1/chats", auth=optional_auth, response={200: list[Chat], **READ_ERRORS}, summary="Chats"
)
def chats(request: HttpRequest, response: HttpResponse, query: Query[ChatsQuery]) -> list[Chat]:
    """Scheduled live hashtag chats by `state`, paged with `limit` and `offset` (a `Link`
    header points at the next page). No token needed."""
    limit = max(1, min(query.limit, MAX_LIMIT))
    found = list(chats_in_state(query.state)[query.offset : query.offset + limit])
    if len(found) == limit:
        response["Link"] = f'<{_offset_url(request, query.offset + limit)}>; rel="next"'
    page = entities.Page(request, viewer(request), profiles=[chat.host.profile for chat in found])
    return [page.chat(chat) for chat in found]


@router.get(
    "/v1/chats/{id}", auth=optional_auth, response={200: Chat, **READ_ERRORS}, summary="A chat"
)
def chat(request: HttpRequest, id: str) -> Chat:
    """One chat: title, hashtag, tracks, host, start and end, and whether it is `upcoming`,
    `live` or `past`. No token needed."""
    found = chat_or_404(id)
    return entities.Page(request, viewer(request), profiles=[found.host.profile]).chat(found)


@router.post(
    "/v1/chats",
    auth=member_auth,
    response={200: Chat, **WRITE_ERRORS},
    summary="Schedule a chat",
    openapi_extra={"requestBody": request_body(ChatCreate)},
)
def schedule_chat(request: HttpRequest) -> Chat:
    """Schedule a live chat: `title`, `hashtag`, `starts_at` and `ends_at` (ISO 8601 with a time
    zone, at most 12 hours apart, ending in the future), optional `host_id` (you by default),
    `description` and `tracks`. Stewards and trusted members only (403 for others)."""
    creator = member(request)
    data = read_input(request, ChatCreate)
    host = _host(creator, data.host_id)
    tracks = active_tracks(data.tracks)
    renamed(
        {"host": "host_id"},
        lambda: actions.check_schedule_chat(
            creator,
            title=data.title,
            hashtag=data.hashtag,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            host=host,
            description=data.description,
        ),
    )
    scheduled = actions.do_schedule_chat(
        creator,
        title=data.title,
        hashtag=data.hashtag,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        host=host,
        description=data.description,
        tracks=tracks,
    )
    shown = chat_or_404(str(scheduled.pk))
    return entities.Page(request, creator, profiles=[shown.host.profile]).chat(shown)


def _host(creator: User, host_id: int | None) -> User:
    if host_id is None:
        return creator
    host = User.objects.filter(pk=host_id, is_active=True).first()
    if host is None:
        raise ValidationError({"host_id": "There is no such member."})
    return host


@router.post(
    "/v1/chats/{id}/questions",
    auth=member_auth,
    response={200: Status, **WRITE_ERRORS},
    summary="Release the next question",
    openapi_extra={"requestBody": request_body(ChatQuestionInput)},
)
def release_question(request: HttpRequest, id: str) -> Status:
    """The host releases the next question while the chat is live: it is posted as `Qn: …`
    with the chat's hashtag, numbered in order. Others get 403; a chat that has not started
    or has ended is 422. Returns the question's post."""
    host = member(request)
    found = chat_or_404(id)
    data = read_input(request, ChatQuestionInput)
    renamed(
        {"chat": "chat_id"},
        lambda: actions.check_release_question(host, found, data.status),
    )
    question = actions.do_release_question(found, data.status)
    return render(request, host, question.pk)


@router.get(
    "/v1/chats/{id}/recap",
    auth=optional_auth,
    response={200: ChatRecap, **READ_ERRORS},
    summary="A chat's recap",
)
def recap(request: HttpRequest, id: str) -> ChatRecap:
    """Each question the host released, in order, with its answers (direct replies you may see,
    oldest first). Each answer carries its `learned_count`; on your own answers, also who
    learned from them and their notes. No token needed."""
    reader = viewer(request)
    found = chat_or_404(id)
    questions = chat_recap(reader, found)
    answers = [answer for item in questions for answer in item.answers]
    learned = acknowledgements_for_author(reader, answers)
    profiles = [found.host.profile] + [
        row.account.profile for rows in learned.values() for row in rows
    ]
    statuses = [item.question for item in questions] + answers
    page = entities.Page(request, reader, statuses, profiles)
    return ChatRecap(
        chat=page.chat(found),
        questions=[
            RecapQuestion(
                question=page.status(item.question),
                answers=[
                    RecapAnswer(
                        status=page.status(answer),
                        acknowledgements=[
                            page.acknowledgement(row) for row in learned.get(answer.pk, [])
                        ],
                    )
                    for answer in item.answers
                ],
            )
            for item in questions
        ],
    )


def _offset_url(request: HttpRequest, offset: int) -> str:
    kept = [
        (key, value) for key, values in request.GET.lists() if key != "offset" for value in values
    ]
    return request.build_absolute_uri(request.path) + "?" + urlencode([*kept, ("offset", offset)])
