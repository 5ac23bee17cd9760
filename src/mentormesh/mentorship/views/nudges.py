"""Nudge settings: turn nudges off, or snooze them until a day."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from mentormesh.mentorship.actions import nudges as actions
from mentormesh.mentorship.forms import NudgeSettingsForm, add_errors
from mentormesh.social.views import Request, member_required


@member_required
def nudge_settings(request: Request) -> HttpResponse:
    current = actions.nudge_settings_for(request.user)
    initial = {"enabled": current.enabled, "snoozed_until": current.snoozed_until}
    form = NudgeSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_and_set_nudge_settings(request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your nudge settings are saved.")
            return redirect("nudge_settings")
    status = 400 if form.errors else 200
    return render(request, "mentorship/nudge_settings.html", {"form": form}, status=status)
