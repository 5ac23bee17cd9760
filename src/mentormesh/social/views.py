"""The social pages: timelines, the compose box, threads, interactions, notifications, chats.

Views stay thin: forms check through the actions' rules, actions write, ``timelines`` reads and
``cards`` shapes the result. Every form works without JavaScript (POST, then a redirect); with
htmx, an interaction answers with the re-rendered card and the compose box with itself plus
the new post. A refused interaction (a deleted, hidden or blocked member's post…) is a clear
message, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.realtime.events import chat_channel
from mentormesh.realtime.sse import MAX_EVENT_ID, read_database, sse_response
from mentormesh.realtime.views import HideMembers
from mentormesh.social import actions, cards
from mentormesh.social.forms import (
    ChatForm,
    ComposeForm,
    EditForm,
    LearnForm,
    QuestionForm,
    ShareForm,
)
from mentormesh.social.models import Chat, Status, Visibility
from mentormesh.social.timelines import (
    LIVE,
    PAST,
    UPCOMING,
    bookmarks_of,
    chat_state,
    chats_in_state,
    follows_tag,
    follows_track,
    home_timeline,
    notifications_for,
    public_timeline,
    tag_timeline,
    track_timeline,
    visible_status,
)

NOT_VISIBLE = "it was deleted or is not visible to you."
PAST_CHATS = 20

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class Request(HttpRequest):
    htmx: HtmxDetails
    # A member on member_required pages; elsewhere maybe a visitor, which every read the
    # public pages call (``Viewer``) accepts.
    user: User


def member_required(view: View) -> View:
    """Like ``login_required``; an htmx request is sent to the login page as a whole page."""

    @wraps(view)
    def wrapped(request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        back = request.headers.get("HX-Current-URL", "") if request.htmx else ""
        login = redirect_to_login(safe_next(request, back) or request.get_full_path())
        return HttpResponseClientRedirect(login["Location"]) if request.htmx else login

    return wrapped  # type: ignore[return-value]


def safe_next(request: HttpRequest, candidate: str | None = None) -> str:
    url = candidate if candidate is not None else request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if url and allowed else ""


def refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You can't do that."


def status_url(post: Status) -> str:
    return reverse("status", args=[post.account.username, post.pk])


# ---------------------------------------------------------------- timelines


@member_required
def home(request: Request) -> HttpResponse:
    page = cards.card_page(home_timeline(request.user), request.user, cards.requested_id(request))
    form = ComposeForm(author=request.user)
    return render(request, "social/home.html", {"page": page, "form": form})


def public(request: Request) -> HttpResponse:
    page = cards.card_page(public_timeline(request.user), request.user, cards.requested_id(request))
    return render(request, "social/public.html", {"page": page})


def tag(request: Request, name: str) -> HttpResponse:
    try:
        actions.check_hashtag(name)
    except ValidationError as error:
        raise Http404(refusal(error)) from None
    name = name.lower()
    page = cards.card_page(
        tag_timeline(request.user, name), request.user, cards.requested_id(request)
    )
    context = {"page": page, "name": name, "following": follows_tag(request.user, name)}
    return render(request, "social/tag.html", context)


def track_posts(request: Request, slug: str) -> HttpResponse:
    track = get_object_or_404(Track.objects.active(), slug=slug)
    statuses = track_timeline(request.user, track)
    page = cards.card_page(statuses, request.user, cards.requested_id(request))
    context = {"page": page, "track": track, "following": follows_track(request.user, track)}
    return render(request, "social/track_posts.html", context)


@member_required
def bookmarks(request: Request) -> HttpResponse:
    page = cards.card_page(bookmarks_of(request.user), request.user, cards.requested_id(request))
    return render(request, "social/bookmarks.html", {"page": page})


# ---------------------------------------------------------------- posting


@member_required
def compose(request: Request) -> HttpResponse:
    form = ComposeForm(request.POST if request.method == "POST" else None, author=request.user)
    if form.is_bound and form.is_valid():
        post = form.save()
        if request.htmx:
            shown = visible_status(request.user, post.pk)
            cards.prepare_cards([shown] if shown else [], request.user)
            fresh = ComposeForm(author=request.user)
            return render(request, "social/_compose_posted.html", {"form": fresh, "post": shown})
        messages.success(request, "Your post is up.")
        return redirect(safe_next(request) or reverse("timeline"))
    template = "social/_compose.html" if request.htmx else "social/compose.html"
    return render(request, template, {"form": form, "htmx": bool(request.htmx)})


@member_required
@require_POST
def reply(request: Request, status_id: int) -> HttpResponse:
    parent = visible_status(request.user, status_id)
    if parent is None:
        return refused(request, f"You can't reply to this post: {NOT_VISIBLE}")
    parent = parent.reblog_of or parent
    form = ComposeForm(request.POST, author=request.user, in_reply_to=parent)
    if form.is_valid():
        post = form.save()
        if request.htmx:
            return render(request, "social/_reply_form.html", reply_context(parent, posted=post))
        return redirect(safe_next(request) or f"{status_url(parent)}#status-{post.pk}")
    if request.htmx:
        return render(request, "social/_reply_form.html", reply_context(parent, form=form))
    return thread_page(request, parent, form)


def reply_context(parent: Status, **extra: Any) -> dict[str, Any]:
    return {"parent": parent, "chat_open": True, **extra}


def thread(request: Request, handle: str, status_id: int) -> HttpResponse:
    post = visible_status(request.user, status_id)
    if post is None:
        raise Http404("This post was deleted or is not visible to you.")
    if post.reblog_of is not None or post.account.username != handle:
        return redirect(status_url(post.reblog_of or post))
    return thread_page(request, post)


def thread_page(request: Request, post: Status, form: ComposeForm | None = None) -> HttpResponse:
    context: dict[str, Any] = {"thread": cards.thread(request.user, post), "post": post}
    if request.user.is_authenticated:
        context["form"] = form or ComposeForm(
            author=request.user, in_reply_to=post, initial=reply_initial(request.user, post)
        )
        context["chat_open"] = post.chat is None or post.chat.is_live()
    return render(request, "social/thread.html", context)


def reply_initial(author: User, parent: Status) -> dict[str, str]:
    """Replies to followers-only and direct posts mention the author, so they can see them."""
    if parent.visibility in (Visibility.PRIVATE, Visibility.DIRECT) and parent.account != author:
        return {"text": f"@{parent.account.username} "}
    return {}


def history(request: Request, handle: str, status_id: int) -> HttpResponse:
    post = visible_status(request.user, status_id)
    if post is None or post.account.username != handle or post.reblog_of_id is not None:
        raise Http404("This post was deleted or is not visible to you.")
    return render(request, "social/history.html", {"post": post, "edits": post.edits.all()})


@member_required
def edit(request: Request, handle: str, status_id: int) -> HttpResponse:
    post = own_post(request, handle, status_id)
    data = request.POST if request.method == "POST" else None
    form = EditForm(data, author=request.user, status=post)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, "Your post is updated; the earlier version is in its history.")
        return redirect(status_url(post))
    return render(request, "social/edit.html", {"form": form, "post": post})


@member_required
def delete(request: Request, handle: str, status_id: int) -> HttpResponse:
    post = own_post(request, handle, status_id)
    if request.method == "POST":
        actions.check_and_delete_status(request.user, post)
        messages.success(request, "Your post is deleted.")
        return redirect("profile", handle=request.user.username)
    return render(request, "social/delete.html", {"post": post})


def own_post(request: Request, handle: str, status_id: int) -> Status:
    post = visible_status(request.user, status_id)
    if post is None or post.account.username != handle:
        raise Http404("This post was deleted or is not visible to you.")
    actions.check_can_edit(request.user, post)  # PermissionDenied: 403 for someone else's post
    return post


# ---------------------------------------------------------------- interactions


def _share(who: User, post: Status, data: Any) -> object:
    form = ShareForm(data)
    form.is_valid()
    return actions.check_and_share(who, post, form.cleaned_data.get("comment", ""))


def _learn(who: User, post: Status, data: Any) -> object:
    form = LearnForm(data)
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    return actions.check_and_learn(who, post, **form.options())


def _accept(who: User, answer: Status, data: Any) -> object:
    question = visible_status(who, answer.in_reply_to_id) if answer.in_reply_to_id else None
    if question is None:
        raise ValidationError("This post does not reply to a question you can see.")
    actions.check_and_accept(who, question, answer)
    return None


INTERACTIONS: dict[str, Callable[[User, Status, Any], object]] = {
    "favourite": lambda who, post, data: actions.check_and_favourite(who, post),
    "unfavourite": lambda who, post, data: actions.do_unfavourite(who, post),
    "share": _share,
    "unshare": lambda who, post, data: actions.do_unshare(who, post),
    "bookmark": lambda who, post, data: actions.check_and_bookmark(who, post),
    "unbookmark": lambda who, post, data: actions.do_unbookmark(who, post),
    "learn": _learn,
    "unlearn": lambda who, post, data: actions.do_unlearn(who, post),
    "accept": _accept,
}
REFUSED_WHAT = {"share": "share", "learn": "learn from", "accept": "accept"}


@member_required
@require_POST
def interact(request: Request, status_id: int, action: str) -> HttpResponse:
    """One interaction with a post (a share's card acts on the post it shares)."""
    post = visible_status(request.user, status_id)
    if post is None:
        return refused(
            request, f"You can't {REFUSED_WHAT.get(action, action)} this post: {NOT_VISIBLE}"
        )
    try:
        INTERACTIONS[action](request.user, post.reblog_of or post, request.POST)
    except (ValidationError, PermissionDenied) as error:
        return refused(request, refusal(error), card_id=card_id(request, status_id))
    if request.htmx:
        return card(request, card_id(request, status_id))
    return redirect(safe_next(request) or status_url(post.reblog_of or post))


def card_id(request: HttpRequest, default: int) -> int:
    raw = request.POST.get("card", "")
    return int(raw) if raw.isdigit() and int(raw) <= cards.LARGEST_ID else default


def card(request: Request, status_id: int, error: str = "") -> HttpResponse:
    """The card as the viewer sees it now (empty when it is gone, e.g. an undone share)."""
    shown = visible_status(request.user, status_id)
    if shown is None:
        return (
            render(request, "social/_refused.html", {"message": error})
            if error
            else HttpResponse("")
        )
    cards.prepare_cards([shown], request.user)
    return render(request, "social/_status.html", {"status": shown, "card_error": error})


def refused(request: Request, message: str, card_id: int | None = None) -> HttpResponse:
    if request.htmx:
        if card_id is not None:
            return card(request, card_id, message)
        return render(request, "social/_refused.html", {"message": message})
    messages.error(request, message)
    return redirect(safe_next(request) or reverse("timeline"))


# ---------------------------------------------------------------- relationships


def _follow(who: User, target: User) -> object:
    return actions.check_and_follow(who, target)


def _not_self(what: str, act: Callable[[User, User], object]) -> Callable[[User, User], object]:
    def checked(who: User, target: User) -> object:
        actions.check_not_self(who, target, what)
        return act(who, target)

    return checked


RELATIONSHIPS: dict[str, tuple[Callable[[User, User], object], str]] = {
    "follow": (_follow, "You follow @{handle}: their posts are on your home timeline."),
    "unfollow": (actions.do_unfollow, "You no longer follow @{handle}."),
    "mute": (_not_self("mute", actions.do_mute), "You muted @{handle}: you won't see their posts."),
    "unmute": (actions.do_unmute, "You unmuted @{handle}."),
    "block": (
        _not_self("block", actions.do_block),
        "You blocked @{handle}: neither of you sees the other's posts.",
    ),
    "unblock": (actions.do_unblock, "You unblocked @{handle}."),
}


@member_required
@require_POST
def relationship(request: Request, handle: str, action: str) -> HttpResponse:
    target = get_object_or_404(User, username__iexact=handle, is_active=True)
    act, done = RELATIONSHIPS[action]
    try:
        act(request.user, target)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, done.format(handle=target.username))
    return redirect("profile", handle=target.username)


