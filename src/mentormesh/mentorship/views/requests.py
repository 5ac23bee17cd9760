"""Asking someone to be your mentor, and answering: thin views over ``actions.requests``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentormesh.accounts.models import User
from mentormesh.mentorship.actions import requests as actions
from mentormesh.mentorship.forms import AskForm, add_errors
from mentormesh.social.views import Request, member_required, refusal


@member_required
def ask(request: Request, handle: str) -> HttpResponse:
    target = get_object_or_404(
        User.objects.select_related("profile"), username__iexact=handle, is_active=True
    )
    blockers = actions.ask_blockers(request.user, target)
    form = AskForm(request.POST or None) if not blockers else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            actions.check_and_ask(request.user, target, actions.Proposal(**form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Your request is on its way to @{target.username}.")
            return redirect("mentorship_requests")
    context = {"target": target, "member": target.profile, "blockers": blockers, "form": form}
    return render(
        request, "mentorship/ask.html", context, status=400 if form and form.errors else 200
    )


@member_required
def request_list(request: Request) -> HttpResponse:
    context = {
        "incoming": actions.incoming_requests(request.user),
        "outgoing": actions.outgoing_requests(request.user),
    }
    return render(request, "mentorship/requests.html", context)


@require_POST
@member_required
def answer(request: Request, request_id: int) -> HttpResponse:
    found = actions.access_request(request.user, request_id)
    try:
        answered = actions.check_and_answer(request.user, found, request.POST.get("answer", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
        return redirect("mentorship_requests")
    if answered.mentorship is not None:
        messages.success(request, "You said yes. Here is your shared page.")
        return redirect("mentorship", answered.mentorship.pk)
    messages.info(
        request, f'Answered. @{found.requester.username} will read "not available right now".'
    )
    return redirect("mentorship_requests")
