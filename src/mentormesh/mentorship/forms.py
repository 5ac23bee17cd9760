"""The HTML edge of private marks: the same rules as the API, through the actions."""

from __future__ import annotations

from django import forms

from mentormesh.community.models import Track
from mentormesh.mentorship.models.marks import NOTE_MAX


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
