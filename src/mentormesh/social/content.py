"""Post content: Markdown-lite rendered by markdown-it, sanitised by nh3, mentions and hashtags linked.

Raw HTML in the source is never rendered (markdown-it's ``html`` option is off); mentions and
hashtags are recognised by a small markdown-it inline rule, so they are never found inside
code, links or words; and the result is cleaned with nh3's allow-list before it is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

HANDLE_BODY = re.compile(r"[A-Za-z0-9_]{2,30}(?![A-Za-z0-9_@])")
TAG_BODY = re.compile(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*(?![A-Za-z0-9_])")
NOT_AFTER = set("/@#.&_")
MENTION_SCAN = re.compile(r"@(" + HANDLE_BODY.pattern + ")")
MAX_TAG = 60

ALLOWED_TAGS = {"p", "br", "a", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "s"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_CLASSES = {"a": {"mention", "hashtag"}}


@dataclass(frozen=True)
class RenderedContent:
    html: str
    mentions: tuple[str, ...]  # handles as written, in order of appearance, without '@'
    hashtags: tuple[str, ...]  # lower-case, without '#'


def _mention_or_hashtag(state: StateInline, silent: bool) -> bool:
    start = state.pos
    marker = state.src[start]
    if marker not in "@#":
        return False
    if start > 0 and (state.src[start - 1].isalnum() or state.src[start - 1] in NOT_AFTER):
        return False
    match = (HANDLE_BODY if marker == "@" else TAG_BODY).match(state.src, start + 1)
    if match is None or (marker == "#" and len(match.group(0)) > MAX_TAG):
        return False
    name = match.group(0)
    found = state.env.setdefault("mentions" if marker == "@" else "hashtags", [])
    found.append(name if marker == "@" else name.lower())
    if marker == "@" and name.lower() not in state.env.get("known", set()):
        return False
    if not silent:
        link = state.push("link_open", "a", 1)
        link.attrs = (
            {"class": "mention", "href": f"/@{name}/"}
            if marker == "@"
            else {
                "class": "hashtag",
                "href": f"/tags/{name.lower()}/",
            }
        )
        state.push("text", "", 0).content = marker + name
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False, "breaks": True})
    .enable(["linkify", "strikethrough"])
    .disable(
        ["image", "heading", "lheading", "hr", "table", "html_block", "html_inline"],
        ignoreInvalid=True,
    )
)
_markdown.inline.ruler.push("mention_or_hashtag", _mention_or_hashtag)


# nh3's allow-list, built once (``nh3.clean`` with these arguments builds it on every call).
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener noreferrer",
)


def render_content(text: str, *, known_handles: Iterable[str] = ()) -> RenderedContent:
    """Render ``text``; a mention becomes a link only when its handle (lower-case) is known."""
    env: dict[str, object] = {"known": {handle.lower() for handle in known_handles}}
    html = _markdown.render(text, env)
    clean = _cleaner.clean(html)
    mentions = _unique(env.get("mentions", []))  # type: ignore[arg-type]
    hashtags = _unique(env.get("hashtags", []))  # type: ignore[arg-type]
    return RenderedContent(clean.strip(), mentions, hashtags)


def mention_handles(text: str) -> tuple[str, ...]:
    """Every handle written as ``@handle`` anywhere in ``text`` (also in code or links), each
    once: a superset of the mentions ``render_content`` finds, without parsing Markdown."""
    return _unique(match.group(1) for match in MENTION_SCAN.finditer(text))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return tuple(seen.values())