@member_required
@require_POST
def follow_tag(request: Request, name: str, follow: bool) -> HttpResponse:
    try:
        if follow:
            actions.check_and_follow_tag(request.user, name)
        else:
            actions.do_unfollow_tag(request.user, name)
    except ValidationError as error:
        raise Http404(refusal(error)) from None
    return redirect("tag", name=name.lower())


@member_required
@require_POST
def follow_track(request: Request, slug: str, follow: bool) -> HttpResponse:
    track = get_object_or_404(Track.objects.active(), slug=slug)
    (actions.do_follow_track if follow else actions.do_unfollow_track)(request.user, track)
    return redirect("track_posts", slug=track.slug)


# ---------------------------------------------------------------- notifications


@member_required
def notifications(request: Request) -> HttpResponse:
    rows = cards.notification_page(
        notifications_for(request.user), request.user, cards.requested_id(request)
    )
    older = rows[-1].pk if len(rows) == cards.DEFAULT_LIMIT else None
    return render(request, "social/notifications.html", {"rows": rows, "older_max_id": older})


@member_required
@require_POST
def notifications_read(request: Request) -> HttpResponse:
    actions.do_mark_notifications_read(request.user)
    return redirect("notifications")


def notification_badge(request: Request) -> HttpResponse:
    return render(request, "social/_notification_badge_tag.html")


