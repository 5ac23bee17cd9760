"""Accounts: your own profile (verify/update credentials), lookup, search and the directory."""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from mentormesh.accounts.models import Profile
from mentormesh.accounts.queries import DirectoryFilters, member_directory
from mentormesh.api import entities, schemas
from mentormesh.api.auth import member, member_auth
from mentormesh.api.credentials import check_and_update_credentials
from mentormesh.api.payload import read_payload
from mentormesh.api.schemas import (
    MAX_PAGE,
    Account,
    CredentialAccount,
    DirectoryQuery,
    Error,
    SearchQuery,
    ValidationFailed,
)

router = Router(tags=["accounts"])

LARGEST_ID = 2**63 - 1


def accounts() -> QuerySet[Profile]:
    """Every active member, ready to be shown as an Account."""
    return entities.with_account_details(member_directory(DirectoryFilters()))


def page(profiles: QuerySet[Profile], offset: int, limit: int) -> QuerySet[Profile]:
    return profiles[offset : offset + max(1, min(abs(limit), MAX_PAGE))]


@router.get(
    "/v1/accounts/verify_credentials",
    auth=member_auth,
    response={200: CredentialAccount, 401: Error},
    summary="Your own account",
)
def verify_credentials(request: HttpRequest) -> CredentialAccount:
    """The member the token belongs to, as a CredentialAccount: the Account plus `source`, the bio
    as written. Also checks that a token works."""
    return entities.credential_account(get_object_or_404(accounts(), user=member(request)), request)


@router.patch(
    "/v1/accounts/update_credentials",
    auth=member_auth,
    response={200: CredentialAccount, 401: Error, 422: ValidationFailed},
    summary="Change your own profile",
    openapi_extra={"requestBody": schemas.profile_update_request_body()},
)
def update_credentials(request: HttpRequest) -> CredentialAccount:
    """Change your profile: Mastodon's `display_name` and `note` (the bio), our `headline`,
    `country`, `field`, `career_start_year`, `open_to_*` flags, `mentoring_capacity`, `skills`
    (replaces all declared skills) and an `avatar` file. Send JSON, form-encoded or multipart
    data, only the fields to change. Everything is checked before anything is saved: an unknown
    field or an invalid value answers 422 naming each field, and nothing changes."""
    profile = get_object_or_404(Profile, user=member(request))
    check_and_update_credentials(profile, read_payload(request))
    return entities.credential_account(get_object_or_404(accounts(), pk=profile.pk), request)


@router.get(
    "/v1/accounts/lookup",
    response={200: Account, 404: Error, 422: ValidationFailed},
    summary="Find a member by handle",
)
def lookup(request: HttpRequest, acct: str) -> Account:
    """The member with this handle, ignoring case, written `alice`, `@alice` or
    `alice@this-server`. No token needed."""
    handle, _, domain = acct.strip().lstrip("@").partition("@")
    if domain and domain.lower() not in _own_domains(request):
        raise Http404
    return entities.account(get_object_or_404(accounts(), user__username__iexact=handle), request)


@router.get(
    "/v1/accounts/search",
    response={200: list[Account], 422: ValidationFailed},
    summary="Search members",
)
def search(request: HttpRequest, query: Query[SearchQuery]) -> list[Account]:
    """Members whose handle, name, headline, field or bio contain `q`, by handle. No token
    needed."""
    if not query.q.strip() or query.following:
        return []
    profiles = entities.with_account_details(member_directory(DirectoryFilters(q=query.q)))
    return entities.accounts(page(profiles, query.offset, query.limit), request)


@router.get(
    "/v1/accounts/{id}", response={200: Account, 404: Error}, summary="A member by account id"
)
def account(request: HttpRequest, id: str) -> Account:  # `id`: Mastodon's name
    """The member with this account id (ids are strings, as in Mastodon). No token needed."""
    if not id.isascii() or not id.isdigit() or int(id) > LARGEST_ID:
        raise Http404
    return entities.account(get_object_or_404(accounts(), user_id=int(id)), request)


@router.get(
    "/v1/directory",
    response={200: list[Account], 422: ValidationFailed},
    summary="The member directory",
)
def directory(request: HttpRequest, query: Query[DirectoryQuery]) -> list[Account]:
    """Mastodon's profile directory with `offset` and `limit` (at most 80), plus mentormesh's
    filters: `track`, `skill_offered`, `skill_sought`, `country`, the `open_to_*` flags and `q`,
    the same filters as the directory page. No token needed."""
    names = {item.name for item in dataclasses.fields(DirectoryFilters)}
    profiles = member_directory(DirectoryFilters(**query.model_dump(include=names)))
    if query.order == "new":
        profiles = profiles.order_by("-created_at", "-pk")
    profiles = entities.with_account_details(profiles)
    return entities.accounts(page(profiles, query.offset, query.limit), request)


def _own_domains(request: HttpRequest) -> set[str]:
    host = request.get_host().lower()
    return {host, host.rsplit(":", 1)[0]}
