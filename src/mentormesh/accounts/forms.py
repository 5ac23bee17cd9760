"""HTML forms for accounts: validated by the actions' ``check_*`` rules, written by ``do_*``.

A form never decides a rule of its own that the API would not also apply: the messages a
member sees come from ``accounts.validation``, ``check_create_user``, ``check_profile_changes``
and ``check_avatar``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.forms.models import fields_for_model, model_to_dict
from django_countries import countries

from mentormesh.accounts.actions import (
    EDITABLE_PROFILE_FIELDS,
    SkillChoice,
    check_create_user,
    check_profile_changes,
    do_create_access_token,
    do_create_user,
    do_set_avatar,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.avatars import ALLOWED_FORMATS, check_avatar
from mentormesh.accounts.models import AccessToken, Profile, ProfileSkill, SkillLevel, User
from mentormesh.accounts.queries import DirectoryFilters
from mentormesh.community.models import Skill, Track

BLANK = ("", "\N{EM DASH}")
LEVEL_CHOICES = [BLANK, *((str(value), label) for value, label in SkillLevel.choices)]
SKILL_KINDS = (ProfileSkill.Kind.OFFERED, ProfileSkill.Kind.SOUGHT)
HANDLE_ATTRS = {"autocapitalize": "none", "autocomplete": "username", "spellcheck": "false"}


def add_validation_errors(
    form: forms.Form, check: Callable[[], object], rename: dict[str, str] | None = None
) -> None:
    """Run ``check`` and put the errors it raises next to the fields they name."""
    try:
        check()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            name = (rename or {}).get(name, name)
            form.add_error(name if name in form.fields else None, messages)


class SignupForm(forms.Form):
    handle = forms.CharField(
        help_text="2 to 30 letters, digits or underscores. Others will see you as @handle.",
        widget=forms.TextInput(attrs={**HANDLE_ATTRS, "maxlength": 30, "autofocus": True}),
    )
    email = forms.CharField(
        label="Email address",
        help_text="Only used to reset your password; never shown to other members.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label="Display name",
        max_length=60,
        required=False,
        help_text="Optional: how you like to be called.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 10 characters; not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        handle, email = cleaned.get("handle", ""), cleaned.get("email", "")
        password = cleaned.get("password1", "")
        if password and cleaned.get("password2") and password != cleaned["password2"]:
            self.add_error("password2", "The two passwords don't match.")
        if handle and email and password:
            add_validation_errors(
                self,
                lambda: check_create_user(handle, email, password),
                rename={"password": "password1"},
            )
        return cleaned

    def save(self) -> User | None:
        """Create the member; None (with a form error) if someone took the handle meanwhile."""
        data = self.cleaned_data
        try:
            return do_create_user(
                data["handle"], data["email"], data["password1"], display_name=data["display_name"]
            )
        except IntegrityError:
            self.add_error(
                "handle", "That handle or email was taken a moment ago; please try again."
            )
            return None


class LoginForm(AuthenticationForm):
    """Log in with a handle (any case, with or without @) or an email address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Please enter a correct handle or email and password.",
    }
    username = forms.CharField(
        label="Handle or email", widget=forms.TextInput(attrs={**HANDLE_ATTRS, "autofocus": True})
    )

    def clean(self) -> dict[str, Any]:
        name = (self.cleaned_data.get("username") or "").strip().lstrip("@")
        if name:
            match = User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name)).first()
            self.cleaned_data["username"] = match.username if match else name
        return super().clean()


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    offered: forms.BoundField
    sought: forms.BoundField


@dataclass(frozen=True)
class SkillSection:
    track: Track
    rows: list[SkillRow]


