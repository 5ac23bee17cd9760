"""Pages for members: home, sign-up, profiles, the directory and personal settings.

Views stay thin: forms validate through the actions' rules, actions write, queries read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from mentormesh.accounts.actions import do_revoke_access_token
from mentormesh.accounts.forms import AccessTokenForm, DirectoryForm, ProfileForm, SignupForm
from mentormesh.accounts.models import AccessToken, Profile, ProfileSkill, User
from mentormesh.accounts.queries import DirectoryFilters, member_directory
from mentormesh.community.models import Track
from mentormesh.mentorship.mentor_map import profile_mentoring

MEMBERS_PER_PAGE = 24
CARD_SKILLS = 3
HOME_MEMBERS = 6


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"tracks": Track.objects.active()}
    if isinstance(request.user, User):
        context["helpers"] = with_card_skills(helpers_for(request.user.profile))[:HOME_MEMBERS]
    return render(request, "home.html", context)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and (user := form.save()):
        login(request, user)
        messages.success(
            request, "Welcome! Tell the community what you can help with and want to learn."
        )
        return redirect("profile_edit")
    return render(request, "accounts/signup.html", {"form": form})


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    member = get_object_or_404(
        Profile.objects.select_related("user__mentoring_display"),
        user__username__iexact=handle,
        user__is_active=True,
    )
    if member.user.username != handle:
        return redirect("profile", handle=member.user.username)
    context = {
        "member": member,
        "skills": skills_by_track(member),
        "mentoring": profile_mentoring(member.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    own = own_profile(request)
    posted = request.method == "POST"
    form = ProfileForm(
        request.POST if posted else None, request.FILES if posted else None, profile=own
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("profile", handle=own.user.username)
    return render(request, "accounts/profile_edit.html", {"form": form, "member": own})


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def members(request: HtmxHttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    results = with_card_skills(member_directory(form.filters()))
    page = Paginator(results, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    template = "accounts/_directory_results.html" if partial else "accounts/directory.html"
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = AccessTokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if form.is_bound and form.is_valid():
        new_token = form.save(current_user(request))
        form = AccessTokenForm()
    own_tokens = AccessToken.objects.filter(user=current_user(request))
    context = {"form": form, "tokens": own_tokens, "new_token": new_token}
    return render(request, "accounts/tokens.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(AccessToken, pk=token_id, user=current_user(request))
    do_revoke_access_token(token)
    messages.success(request, f"The token '{token.name}' is revoked; it no longer works.")
    return redirect("tokens")


def current_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def own_profile(request: HttpRequest) -> Profile:
    return current_user(request).profile


def with_card_skills(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Prefetch the few skills a member card shows: strongest first, one query per kind."""
    return profiles.prefetch_related(
        *(
            Prefetch(
                "profile_skills",
                queryset=ProfileSkill.objects.filter(kind=kind)
                .select_related("skill__track")
                .order_by("-level", "skill__track__position", "skill__position")[:CARD_SKILLS],
                to_attr=f"card_{kind}",
            )
            for kind in (ProfileSkill.Kind.OFFERED, ProfileSkill.Kind.SOUGHT)
        )
    )


def helpers_for(member: Profile) -> QuerySet[Profile]:
    """Members who offer a skill ``member`` wants to learn, most recent members first."""
    sought = ProfileSkill.objects.filter(profile=member, kind=ProfileSkill.Kind.SOUGHT).values(
        "skill"
    )
    offers = ProfileSkill.objects.filter(
        profile=OuterRef("pk"), kind=ProfileSkill.Kind.OFFERED, skill__in=sought
    )
    others = member_directory(DirectoryFilters()).exclude(pk=member.pk)
    return others.filter(Exists(offers)).order_by("-created_at")


@dataclass
class TrackSkills:
    track: Track
    offered: list[ProfileSkill] = field(default_factory=list)
    sought: list[ProfileSkill] = field(default_factory=list)


def skills_by_track(member: Profile) -> list[TrackSkills]:
    """The member's declared skills grouped by track, in the taxonomy's order."""
    groups: dict[int, TrackSkills] = {}
    for choice in member.profile_skills.select_related("skill__track"):
        group = groups.setdefault(choice.skill.track_id, TrackSkills(choice.skill.track))
        (group.offered if choice.kind == ProfileSkill.Kind.OFFERED else group.sought).append(choice)
    return list(groups.values())
