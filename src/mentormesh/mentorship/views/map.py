"""My mentor map, confirming or hiding inferred ties, private marks, profile choices.

Every view is thin: it reads through ``mentor_map`` or calls one action. Buttons are plain POST
forms that htmx enhances; without JavaScript each answers with a redirect back to the map.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.actions import decisions, marks
from mentormesh.mentorship.forms import MarkForm
from mentormesh.mentorship.mentor_map import helpful_members, mentor_map
from mentormesh.mentorship.picture import SHAPES, picture
from mentormesh.social.views import Request, member_required, refusal


@member_required
def my_mentors(request: Request) -> HttpResponse:
    the_map = mentor_map(request.user)
    context = {
        "map": the_map,
        "picture": picture(the_map),
        "shapes": SHAPES,
        "mark_form": MarkForm(),
    }
    return render(request, "mentorship/map.html", context)


@member_required
@require_POST
def tie_decision(request: Request, tie_id: int, choice: str) -> HttpResponse:
    try:
        tie = decisions.access_tie(request.user, tie_id)
    except Http404 as error:
        messages.error(request, str(error))
        return redirect("my_mentors")
    if choice == "confirm":
        mentorship = decisions.do_confirm_tie(request.user, tie)
        done = "Confirmed." + (" You both did: it is now a mentorship." if mentorship else "")
    else:
        decisions.do_hide_tie(request.user, tie)
        done = "Hidden: you won't see this tie again. The other person is not told."
    if request.htmx:
        return _entry_fragment(request, tie_id, done)
    messages.success(request, done)
    return redirect("my_mentors")


def _entry_fragment(request: Request, tie_id: int, done: str) -> HttpResponse:
    entry = next(
        (e for e in mentor_map(request.user).entries() if e.tie and e.tie.pk == tie_id), None
    )
    return render(request, "mentorship/_tie_entry.html", {"entry": entry, "done": done})


@member_required
@require_POST
def add_mark(request: Request) -> HttpResponse:
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("my_mentors")
    mentor = User.objects.filter(username__iexact=form.cleaned_data["handle"]).first()
    if mentor is None:
        messages.error(request, f"No member @{form.cleaned_data['handle']}.")
        return redirect("my_mentors")
    track = form.cleaned_data["track"]
    try:
        marks.check_and_mark(request.user, mentor, track, form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, f"You count @{mentor.username} as a mentor{marks.where(track)}.")
    return redirect("my_mentors")


@member_required
@require_POST
def remove_mark(request: Request, mark_id: int) -> HttpResponse:
    try:
        marks.do_unmark(marks.access_mark(request.user, mark_id))
    except Http404 as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Mark removed.")
    return redirect("my_mentors")


@member_required
@require_POST
def thank_mark(request: Request, mark_id: int) -> HttpResponse:
    try:
        mark = marks.access_mark(request.user, mark_id)
        marks.check_and_thank(mark, request.POST.get("note", ""))
    except Http404 as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, f"Your thank-you note is on its way to @{mark.mentor.username}.")
    return redirect("my_mentors")


@member_required
@require_POST
def show_on_profile(request: Request, mentorship_id: int) -> HttpResponse:
    try:
        mentorship = decisions.access_mentorship(request.user, mentorship_id)
    except Http404 as error:
        messages.error(request, str(error))
        return redirect("my_mentors")
    shown = request.POST.get("shown") == "on"
    decisions.do_show_on_profile(request.user, mentorship, shown)
    messages.success(request, "Shown on your profile." if shown else "Not shown on your profile.")
    return redirect("my_mentors")


@member_required
@require_POST
def show_counts(request: Request) -> HttpResponse:
    shown = request.POST.get("shown") == "on"
    decisions.do_show_learner_counts(request.user, shown)
    messages.success(
        request, "Your profile shows your learner counts." if shown else "Counts hidden."
    )
    return redirect("my_mentors")


@member_required
def helpers(request: Request, slug: str) -> HttpResponse:
    track = get_object_or_404(Track.objects.active(), slug=slug)
    context = {"track": track, "helpers": helpful_members(request.user, track)}
    return render(request, "mentorship/helpers.html", context)
