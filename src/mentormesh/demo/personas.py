"""The named demo personas: the same handles for every seed, so docs and later issues can point at them.

Everyone in the demo community, personas included, logs in with ``DEMO_PASSWORD``.
"""

from __future__ import annotations

from mentormesh.demo.records import DemoMember, DemoSkill

# Shared by every demo member and printed by `mentormesh serve`: the demo is for trying
# mentormesh out, never for a community with real members.
DEMO_PASSWORD = "mentormesh-demo"  # noqa: S105
DEMO_EMAIL_DOMAIN = "demo.example.org"


def _email(handle: str) -> str:
    return f"{handle.lower()}@{DEMO_EMAIL_DOMAIN}"


def _skills(*specs: tuple[str, str, str, int]) -> tuple[DemoSkill, ...]:
    return tuple(DemoSkill(track, skill, kind, level) for track, skill, kind, level in specs)


MIRA = DemoMember(
    handle="mira_pr",
    email=_email("mira_pr"),
    display_name="Mira Castell",
    headline="PR director at an independent PR firm in London · media relations since the fax days",
    bio=(
        "I've been in PR since press releases went out by fax, and I still love a good pitch. "
        "Happy to help with media relations, reputation management and pitching. "
        "Currently learning automation from people newer to the job than me, and loving it. "
        "I mentor a few people at a time; say hello in a reply."
    ),
    country="GB",
    city="London",
    field="PR agency",
    home_track="pr",
    stage="veteran",
    experience_years=22,
    open_to_mentoring=True,
    open_to_peer_exchange=True,
    open_to_welcoming=False,
    mentoring_capacity=4,
    skills=_skills(
        ("pr", "media-relations", "offered", 4),
        ("pr", "press-releases", "offered", 4),
        ("pr", "reputation-management", "offered", 4),
        ("pr", "live-chats", "offered", 3),
        ("development", "automation", "sought", 1),
        ("marketing", "campaign-analytics", "sought", 2),
    ),
    persona_role="Senior PR mentor: open to mentoring, and learning automation from juniors.",
)

LENA = DemoMember(
    handle="lena_mkt",
    email=_email("lena_mkt"),
    display_name="Lena Hoffmann",
    headline="Junior social media marketer at a fashion retailer in Hamburg",
    bio=(
        "I started my first job in marketing last year at a fashion retailer. "
        "Ask me about paid social: I run our short-video ads. "
        "I'd like to get better at media relations, brand voice and campaign analytics."
    ),
    country="DE",
    city="Hamburg",
    field="Retail",
    home_track="marketing",
    stage="junior",
    experience_years=1,
    open_to_mentoring=False,
    open_to_peer_exchange=True,
    open_to_welcoming=False,
    mentoring_capacity=0,
    skills=_skills(
        ("marketing", "paid-social", "offered", 2),
        ("pr", "media-relations", "sought", 1),
        ("marketing", "brand-voice", "sought", 1),
        ("marketing", "campaign-analytics", "sought", 1),
    ),
    persona_role="Junior marketer looking for mentors in PR and marketing.",
)

KOFI = DemoMember(
    handle="kofi_dev",
    email=_email("kofi_dev"),
    display_name="Kofi Boateng",
    headline="Full-stack developer at a SaaS company in Accra · builds tools for community teams",
    bio=(
        "I've worked in software development for 7 years, mostly in software companies. "
        "I can help with web development, platform APIs and automation. "
        "Trying to get my head around personal branding and content strategy. "
        "Always up for swapping notes with peers."
    ),
    country="GH",
    city="Accra",
    field="Software",
    home_track="development",
    stage="mid",
    experience_years=7,
    open_to_mentoring=False,
    open_to_peer_exchange=True,
    open_to_welcoming=False,
    mentoring_capacity=0,
    skills=_skills(
        ("development", "web-development", "offered", 3),
        ("development", "api-integrations", "offered", 3),
        ("development", "automation", "offered", 3),
        ("pr", "personal-branding", "sought", 2),
        ("marketing", "content-strategy", "sought", 1),
    ),
    persona_role="Peer developer: mid-career, swaps notes with other members rather than mentoring.",
)

ANA = DemoMember(
    handle="ana_newcomer",
    email=_email("ana_newcomer"),
    display_name="Ana Ribeiro",
    headline="Communications student in São Paulo, new here",
    bio=(
        "Just joined! I'm studying communications and want to work in community management. "
        "Who should I follow?"
    ),
    country="BR",
    city="São Paulo",
    field="Student",
    home_track="community",
    stage="student",
    experience_years=0,
    open_to_mentoring=False,
    open_to_peer_exchange=True,
    open_to_welcoming=False,
    mentoring_capacity=0,
    skills=_skills(
        ("community", "moderation", "sought", 1),
        ("community", "onboarding", "sought", 1),
        ("pr", "personal-branding", "sought", 1),
    ),
    persona_role="Newcomer who has just joined: one of 'THEM', who should come to belong.",
)

DANA = DemoMember(
    handle="dana_steward",
    email=_email("dana_steward"),
    display_name="Dana Whitfield",
    headline="Community director at a literacy nonprofit in Toronto · steward of this community",
    bio=(
        "I've been running online communities since the forum days. "
        "Happy to help with welcoming newcomers, moderation & community guidelines "
        "and community health metrics. "
        "I'd like to get better at data pipelines & dashboards. "
        "New here? I'm happy to introduce you around."
    ),
    country="CA",
    city="Toronto",
    field="Nonprofit",
    home_track="community",
    stage="senior",
    experience_years=16,
    open_to_mentoring=True,
    open_to_peer_exchange=True,
    open_to_welcoming=True,
    mentoring_capacity=2,
    skills=_skills(
        ("community", "onboarding", "offered", 4),
        ("community", "moderation", "offered", 4),
        ("community", "community-analytics", "offered", 3),
        ("community", "crisis-response", "offered", 3),
        ("development", "data-engineering", "sought", 1),
    ),
    is_steward=True,
    persona_role="The community's steward: staff, can use /admin/, welcomes newcomers.",
)

PRIYA = DemoMember(
    handle="priya_bots",
    email=_email("priya_bots"),
    display_name="Priya Raman",
    headline="Junior developer at a PR agency in Bengaluru · I automate the boring parts",
    bio=(
        "I started my first job in software development last year at a PR agency. "
        "Ask me about automation & bots and platform APIs. "
        "Right now I'm learning media relations and pitching & press releases, so pointers are welcome."
    ),
    country="IN",
    city="Bengaluru",
    field="PR agency",
    home_track="development",
    stage="junior",
    experience_years=1,
    open_to_mentoring=False,
    open_to_peer_exchange=True,
    open_to_welcoming=False,
    mentoring_capacity=0,
    skills=_skills(
        ("development", "automation", "offered", 2),
        ("development", "api-integrations", "offered", 2),
        ("pr", "media-relations", "sought", 1),
        ("pr", "press-releases", "sought", 1),
    ),
    persona_role="Junior who teaches automation to seniors: the reverse mentor.",
)

PERSONAS: tuple[DemoMember, ...] = (MIRA, LENA, KOFI, ANA, DANA, PRIYA)
STEWARD = DANA
