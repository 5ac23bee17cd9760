"""The API's shapes: Mastodon's entities (plus our ``mentormesh`` extension objects) and inputs.

Field docs here become the OpenAPI schema at /api/openapi.json. Entities are built from models
in ``api/entities.py`` only.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

# ---------------------------------------------------------------------------------------- errors


class Error(Schema):
    error: str = Field(description="What went wrong, in words meant for people.")


class ValidationFailed(Error):
    details: dict[str, list[str]] = Field(
        description="Messages by field; nested fields are named like `skills[0].level`."
    )


class Entity(BaseModel):
    """An entity the API answers with. Entities are built in ``api/entities.py`` from values
    already checked, so they are plain pydantic models: ninja takes a built instance as it is
    when it checks a response, where for its ``Schema`` it reads every field again through its
    ORM attribute getter (that doubled the cost of a page of statuses)."""

    model_config = ConfigDict(from_attributes=True)


# -------------------------------------------------------------------------------------- accounts


class AccountField(Entity):
    name: str
    value: str
    verified_at: str | None = None


class OpenTo(Entity):
    mentoring: bool = Field(description="Open to mentoring others.")
    peer_exchange: bool = Field(description="Open to learning with peers.")
    welcoming: bool = Field(description="Open to welcoming newcomers.")


class DeclaredSkill(Entity):
    track: str = Field(description="The track's slug, e.g. `pr`.")
    skill: str = Field(description="The skill's slug within the track, e.g. `media-relations`.")
    name: str = Field(description="The skill's name.")
    kind: Literal["offered", "sought"] = Field(
        description="`offered`: can help with it; `sought`: wants to learn it."
    )
    level: int = Field(ge=1, le=4, description="1 beginner, 2 intermediate, 3 advanced, 4 expert.")
    level_name: str


class MemberProfile(Entity):
    """mentormesh's extension to the Account entity: what a member offers and seeks."""

    headline: str
    country: str | None = Field(description="ISO 3166-1 alpha-2 code, or null.")
    field: str = Field(description="Field or industry.")
    career_start_year: int | None
    experience_years: int | None = Field(description="Years since the career started.")
    open_to: OpenTo
    mentoring_capacity: int = Field(description="How many mentees the member can take on (0–20).")
    skills: list[DeclaredSkill]


class Account(Entity):
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


class AccountSource(Entity):
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


class TrackSkill(Entity):
    id: str
    slug: str
    name: str
    description: str


class Track(Entity):
    """A specialisation track and its skills (mentormesh extension)."""

    id: str
    slug: str
    name: str
    description: str
    hashtag: str = Field(description="Posts with this hashtag (without `#`) belong to the track.")
    color: str
    skills: list[TrackSkill]


# --------------------------------------------------------------------------------------- instance


class InstanceStats(Entity):
    user_count: int
    status_count: int
    domain_count: int


class InstanceAccountsConfiguration(Entity):
    max_featured_tags: int
    max_pinned_statuses: int


class InstanceStatusesConfiguration(Entity):
    max_characters: int = Field(
        description="The longest post, in characters. Links count at their full length (there "
        "is no `characters_reserved_per_url`)."
    )
    max_media_attachments: int = Field(description="0: mentormesh has no media attachments yet.")


class InstanceV1Configuration(Entity):
    accounts: InstanceAccountsConfiguration
    statuses: InstanceStatusesConfiguration


class InstanceV1(Entity):
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


class InstanceUsers(Entity):
    active_month: int = Field(description="Members who signed in during the last 30 days.")


class InstanceUsage(Entity):
    users: InstanceUsers


class InstanceThumbnail(Entity):
    url: str


class InstanceTranslation(Entity):
    enabled: bool


class FeedAccess(Entity):
    local: Literal["public", "authenticated", "disabled"]
    remote: Literal["public", "authenticated", "disabled"]


class TimelinesAccess(Entity):
    """Mastodon 4.5's `timelines_access`: who may read which public feeds."""

    live_feeds: FeedAccess
    hashtag_feeds: FeedAccess
    trending_link_feeds: FeedAccess


class InstanceConfiguration(Entity):
    urls: dict[str, str]
    accounts: InstanceAccountsConfiguration
    statuses: InstanceStatusesConfiguration
    translation: InstanceTranslation
    timelines_access: TimelinesAccess


