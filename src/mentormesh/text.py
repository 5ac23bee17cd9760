"""Turning member-written text into safe HTML. Sanitising is nh3's job, never hand-rolled."""

from __future__ import annotations

import nh3
from django.utils.html import escape, linebreaks, urlize

ALLOWED_TAGS = {"p", "br", "a"}
# nh3 sets every link's rel itself (link_rel below) and refuses "rel" in the allowed attributes.
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def render_plain_text(text: str) -> str:
    """Plain text to paragraphs with clickable links; anything else the member typed stays inert."""
    if not text.strip():
        return ""
    html = linebreaks(urlize(escape(text), nofollow=True, autoescape=False))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