# ---------------------------------------------------------------- chats


def chats(request: Request) -> HttpResponse:
    context = {
        "live": chats_in_state(LIVE),
        "upcoming": chats_in_state(UPCOMING),
        "past": chats_in_state(PAST)[:PAST_CHATS],
        "may_schedule": may_schedule(request.user),
    }
    return render(request, "social/chats.html", context)


def may_schedule(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    try:
        actions.check_can_schedule_chats(user)
    except PermissionDenied:
        return False
    return True


@member_required
def chat_new(request: Request) -> HttpResponse:
    if not may_schedule(request.user):
        return render(request, "social/chat_new.html", {"refused": True}, status=403)
    data = request.POST if request.method == "POST" else None
    form = ChatForm(data, creator=request.user)
    if form.is_bound and form.is_valid():
        chat = form.save()
        messages.success(request, f"#{chat.hashtag} is scheduled.")
        return redirect("chat", chat_id=chat.pk)
    return render(request, "social/chat_new.html", {"form": form})


def chat_or_404(chat_id: int) -> Chat:
    return get_object_or_404(
        Chat.objects.select_related("host__profile").prefetch_related("tracks"), pk=chat_id
    )


def chat(request: Request, chat_id: int) -> HttpResponse:
    room = chat_or_404(chat_id)
    return render(request, "social/chat.html", chat_context(request, room))


def chat_context(request: Request, room: Chat, **extra: Any) -> dict[str, Any]:
    state = chat_state(room)
    context = {"chat": room, "state": state, "room": cards.chat_room(request.user, room)}
    context["chat_open"] = state == LIVE
    if state == LIVE and request.user.pk == room.host_id and "question_form" not in extra:
        context["question_form"] = QuestionForm()
    return {**context, **extra}


@member_required
@require_POST
def release_question(request: Request, chat_id: int) -> HttpResponse:
    room = chat_or_404(chat_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        try:
            actions.check_release_question(request.user, room, text)
        except (ValidationError, PermissionDenied) as error:
            form.add_error("text", refusal(error))
    if form.is_valid():
        question = actions.do_release_question(room, text)
        if request.htmx:
            context = {"chat": room, "question_form": QuestionForm(), "released": question}
            return render(request, "social/_question_form.html", context)
        return redirect(f"{reverse('chat', args=[room.pk])}#status-{question.pk}")
    if request.htmx:
        return render(request, "social/_question_form.html", {"chat": room, "question_form": form})
    return render(request, "social/chat.html", chat_context(request, room, question_form=form))


def recap(request: Request, chat_id: int) -> HttpResponse:
    room = chat_or_404(chat_id)
    context: dict[str, Any] = {"chat": room, "state": chat_state(room), "recap": True}
    if context["state"] == PAST:
        context["room"] = cards.chat_room(request.user, room)
        cards.recap_acknowledgements(request.user, context["room"])
    return render(request, "social/recap.html", context)


async def chat_stream(request: HttpRequest, chat_id: int) -> HttpResponseBase:
    """The chat room live: each new or edited post as the HTML every watcher inserts."""
    if chat_id > MAX_EVENT_ID or not await Chat.objects.filter(pk=chat_id).aexists():
        raise Http404("There is no such chat.")
    viewer = await request.auser()
    return sse_response(
        request,
        [chat_channel(chat_id)],
        render_chat_event,
        accept=HideMembers.for_viewer(viewer),
    )


async def render_chat_event(
    event_type: str, payload: dict[str, Any]
) -> str | dict[str, Any] | None:
    if event_type in ("status.created", "status.updated"):
        return await read_database(cards.live_chat_fragment, payload.get("id"))
    return {"type": event_type, **payload}
