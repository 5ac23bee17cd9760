"""The mentorship forms: they parse the fields; the rules live in the actions (``check_*``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentormesh.community.models import Track
from mentormesh.mentorship.models import Cadence
from mentormesh.mentorship.models.checkins import MAX_ENTRY_CHARS, MAX_GOAL_CHARS
from mentormesh.mentorship.models.marks import NOTE_MAX
from mentormesh.mentorship.models.requests import DURATION_WEEKS, MAX_NOTE_CHARS


class MarkForm(forms.Form):
    handle = forms.CharField(label="Member", max_length=31, help_text="Their @handle.")
    track = forms.ModelChoiceField(
        Track.objects.active(), required=False, empty_label="Across tracks", to_field_name="slug"
    )
    # No max_length here: the action's check gives the one clear message for a long note.
    note = forms.CharField(
        label="Thank-you note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX}),
        help_text="Sent to them as a notification: the only way they learn of your mark.",
    )

    def clean_handle(self) -> str:
        return str(self.cleaned_data["handle"]).strip().removeprefix("@")


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ``ValidationError`` on the form, field by field where it can."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class AskForm(forms.Form):
    tracks = forms.ModelMultipleChoiceField(
        queryset=Track.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The tracks you would like their mentoring in.",
    )
    note = forms.CharField(
        label="Heads-up note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_NOTE_CHARS}),
        help_text=f"Optional, up to {MAX_NOTE_CHARS} characters: what you hope to learn, so they "
        "can prepare. They can say yes, no or not now; you will only hear yes or "
        '"not available right now".',
    )
    cadence = forms.ChoiceField(choices=Cadence.choices, initial=Cadence.FORTNIGHTLY)
    duration_weeks = forms.TypedChoiceField(
        label="Duration",
        choices=[(weeks, f"{weeks} weeks") for weeks in DURATION_WEEKS],
        coerce=int,
        initial=12,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["tracks"].queryset = Track.objects.active()  # type: ignore[attr-defined]
        # The length rule is the action's, so the form and the API say the same thing.
        self.fields["note"].max_length = None  # type: ignore[attr-defined]


class GoalForm(forms.Form):
    text = forms.CharField(
        label="New goal", widget=forms.TextInput(attrs={"maxlength": MAX_GOAL_CHARS})
    )


class CheckInForm(forms.Form):
    happened_on = forms.DateField(
        label="Date", initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(
        label="What you talked about",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_ENTRY_CHARS}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_ENTRY_CHARS})
    )


class CloseForm(forms.Form):
    thanks = forms.CharField(
        label="Your thank-you",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_ENTRY_CHARS}),
        help_text="Closing ends the mentorship for both of you; they receive your thank-you.",
    )


class NudgeSettingsForm(forms.Form):
    enabled = forms.BooleanField(label="Send me nudges", required=False)
    snoozed_until = forms.DateField(
        label="Snooze until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="No nudges until this day (leave empty to not snooze).",
    )
