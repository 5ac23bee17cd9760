"""A small, fixed community for screenshots: varied names, countries, tracks, levels and pictures."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from mentormesh.accounts.actions import (
    SkillChoice,
    do_create_user,
    do_set_avatar,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.models import User
from mentormesh.community.models import Skill

PASSWORD = "showcase-passphrase-2024"

# handle, name, headline, country, field, career start, open to (m)entoring/(p)eer/(w)elcoming,
# skills as "track/skill:kind:level" with kind o(ffered) or s(ought), picture colours or None.
MEMBERS = [
    (
        "amara_pr",
        "Amara Okafor",
        "Head of PR at a climate nonprofit",
        "NG",
        "Nonprofit",
        2006,
        "mw",
        "pr/media-relations:o:4 pr/reputation-management:o:4 pr/press-releases:o:3 community/crisis-response:o:3 "
        "development/automation:s:1 marketing/campaign-analytics:s:2",
        ("#a3195b", "#f59e0b"),
    ),
    (
        "lucas_dev",
        "Lucas Moreau",
        "Builds bots and dashboards for community teams",
        "FR",
        "Software",
        2016,
        "p",
        "development/automation:o:4 development/data-engineering:o:3 pr/personal-branding:s:2",
        ("#5b3cc4", "#22d3ee"),
    ),
    (
        "mei_community",
        "Mei Chen",
        "Community lead, 40k-member developer forum",
        "SG",
        "Developer relations",
        2012,
        "mpw",
        "community/moderation:o:4 community/onboarding:o:3 marketing/content-strategy:s:2",
        ("#0b7a75", "#a7f3d0"),
    ),
    (
        "sofia_mkt",
        "Sofía Ramírez",
        "Paid social and brand voice for small shops",
        "MX",
        "Retail marketing",
        2018,
        "p",
        "marketing/paid-social:o:3 marketing/brand-voice:o:3 community/community-analytics:s:1",
        None,
    ),
    (
        "jonas_support",
        "Jonas Berg",
        "Customer support on social, 24/7",
        "SE",
        "E-commerce",
        2020,
        "pw",
        "community/customer-support:o:3 community/crisis-response:s:2 pr/live-chats:s:1",
        ("#b5470b", "#fde68a"),
    ),
    (
        "priya_seo",
        "Priya Nair",
        "SEO and content for B2B software",
        "IN",
        "B2B SaaS",
        2014,
        "mp",
        "marketing/seo:o:4 marketing/campaign-analytics:o:3 development/web-development:s:2",
        ("#4338ca", "#f0abfc"),
    ),
    (
        "tom_student",
        "Tom Walsh",
        "PR student, hosts #PRStudChat",
        "IE",
        "Higher education",
        2024,
        "p",
        "pr/live-chats:o:2 pr/press-releases:s:1 pr/media-relations:s:1",
        None,
    ),
    (
        "hana_a11y",
        "Hana Sato",
        "Accessibility engineer; makes sites work for everyone",
        "JP",
        "Public sector",
        2011,
        "mp",
        "development/accessibility:o:4 development/web-development:o:3 marketing/brand-voice:s:2",
        ("#0f5f8a", "#bae6fd"),
    ),
    (
        "kofi_brand",
        "Kofi Mensah",
        "Personal branding coach for creatives",
        "GH",
        "Creative industries",
        2009,
        "m",
        "pr/personal-branding:o:4 marketing/content-strategy:o:3",
        None,
    ),
    (
        "lena_data",
        "Lena Fischer",
        "Community analytics at a membership org",
        "DE",
        "Associations",
        2017,
        "p",
        "community/community-analytics:o:3 development/data-engineering:s:2 marketing/campaign-analytics:s:2",
        ("#067647", "#d9f99d"),
    ),
    (
        "ravi_api",
        "Ravi Patel",
        "Integrates social platforms' APIs",
        "CA",
        "Agency",
        2019,
        "p",
        "development/api-integrations:o:3 pr/media-relations:s:2",
        None,
    ),
    (
        "ana_pr",
        "Ana Costa",
        "Junior PR, learning crisis comms",
        "PT",
        "Public relations agency",
        2023,
        "p",
        "pr/reputation-management:s:1 community/crisis-response:s:1 marketing/brand-voice:o:2",
        ("#db2777", "#fbcfe8"),
    ),
]

BIOS = {
    "amara_pr": (
        "Twenty years of press offices, from a Lagos newsroom to climate campaigns.\n\n"
        "I learned most of what I know from peers in #PRStudChat, and now I answer there on "
        "Thursdays. Ask me about pitching journalists, or about keeping calm when a story turns.\n\n"
        "Currently learning: automating the boring parts of monitoring. Notes at https://example.org/amara"
    ),
}


def picture(colours: tuple[str, str]) -> SimpleUploadedFile:
    """An abstract round-friendly picture: a gradient of two colours with soft circles."""
    first, second = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in colours)
    image = Image.new("RGB", (160, 160), first)
    draw = ImageDraw.Draw(image)
    for step in range(160):
        mix = tuple(int(a + (b - a) * step / 159) for a, b in zip(first, second, strict=True))
        draw.line([(0, step), (159, step)], fill=mix)
    draw.ellipse((44, 26, 116, 98), fill=(255, 255, 255))
    draw.ellipse((20, 104, 140, 200), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def build_showcase() -> list[User]:
    users = []
    for handle, name, headline, country, field, year, open_to, skills, colours in MEMBERS:
        user = do_create_user(handle, f"{handle}@example.org", PASSWORD, display_name=name)
        do_update_profile(
            user.profile,
            {
                "headline": headline,
                "country": country,
                "field": field,
                "career_start_year": year,
                "open_to_mentoring": "m" in open_to,
                "open_to_peer_exchange": "p" in open_to,
                "open_to_welcoming": "w" in open_to,
                "mentoring_capacity": 3 if "m" in open_to else 0,
                "bio": BIOS.get(
                    handle, f"{headline}.\n\nHappy to swap what I know for what you know."
                ),
            },
        )
        do_set_skills(user.profile, list(_choices(skills)))
        if colours:
            do_set_avatar(user.profile, picture(colours))
        users.append(user)
    return users


def _choices(spec: str):
    for item in spec.split():
        path, kind, level = item.split(":")
        track, slug = path.split("/")
        skill = Skill.objects.get(track__slug=track, slug=slug)
        yield SkillChoice(skill, "offered" if kind == "o" else "sought", int(level))
