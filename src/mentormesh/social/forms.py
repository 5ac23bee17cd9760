"""HTML forms of the social layer. They collect input and ask the actions' ``check_*`` rules —
the same the API uses — so every message a member sees next to a field comes from there;
``save`` writes through the ``do_*`` actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone

from mentormesh.accounts.forms import add_validation_errors
from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.social import actions
from mentormesh.social.models import Chat, Learned, Status, Visibility

TEXT_ROWS = 4
VISIBILITY_CHOICES = [
    (Visibility.PUBLIC, "Public"),
    (Visibility.UNLISTED, "Unlisted (not on public timelines)"),
    (Visibility.PRIVATE, "Followers only"),
    (Visibility.DIRECT, "Direct (only people you @mention)"),
]


def text_field(label: str, *, required: bool = True, rows: int = TEXT_ROWS) -> forms.CharField:
    """Post text: no ``maxlength`` in the page (the live counter shows the limit and the rule
    reports it), so an over-long draft is never cut off silently."""
    return forms.CharField(
        label=label,
        required=required,
        strip=False,
        error_messages={"required": "A post needs some text."},
        widget=forms.Textarea(attrs={"rows": rows, "class": "compose__text"}),
    )


class PostTextForm(forms.Form):
    """A form with a post's ``text``: the page's live counter learns the limit from it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["data-char-limit"] = settings.MAX_POST_CHARS