class InstanceRegistrations(Entity):
    enabled: bool
    approval_required: bool
    message: str | None


class InstanceContact(Entity):
    email: str
    account: Account | None


class Instance(Entity):
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


# --------------------------------------------------------------------------------------- statuses


class Mention(Entity):
    id: str
    username: str
    url: str
    acct: str


class StatusTag(Entity):
    name: str = Field(description="Lower-case, without `#`.")
    url: str


class ChatReference(Entity):
    id: str
    hashtag: str
    question_number: int | None = Field(
        description="n when this post is the host's question Qn, else null."
    )


class StatusExtension(Entity):
    """mentormesh's extension to the Status entity."""

    tracks: list[str] = Field(description="Slugs of the tracks the post belongs to.")
    question: bool = Field(description="The author marked the post as a question.")
    accepted_answer_id: str | None = Field(
        description="The reply the asker accepted (null when none, or when you may not see it)."
    )
    learned: bool = Field(description="You acknowledged learning from this post.")
    learned_count: int = Field(
        description="Members who learned from it: all of them for the author; for others, "
        "those who made their acknowledgement public (and yours)."
    )
    chat: ChatReference | None = Field(description="The live chat the post belongs to.")


class Status(Entity):
    """Mastodon's Status entity, plus the `mentormesh` extension."""

    id: str
    uri: str
    url: str
    created_at: str
    account: Account
    content: str = Field(description="Sanitised HTML: safe to insert into a page as it is.")
    visibility: Literal["public", "unlisted", "private", "direct"]
    sensitive: bool = Field(description="True when the post has a content warning.")
    spoiler_text: str = Field(description="The content warning, plain text.")
    media_attachments: list[dict[str, Any]]
    application: dict[str, Any] | None
    mentions: list[Mention]
    tags: list[StatusTag]
    emojis: list[dict[str, Any]]
    reblogs_count: int
    favourites_count: int
    replies_count: int = Field(description="Replies you may see.")
    in_reply_to_id: str | None = Field(
        description="The post this replies to; null when it is not a reply or you may not see it."
    )
    in_reply_to_account_id: str | None
    reblog: Status | None = Field(description="For a share: the shared post.")
    poll: dict[str, Any] | None
    card: dict[str, Any] | None
    language: str | None
    edited_at: str | None
    favourited: bool
    reblogged: bool
    muted: bool
    bookmarked: bool
    pinned: bool
    filtered: list[dict[str, Any]]
    mentormesh: StatusExtension


class DeletedStatus(Status):
    """The deleted post, with its source `text` (Mastodon's "delete and redraft")."""

    text: str


class Context(Entity):
    ancestors: list[Status] = Field(description="From the thread's first post down to the parent.")
    descendants: list[Status] = Field(description="Replies, depth first, in order.")


class StatusEdit(Entity):
    """One version of a post (Mastodon's StatusEdit)."""

    content: str
    spoiler_text: str
    sensitive: bool
    created_at: str
    account: Account
    poll: dict[str, Any] | None
    media_attachments: list[dict[str, Any]]
    emojis: list[dict[str, Any]]


class StatusSource(Entity):
    id: str
    text: str = Field(description="The post as written (Markdown-lite).")
    spoiler_text: str


class Acknowledgement(Entity):
    """ "I learned from this": who, when, in which track, with what note (mentormesh extension)."""

    account: Account
    note: str = Field(description="Plain text: escape it before showing it in a page.")
    track: str | None = Field(description="The track's slug, if the learner chose one.")
    public: bool = Field(description="The learner lets others count this acknowledgement.")
    created_at: str


# ---------------------------------------------------------------------------------- relationships


class Relationship(Entity):
    """Mastodon's Relationship entity: you and one member."""

    id: str
    following: bool
    showing_reblogs: bool
    notifying: bool
    languages: list[str] | None
    followed_by: bool
    blocking: bool
    blocked_by: bool
    muting: bool
    muting_notifications: bool
    requested: bool
    requested_by: bool
    domain_blocking: bool
    endorsed: bool
    note: str


class TagExtension(Entity):
    track: str | None = Field(description="The track this hashtag belongs to (slug), if any.")


class Tag(Entity):
    """Mastodon's Tag entity."""

    id: str | None = Field(description="null for a hashtag nobody has used yet.")
    name: str
    url: str
    history: list[dict[str, Any]]
    following: bool | None = Field(description="Whether you follow it (null without a token).")
    mentormesh: TagExtension