PROFILE_LABELS = {
    "display_name": "Display name",
    "career_start_year": "Year your career started",
    "open_to_mentoring": "Open to mentoring others",
    "open_to_peer_exchange": "Open to peer exchange",
    "open_to_welcoming": "Open to welcoming newcomers",
    "mentoring_capacity": "How many people can you mentor at once?",
}
PROFILE_HELP = {
    "headline": "One line about what you do, e.g. 'PR lead at a climate NGO'.",
    "bio": "Plain text; links become clickable. Up to 2,000 characters.",
    "field": "Your field or industry, e.g. 'Higher education'.",
    "career_start_year": "Shows your years of experience. Leave empty to hide it.",
    "open_to_mentoring": "You may be suggested as a mentor in the tracks where you can help.",
    "open_to_peer_exchange": "Learn with people at your level: you teach a bit, they teach a bit.",
    "open_to_welcoming": "Say hello to newcomers and introduce them around.",
    "mentoring_capacity": "0 if you are not taking mentees now.",
}
PROFILE_WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
    "bio": forms.Textarea(attrs={"rows": 6}),
    "career_start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
    "mentoring_capacity": forms.NumberInput(attrs={"inputmode": "numeric"}),
}


class ProfileForm(forms.Form):
    """Profile fields, avatar and the skills editor, validated as a whole and saved atomically."""

    avatar = forms.FileField(
        label="Upload a new picture",
        required=False,
        help_text="PNG, JPEG, WebP or GIF, up to 2 MB.",
        widget=forms.FileInput(
            attrs={"accept": ",".join(f"image/{f.lower()}" for f in ALLOWED_FORMATS)}
        ),
    )
    remove_avatar = forms.BooleanField(label="Remove my picture", required=False)

    def __init__(self, *args: Any, profile: Profile, **kwargs: Any) -> None:
        self.profile = profile
        self.tracks = list(Track.objects.active().prefetch_related("skills"))
        kwargs.setdefault("initial", self._initial())
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Profile,
                fields=EDITABLE_PROFILE_FIELDS,
                labels=PROFILE_LABELS,
                help_texts=PROFILE_HELP,
                widgets=PROFILE_WIDGETS,
            )
        )
        choice_field(self, "country").choices = [BLANK, *((c.code, c.name) for c in countries)]
        for track in self.tracks:
            for skill in track.skills.all():
                for kind in SKILL_KINDS:
                    self.fields[skill_field_name(kind, track, skill)] = level_field(kind, skill)

    def _initial(self) -> dict[str, Any]:
        initial = model_to_dict(self.profile, fields=EDITABLE_PROFILE_FIELDS)
        initial["country"] = str(self.profile.country or "")
        for choice in self.profile.profile_skills.select_related("skill__track"):
            initial[skill_field_name(choice.kind, choice.skill.track, choice.skill)] = str(
                choice.level
            )
        return initial

    def profile_fields(self, *names: str) -> Iterator[forms.BoundField]:
        return (self[name] for name in names)

    def about_fields(self) -> Iterator[forms.BoundField]:
        return self.profile_fields(
            "display_name", "headline", "bio", "country", "field", "career_start_year"
        )

    def availability_fields(self) -> Iterator[forms.BoundField]:
        return self.profile_fields(
            "open_to_mentoring", "open_to_peer_exchange", "open_to_welcoming"
        )

    def skill_sections(self) -> list[SkillSection]:
        return [
            SkillSection(
                track,
                [
                    SkillRow(
                        skill,
                        self[skill_field_name(ProfileSkill.Kind.OFFERED, track, skill)],
                        self[skill_field_name(ProfileSkill.Kind.SOUGHT, track, skill)],
                    )
                    for skill in track.skills.all()
                ],
            )
            for track in self.tracks
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        changes = self.profile_changes()
        add_validation_errors(self, lambda: check_profile_changes(self.profile, changes))
        if cleaned.get("avatar"):
            add_validation_errors(self, lambda: check_avatar(cleaned["avatar"]))
        unknown = self._unknown_skill_names()
        if unknown:
            self.add_error(
                None,
                f"Unknown track or skill: {', '.join(unknown)}. Reload the page and try again.",
            )
        return cleaned

    def _unknown_skill_names(self) -> list[str]:
        prefixes = tuple(f"{kind}__" for kind in SKILL_KINDS)
        return sorted(
            key for key in self.data if key.startswith(prefixes) and key not in self.fields
        )

    def profile_changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_PROFILE_FIELDS
            if name in self.cleaned_data
        }

    def skill_choices(self) -> list[SkillChoice]:
        """The skills as chosen in the form, plus any the form does not show (inactive tracks)."""
        chosen = [
            SkillChoice(skill, kind, self.cleaned_data[skill_field_name(kind, track, skill)])
            for track in self.tracks
            for skill in track.skills.all()
            for kind in SKILL_KINDS
            if self.cleaned_data.get(skill_field_name(kind, track, skill))
        ]
        shown = [skill.pk for track in self.tracks for skill in track.skills.all()]
        hidden = self.profile.profile_skills.exclude(skill__in=shown).select_related("skill")
        return chosen + [SkillChoice(c.skill, c.kind, c.level) for c in hidden]

    @transaction.atomic
    def save(self) -> Profile:
        """Write everything or nothing: fields, skills and avatar in one transaction."""
        profile = do_update_profile(self.profile, self.profile_changes())
        do_set_skills(profile, self.skill_choices())
        if self.cleaned_data.get("avatar"):
            do_set_avatar(profile, self.cleaned_data["avatar"])
        elif self.cleaned_data.get("remove_avatar") and profile.avatar:
            do_set_avatar(profile, None)
        return profile


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def skill_field_name(kind: str, track: Track, skill: Skill) -> str:
    return f"{kind}__{track.slug}__{skill.slug}"


