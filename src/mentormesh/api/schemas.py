"""The API's shapes: Mastodon's entities (plus our ``mentormesh`` extension objects) and inputs.

Field docs here become the OpenAPI schema at /api/openapi.json. Entities are built from models
in ``api/entities.py`` only.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

# ---------------------------------------------------------------------------------------- errors


class Error(Schema):
    error: str = Field(description="What went wrong, in words meant for people.")


class ValidationFailed(Error):
    details: dict[str, list[str]] = Field(
        description="Messages by field; nested fields are named like `skills[0].level`."
    )


# -------------------------------------------------------------------------------------- accounts


class AccountField(Schema):
    name: str
    value: str
    verified_at: str | None = None


class OpenTo(Schema):
    mentoring: bool = Field(description="Open to mentoring others.")
    peer_exchange: bool = Field(description="Open to learning with peers.")
    welcoming: bool = Field(description="Open to welcoming newcomers.")


class DeclaredSkill(Schema):
    track: str = Field(description="The track's slug, e.g. `pr`.")
    skill: str = Field(description="The skill's slug within the track, e.g. `media-relations`.")
    name: str = Field(description="The skill's name.")
    kind: Literal["offered", "sought"] = Field(
        description="`offered`: can help with it; `sought`: wants to learn it."
    )
    level: int = Field(ge=1, le=4, description="1 beginner, 2 intermediate, 3 advanced, 4 expert.")
    level_name: str


class MemberProfile(Schema):
    """mentormesh's extension to the Account entity: what a member offers and seeks."""

    headline: str
    country: str | None = Field(description="ISO 3166-1 alpha-2 code, or null.")
    field: str = Field(description="Field or industry.")
    career_start_year: int | None
    experience_years: int | None = Field(description="Years since the career started.")
    open_to: OpenTo
    mentoring_capacity: int = Field(description="How many mentees the member can take on (0–20).")
    skills: list[DeclaredSkill]


class Account(Schema):
    """Mastodon's Account entity for a member."""

    id: str
    username: str
    acct: str = Field(description="The handle; members of this server have no `@domain` part.")
    display_name: str
    locked: bool
    bot: bool
    discoverable: bool
    group: bool
    created_at: str = Field(description="ISO 8601, UTC.")
    note: str = Field(description="The bio as sanitised HTML.")
    url: str = Field(description="The member's profile page.")
    uri: str
    avatar: str
    avatar_static: str
    header: str
    header_static: str
    followers_count: int
    following_count: int
    statuses_count: int
    last_status_at: str | None
    emojis: list[dict[str, Any]]
    fields: list[AccountField]
    mentormesh: MemberProfile


class AccountSource(Schema):
    note: str = Field(description="The bio as the member wrote it (plain text).")
    fields: list[AccountField]
    privacy: str
    sensitive: bool
    language: str
    follow_requests_count: int


class CredentialAccount(Account):
    """The signed-in member's own Account, with the raw values they can edit in ``source``."""

    source: AccountSource


# ----------------------------------------------------------------------------------------- tracks


class TrackSkill(Schema):
    id: str
    slug: str
    name: str
    description: str


class Track(Schema):
    """A specialisation track and its skills (mentormesh extension)."""

    id: str
    slug: str
    name: str
    description: str
    hashtag: str = Field(description="Posts with this hashtag (without `#`) belong to the track.")
    color: str
    skills: list[TrackSkill]


# --------------------------------------------------------------------------------------- instance


class InstanceStats(Schema):
    user_count: int
    status_count: int
    domain_count: int


class InstanceAccountsConfiguration(Schema):
    max_featured_tags: int
    max_pinned_statuses: int


class InstanceV1Configuration(Schema):
    accounts: InstanceAccountsConfiguration


class InstanceV1(Schema):
    """Mastodon's V1::Instance entity."""

    uri: str
    title: str
    short_description: str
    description: str
    email: str
    version: str = Field(
        description='Mastodon compatibility, e.g. "4.2.0 (compatible; mentormesh 0.1.0)".'
    )
    urls: dict[str, str]
    stats: InstanceStats
    thumbnail: str | None
    languages: list[str]
    registrations: bool
    approval_required: bool
    invites_enabled: bool
    configuration: InstanceV1Configuration
    contact_account: Account | None
    rules: list[dict[str, str]]


class InstanceUsers(Schema):
    active_month: int = Field(description="Members who signed in during the last 30 days.")


class InstanceUsage(Schema):
    users: InstanceUsers


class InstanceThumbnail(Schema):
    url: str


class InstanceTranslation(Schema):
    enabled: bool


class InstanceConfiguration(Schema):
    urls: dict[str, str]
    accounts: InstanceAccountsConfiguration
    translation: InstanceTranslation