class FollowedTrack(Track):
    following: bool = Field(description="Whether you follow the track.")


# ---------------------------------------------------------------------------------- notifications


class NotificationExtension(Entity):
    kind: Literal[
        "mention",
        "reply",
        "favourite",
        "reblog",
        "learned",
        "follow",
        "accepted",
        "chat_starting",
        "thanks",
        "request",
        "request_accepted",
        "unavailable",
        "nudge",
        "closed_thanks",
    ] = Field(description="mentormesh's own kind: `reply` is delivered as Mastodon's `mention`.")
    chat: Chat | None = Field(description="For `chat_starting`: the chat.")
    url: str | None = Field(
        None,
        description="For the mentorship kinds: the page it points at (requests, the shared page, "
        "or a nudge's suggestion).",
    )
    note: str | None = Field(
        None,
        description="For `thanks`: the thank-you note of a member who counts you as a mentor; "
        "for `nudge`: the suggestion; for `closed_thanks`: the thank-you.",
    )
    track: str | None = Field(None, description="For `thanks`: the track they named, if any.")


class Notification(Entity):
    """Mastodon's Notification entity. `type` is Mastodon's `mention`, `favourite`, `reblog` or
    `follow`, or mentormesh's `learned`, `accepted`, `chat_starting` or `thanks`."""

    id: str
    type: str
    group_key: str
    created_at: str
    account: Account = Field(description="Who did it (for `chat_starting`, the chat's host).")
    status: Status | None
    mentormesh: NotificationExtension


class UnreadCount(Entity):
    count: int


class Marker(Entity):
    last_read_id: str
    version: int = Field(description="How many notifications you have read.")
    updated_at: str


class Markers(Entity):
    notifications: Marker | None = None


# ------------------------------------------------------------------------------------------ chats


class Chat(Entity):
    """A scheduled live hashtag chat (mentormesh extension)."""

    id: str
    title: str = Field(description="Plain text: escape it before showing it in a page.")
    description: str = Field(description="Plain text.")
    hashtag: str = Field(description="Without `#`.")
    url: str
    tracks: list[str] = Field(description="Track slugs.")
    host: Account
    starts_at: str
    ends_at: str
    state: Literal["upcoming", "live", "past"]


class RecapAnswer(Entity):
    status: Status
    acknowledgements: list[Acknowledgement] = Field(
        description="Who learned from this answer, with notes: only on your own answers."
    )


class RecapQuestion(Entity):
    question: Status
    answers: list[RecapAnswer] = Field(description="Direct replies, oldest first.")


class ChatRecap(Entity):
    chat: Chat
    questions: list[RecapQuestion]


NotificationExtension.model_rebuild()
Status.model_rebuild()


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


LARGEST_ID = 2**63 - 1


def _id(value: object) -> int:
    if isinstance(value, bool):
        raise PydanticCustomError("invalid_id", "An id is a string of digits.")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) > LARGEST_ID:
        raise PydanticCustomError("invalid_id", "An id is a string of digits.")
    return int(text)


def _empty_is_none(value: object) -> object:
    return None if value == "" else value


def _listed(value: object) -> object:
    """A form may send one value where JSON sends a list."""
    return [value] if isinstance(value, str) else value


def _refused(message: str) -> Any:
    def refuse(value: object) -> object:
        if value in (None, "", [], {}):
            return None
        raise PydanticCustomError("unsupported", message)

    return BeforeValidator(refuse)


Id = Annotated[int, BeforeValidator(_id)]
OptionalId = Annotated[Id | None, BeforeValidator(_empty_is_none)]
Slugs = Annotated[list[str], BeforeValidator(_listed)]
NO_MEDIA = "mentormesh has no media attachments yet."
VisibilityName = Literal["public", "unlisted", "private", "direct"]