def level_field(kind: str, skill: Skill) -> forms.TypedChoiceField:
    action = "I can help with" if kind == ProfileSkill.Kind.OFFERED else "I want to learn"
    return forms.TypedChoiceField(
        label=f"{skill.name}: {action}",
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": (
                "'%(value)s' is not a level; choose beginner, intermediate, advanced or expert."
            )
        },
    )


class DirectoryForm(forms.Form):
    """The directory's filters. Invalid values are reported and ignored; the rest still apply."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, @handle, field"}),
    )
    track = forms.ChoiceField(required=False)
    skill_offered = forms.ChoiceField(label="Can help with", required=False)
    skill_sought = forms.ChoiceField(label="Wants to learn", required=False)
    country = forms.ChoiceField(required=False)
    open_to_mentoring = forms.BooleanField(label="Open to mentoring", required=False)
    open_to_peer_exchange = forms.BooleanField(label="Peer exchange", required=False)
    open_to_welcoming = forms.BooleanField(label="Welcomes newcomers", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tracks = list(Track.objects.active().prefetch_related("skills"))
        skills = [(t.name, [(s.slug, s.name) for s in t.skills.all()]) for t in tracks]
        choice_field(self, "track").choices = [
            ("", "Any track"),
            *((t.slug, t.name) for t in tracks),
        ]
        choice_field(self, "skill_offered").choices = [("", "Any skill"), *skills]
        choice_field(self, "skill_sought").choices = [("", "Any skill"), *skills]
        choice_field(self, "country").choices = [("", "Any country"), *member_countries()]

    def filters(self) -> DirectoryFilters:
        """The valid filters; an empty form (or only invalid values) filters nothing."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if value}
        return DirectoryFilters(**values)

    def has_filters(self) -> bool:
        return self.filters() != DirectoryFilters()


def member_countries() -> list[tuple[str, str]]:
    """Countries at least one active member lives in, by name."""
    codes = (
        Profile.objects.filter(user__is_active=True)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        help_text="What will use it, e.g. 'my phone' or 'weekly report script'.",
    )

    def save(self, user: User) -> tuple[AccessToken, str]:
        """The new token and its raw value, which the member sees once."""
        return do_create_access_token(user, self.cleaned_data["name"])