class InstanceRegistrations(Schema):
    enabled: bool
    approval_required: bool
    message: str | None


class InstanceContact(Schema):
    email: str
    account: Account | None


class Instance(Schema):
    """Mastodon's Instance entity (API v2)."""

    domain: str
    title: str
    version: str
    source_url: str
    description: str
    usage: InstanceUsage
    thumbnail: InstanceThumbnail
    languages: list[str]
    configuration: InstanceConfiguration
    registrations: InstanceRegistrations
    contact: InstanceContact
    rules: list[dict[str, str]]


# ----------------------------------------------------------------------------------------- inputs


class SkillDeclaration(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    track: str = Field(description="Track slug (GET /api/v1/tracks lists them).")
    skill: str = Field(description="Skill slug within the track.")
    kind: Literal["offered", "sought"]
    level: int = Field(2, ge=1, le=4, description="1 beginner … 4 expert; default 2.")


class ProfileUpdate(Schema):
    """The fields PATCH /api/v1/accounts/update_credentials accepts; send only those to change.

    Form bodies send `skills` as a JSON-encoded string. An avatar comes as the multipart file
    `avatar`.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    display_name: str = Field("", description="Up to 60 characters; empty shows the handle.")
    note: str = Field("", description="The bio, plain text up to 2,000 characters.")
    headline: str = Field("", description="One line, up to 120 characters.")
    country: str = Field("", description="ISO 3166-1 alpha-2 code such as `GB`; empty to clear.")
    field: str = Field("", description="Field or industry, up to 80 characters.")
    career_start_year: int | None = Field(
        None, description="The year the career started; null to clear."
    )
    open_to_mentoring: bool = False
    open_to_peer_exchange: bool = False
    open_to_welcoming: bool = False
    mentoring_capacity: int = Field(0, description="How many mentees you can take on, 0–20.")
    skills: list[SkillDeclaration] = Field(
        default_factory=list, description="Replaces all declared skills (offered and sought)."
    )

    @field_validator("country")
    @classmethod
    def _upper_case_country(cls, value: str) -> str:
        return value.upper()

    @field_validator("career_start_year", mode="before")
    @classmethod
    def _empty_year_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("skills", mode="before")
    @classmethod
    def _skills_from_json_text(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ValueError(
                    "Send skills as a JSON list of {track, skill, kind, level}."
                ) from None
        return value


MAX_PAGE = 80  # Mastodon's largest page of accounts
MAX_OFFSET = 2**31 - 1  # far past any community; keeps offsets inside database integers


class DirectoryQuery(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Skip this many members.")
    limit: int = Field(
        40, description=f"How many members, at most {MAX_PAGE}; more is read as {MAX_PAGE}."
    )
    order: Literal["active", "new"] = Field(
        "active",
        description="`new`: most recently joined first; `active`: by handle (activity comes later).",
    )
    local: bool = Field(False, description="Accepted for Mastodon clients; every member is local.")
    q: str = Field("", description="Text in the handle, name, headline, field or bio.")
    track: str = Field("", description="Members with a skill in this track (slug).")
    skill_offered: str = Field("", description="Members offering this skill (slug).")
    skill_sought: str = Field("", description="Members seeking this skill (slug).")
    country: str = Field("", description="ISO 3166-1 alpha-2 country code.")
    open_to_mentoring: bool = False
    open_to_peer_exchange: bool = False
    open_to_welcoming: bool = False


class SearchQuery(Schema):
    q: str = Field(description="Text in the handle, name, headline, field or bio.")
    limit: int = Field(40, description=f"At most {MAX_PAGE}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    following: bool = Field(False, description="Only members you follow (following arrives later).")


def profile_update_request_body() -> dict[str, Any]:
    """OpenAPI ``requestBody`` for update_credentials, which reads its body itself (api/payload.py)
    so that JSON, form-encoded and multipart bodies all work."""
    json_schema = _inline_refs(ProfileUpdate.model_json_schema())
    form_properties = {
        **json_schema["properties"],
        "skills": {"type": "string", "description": "A JSON-encoded list, as in the JSON body."},
    }
    form_schema = {"type": "object", "properties": form_properties}
    multipart_schema = {
        "type": "object",
        "properties": {
            **form_properties,
            "avatar": {
                "type": "string",
                "format": "binary",
                "description": "PNG, JPEG, WebP or GIF, up to 2 MB.",
            },
        },
    }
    return {
        "content": {
            "application/json": {"schema": json_schema},
            "application/x-www-form-urlencoded": {"schema": form_schema},
            "multipart/form-data": {"schema": multipart_schema},
        }
    }


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved
