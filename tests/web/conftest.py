"""Helpers for page tests: a browser-like profile form, small real images, a profile snapshot."""

from __future__ import annotations

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from mentormesh.accounts.forms import ProfileForm
from mentormesh.accounts.models import Profile, User


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def png_upload(name: str = "me.png", size: tuple[int, int] = (64, 64)) -> SimpleUploadedFile:
    """A real, small PNG made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (67, 56, 202)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile_form_data(user: User, **changes: object) -> dict[str, object]:
    """What a browser would post for the profile form as it is shown, with ``changes`` applied."""
    form = ProfileForm(profile=user.profile)
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name != "avatar" and value is not None:
            data[name] = value
    data.update(changes)
    return {
        name: "on" if value is True else value
        for name, value in data.items()
        if value is not False or not isinstance(form.fields.get(name), forms.BooleanField)
    }


def profile_state(user: User) -> tuple[dict[str, object], str, list[tuple[str, str, int]]]:
    """Everything the profile form can change, read fresh from the database."""
    profile = Profile.objects.get(user=user)
    fields = {
        name: getattr(profile, name)
        for name in ProfileForm(profile=profile).fields
        if hasattr(profile, name) and name != "avatar"
    }
    skills = sorted(profile.profile_skills.values_list("skill__slug", "kind", "level"))
    return fields, profile.avatar.name or "", skills