class StatusCreate(Schema):
    """POST /api/v1/statuses. Mastodon's fields plus `tracks`, `question` and `chat_id`."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field("", description="The text, Markdown-lite; @mentions and #hashtags link.")
    in_reply_to_id: OptionalId = Field(None, description="The post this replies to.")
    spoiler_text: str = Field("", description="A content warning, up to 200 characters.")
    visibility: VisibilityName = Field(
        "public",
        description="`public`, `unlisted` (not on public timelines), `private` (followers and "
        "mentioned members) or `direct` (mentioned members only).",
    )
    language: str = Field("", description="ISO 639 code such as `en` or `pt-BR`.")
    sensitive: bool = Field(
        False, description="Accepted; a content warning marks a post sensitive."
    )
    tracks: Slugs = Field(
        default_factory=list,
        description="Track slugs; without them the post takes the tracks of its hashtags, or of "
        "the post it replies to.",
    )
    question: bool = Field(False, description="Mark the post as a question others can answer.")
    chat_id: OptionalId = Field(
        None, description="Post into this live chat (answer a question: also `in_reply_to_id`)."
    )
    media_ids: Annotated[Any, _refused(NO_MEDIA)] = Field(None, description=NO_MEDIA)
    poll: Annotated[Any, _refused("mentormesh has no polls.")] = None
    scheduled_at: Annotated[Any, _refused("mentormesh can't schedule posts yet.")] = None

    @field_validator("language", mode="before")
    @classmethod
    def _no_language(cls, value: object) -> object:
        return "" if value is None else value


class StatusUpdate(Schema):
    """PUT /api/v1/statuses/:id: the new text and content warning."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="The new text.")
    spoiler_text: str | None = Field(None, description="The new content warning; omit to keep.")
    sensitive: bool | None = Field(None, description="Accepted; see `spoiler_text`.")
    language: str | None = Field(None, description="Accepted when unchanged.")
    media_ids: Annotated[Any, _refused(NO_MEDIA)] = None
    poll: Annotated[Any, _refused("mentormesh has no polls.")] = None


class ReblogInput(Schema):
    model_config = ConfigDict(extra="forbid")

    visibility: Literal["public", "unlisted", "private"] = Field(
        "public", description="Who sees the share."
    )
    comment: str = Field("", description="mentormesh: champion the post with a few words.")


class LearnInput(Schema):
    model_config = ConfigDict(extra="forbid")

    note: str = Field("", description="What you learned, up to 500 characters (plain text).")
    track: str | None = Field(None, description="The track you learned in (slug).")
    public: bool = Field(
        True, description="Let others count your acknowledgement (the author always sees it)."
    )

    @field_validator("track", mode="before")
    @classmethod
    def _empty_track(cls, value: object) -> object:
        return _empty_is_none(value)


class QuestionInput(Schema):
    model_config = ConfigDict(extra="forbid")

    question: bool = Field(True, description="`false` unmarks the post.")


class FollowInput(Schema):
    model_config = ConfigDict(extra="forbid")

    reblogs: bool = Field(True, description="Accepted; shares always show.")
    notify: bool = Field(False, description="Accepted; no per-post notifications yet.")
    languages: Slugs = Field(default_factory=list, description="Accepted; no language filter yet.")


class MuteInput(Schema):
    model_config = ConfigDict(extra="forbid")

    notifications: bool = Field(True, description="Accepted; a mute always hides notifications.")
    duration: Annotated[Any, _refused("A mute lasts until you unmute; leave out `duration`.")] = (
        Field(None, description="Not supported: 0 or absent.")
    )

    @field_validator("duration", mode="before")
    @classmethod
    def _zero_is_forever(cls, value: object) -> object:
        return None if value in (0, "0") else value


class ChatCreate(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(description="1–120 characters, plain text.")
    hashtag: str = Field(description="The chat's hashtag, like `PRStudChat`.")
    starts_at: datetime = Field(description="ISO 8601 with a time zone.")
    ends_at: datetime = Field(description="After the start, at most 12 hours later.")
    host_id: OptionalId = Field(None, description="The host's account id; you by default.")
    description: str = Field("", description="Plain text, up to 2,000 characters.")
    tracks: Slugs = Field(default_factory=list, description="Track slugs.")

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise PydanticCustomError(
                "naive_datetime", "Give a time zone, like 2025-05-01T18:00:00Z."
            )
        return value


class ChatQuestionInput(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="The question's text; it is posted as Qn with the hashtag.")


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


def request_body(schema: type[Schema]) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for an endpoint that reads its body itself (api/payload.py): the
    same fields as JSON or form-encoded data (lists as repeated `name[]` keys)."""
    json_schema = _inline_refs(schema.model_json_schema())
    return {
        "content": {
            "application/json": {"schema": json_schema},
            "application/x-www-form-urlencoded": {"schema": json_schema},
        }
    }


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
