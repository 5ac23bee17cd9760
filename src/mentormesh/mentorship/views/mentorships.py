"""The mentorship pages: the list and the shared page (goals, check-ins, notes, close)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentormesh.mentorship.actions import mentorships as actions
from mentormesh.mentorship.forms import CheckInForm, CloseForm, GoalForm, NoteForm, add_errors
from mentormesh.mentorship.models import Goal, Mentorship
from mentormesh.social.views import Request, member_required, refusal

# what → (form, check, do) for each kind of entry on the shared page.
ENTRIES: dict[str, tuple[type[forms.Form], Callable[..., None], Callable[..., Any]]] = {
    "goals": (GoalForm, actions.check_add_goal, actions.do_add_goal),
    "check-ins": (CheckInForm, actions.check_add_check_in, actions.do_add_check_in),
    "notes": (NoteForm, actions.check_add_note, actions.do_add_note),
    "close": (CloseForm, actions.check_close, actions.do_close),
}


@member_required
def mentorship_list(request: Request) -> HttpResponse:
    return render(
        request,
        "mentorship/mentorships.html",
        {"mentorships": actions.mentorships_of(request.user)},
    )


@member_required
def detail(request: Request, mentorship_id: int) -> HttpResponse:
    mentorship = actions.access_mentorship(request.user, mentorship_id)
    return _page(request, mentorship)


def _page(
    request: Request, mentorship: Mentorship, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    forms_by_name = {name: form_class() for name, (form_class, _, _) in ENTRIES.items()}
    forms_by_name |= bound or {}
    context = {
        "mentorship": mentorship,
        "other": actions.other_side(mentorship, request.user),
        "is_mentor": mentorship.mentor_id == request.user.pk,
        "goals": mentorship.goals.all(),
        "check_ins": mentorship.check_ins.select_related("author__profile"),
        "notes": mentorship.notes.select_related("author__profile"),
        "forms": {name.replace("-", "_"): form for name, form in forms_by_name.items()},
        "active": mentorship.status == "active",
    }
    return render(request, "mentorship/mentorship.html", context, status=400 if bound else 200)


@require_POST
@member_required
def add(request: Request, mentorship_id: int, what: str) -> HttpResponse:
    mentorship = actions.access_mentorship(request.user, mentorship_id)
    if what not in ENTRIES:
        raise Http404("No such part of a mentorship page.")
    form_class, check, do = ENTRIES[what]
    form = form_class(request.POST)
    if form.is_valid():
        fields = form.cleaned_data
        try:
            check(mentorship, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            do(mentorship, request.user, **fields)
            return redirect(reverse("mentorship", args=[mentorship.pk]) + f"#{what}")
    return _page(request, mentorship, {what: form})


@require_POST
@member_required
def goal_done(request: Request, mentorship_id: int, goal_id: int) -> HttpResponse:
    mentorship = actions.access_mentorship(request.user, mentorship_id)
    goal = get_object_or_404(Goal, pk=goal_id, mentorship=mentorship)
    try:
        actions.check_add_goal(mentorship, goal.text)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        actions.do_set_goal_done(goal, request.POST.get("done") == "1")
    return redirect("mentorship", mentorship.pk)