def offer_active_tracks(form: forms.Form, name: str) -> None:
    """Tracks are chosen among the active ones, read when the form is made (not imported)."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = Track.objects.active()


class TrackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Track) -> str:
        return obj.name


class ComposeForm(PostTextForm):
    """A new post, or a reply when ``in_reply_to`` is given (then it inherits the thread's
    visibility and tracks unless chosen), or a chat answer when the parent is a chat post."""

    text = text_field("What did you learn, or want to ask?")
    spoiler_text = forms.CharField(
        label="Content warning",
        required=False,
        strip=False,
        help_text="Optional: readers see this first and open the post themselves.",
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=VISIBILITY_CHOICES,
        initial=Visibility.PUBLIC,
        required=False,  # public, or for a reply the thread's
    )
    language = forms.CharField(
        label="Language",
        required=False,
        help_text="Optional, like en or pt-BR.",
        widget=forms.TextInput(attrs={"size": 6, "autocapitalize": "none", "spellcheck": "false"}),
    )
    tracks = TrackChoiceField(
        label="Tracks",
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "track-choice"}),
        help_text="Optional: hashtags of a track (like #pr) choose it too.",
    )
    is_question = forms.BooleanField(
        label="This is a question",
        required=False,
        help_text="Replies count as answers, and you can accept the one that helped.",
    )

    def __init__(
        self,
        *args: Any,
        author: User,
        in_reply_to: Status | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.author = author
        self.in_reply_to = in_reply_to
        offer_active_tracks(self, "tracks")
        if in_reply_to is not None:
            self.fields["text"].label = "Your reply"

    @property
    def chat(self) -> Chat | None:
        return self.in_reply_to.chat if self.in_reply_to is not None else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "text" in cleaned:
            add_validation_errors(
                self,
                lambda: actions.check_create_status(
                    self.author,
                    cleaned["text"],
                    in_reply_to=self.in_reply_to,
                    chat=self.chat,
                    spoiler_text=cleaned.get("spoiler_text", ""),
                    language=cleaned.get("language", ""),
                ),
                rename={"status": "text"},
            )
        return cleaned

    def visibility_for(self) -> str:
        chosen: str = self.cleaned_data.get("visibility") or ""
        if self.in_reply_to is None:
            return chosen or Visibility.PUBLIC
        if self.chat is not None:
            return Visibility.PUBLIC  # chat answers are for everyone in the room
        return chosen or self.in_reply_to.visibility

    def save(self) -> Status:
        data = self.cleaned_data
        return actions.do_create_status(
            self.author,
            data["text"],
            visibility=self.visibility_for(),
            spoiler_text=data.get("spoiler_text", ""),
            language=data.get("language", ""),
            in_reply_to=self.in_reply_to,
            tracks=list(data.get("tracks") or ()),
            is_question=bool(data.get("is_question")),
            chat=self.chat,
        )


class EditForm(PostTextForm):
    text = text_field("Text", rows=6)
    spoiler_text = forms.CharField(label="Content warning", required=False, strip=False)

    def __init__(self, *args: Any, author: User, status: Status, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"text": status.text, "spoiler_text": status.spoiler_text})
        super().__init__(*args, **kwargs)
        self.author, self.status = author, status

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "text" in cleaned:
            add_validation_errors(self, self._check, rename={"status": "text"})
        return cleaned

    def _check(self) -> None:
        actions.check_can_edit(self.author, self.status)
        actions.check_status_text(self.cleaned_data["text"])
        actions.check_spoiler_text(self.cleaned_data.get("spoiler_text", ""))

    def save(self) -> Status:
        data = self.cleaned_data
        return actions.do_edit_status(
            self.status, data["text"], spoiler_text=data.get("spoiler_text", "")
        )


class ShareForm(forms.Form):
    comment = forms.CharField(
        label="Add a comment (optional)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LearnForm(forms.Form):
    note = forms.CharField(
        label="What did you learn? (optional)",
        required=False,
        max_length=Learned._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    track = forms.ModelChoiceField(
        label="In which track? (optional)",
        queryset=Track.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="—",
    )
    is_public = forms.BooleanField(
        label="Let others count this",
        required=False,
        initial=True,
        help_text="The author always sees who learned; others see a count and your name.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_active_tracks(self, "track")

    def options(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"note": data["note"], "track": data["track"], "is_public": data["is_public"]}


class QuestionForm(PostTextForm):
    text = text_field("The next question", rows=3)


def in_an_hour() -> str:
    start = (timezone.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return start.strftime("%Y-%m-%dT%H:%M")


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ChatForm(forms.Form):
    """Schedule a chat; times are in UTC (the server's time zone), as the page says."""

    title = forms.CharField(label="Title", strip=True)
    hashtag = forms.CharField(
        label="Hashtag",
        help_text="Without #, like PRStudChat. Questions and answers carry it.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_at = forms.DateTimeField(label="Starts (UTC)", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends (UTC)", widget=DATETIME)
    host = forms.CharField(
        label="Host's handle",
        help_text="Who releases the questions; you, unless you name someone else.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    tracks = TrackChoiceField(
        label="Tracks",
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "track-choice"}),
    )

    def __init__(self, *args: Any, creator: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"host": creator.username, "starts_at": in_an_hour()})
        super().__init__(*args, **kwargs)
        self.creator = creator
        offer_active_tracks(self, "tracks")

    def clean_host(self) -> User:
        handle = self.cleaned_data["host"].strip().lstrip("@")
        host = User.objects.filter(username__iexact=handle, is_active=True).first()
        if host is None:
            raise forms.ValidationError(f"There is no active member @{handle}.")
        return host

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needed = ("title", "hashtag", "starts_at", "ends_at", "host")
        if all(name in cleaned for name in needed):
            add_validation_errors(
                self,
                lambda: actions.check_schedule_chat(
                    self.creator,
                    title=cleaned["title"],
                    hashtag=cleaned["hashtag"],
                    starts_at=cleaned["starts_at"],
                    ends_at=cleaned["ends_at"],
                    host=cleaned["host"],
                    description=cleaned.get("description", ""),
                ),
            )
        return cleaned

    def save(self) -> Chat:
        data = self.cleaned_data
        return actions.do_schedule_chat(
            self.creator,
            title=data["title"],
            hashtag=data["hashtag"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            host=data["host"],
            description=data.get("description", ""),
            tracks=list(data.get("tracks") or ()),
        )
