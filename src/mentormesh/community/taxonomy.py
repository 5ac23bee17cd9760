"""The default taxonomy: the four specialisation tracks of the seed essays, a handful of skills each.

Loaded by a data migration on a new database; afterwards stewards edit it in the admin.
"""

from __future__ import annotations

DEFAULT_TRACKS: list[dict[str, object]] = [
    {
        "slug": "community",
        "name": "Community management & customer support",
        "hashtag": "community",
        "color": "#0b7a75",
        "description": "Listening to people, answering them, and making them belong.",
        "skills": [
            ("moderation", "Moderation & community guidelines"),
            ("customer-support", "Customer support on social channels"),
            ("onboarding", "Welcoming & onboarding newcomers"),
            ("community-analytics", "Community health metrics"),
            ("crisis-response", "Crisis response & escalation"),
        ],
    },
    {
        "slug": "marketing",
        "name": "Marketing & advertising",
        "hashtag": "marketing",
        "color": "#b5470b",
        "description": "Reaching people: campaigns, content, paid and earned media.",
        "skills": [
            ("content-strategy", "Content strategy"),
            ("paid-social", "Paid social advertising"),
            ("seo", "Search engine optimisation"),
            ("brand-voice", "Brand voice & storytelling"),
            ("campaign-analytics", "Campaign analytics"),
        ],
    },
    {
        "slug": "development",
        "name": "Development & implementation",
        "hashtag": "dev",
        "color": "#5b3cc4",
        "description": "Building and running the tools: apps, integrations, data.",
        "skills": [
            ("web-development", "Web development"),
            ("api-integrations", "Platform APIs & integrations"),
            ("automation", "Automation & bots"),
            ("data-engineering", "Data pipelines & dashboards"),
            ("accessibility", "Accessibility"),
        ],
    },
    {
        "slug": "pr",
        "name": "Public relations & dialog management",
        "hashtag": "pr",
        "color": "#a3195b",
        "description": "Relationships with the public and the press, in the open and in dialogue.",
        "skills": [
            ("media-relations", "Media relations"),
            ("press-releases", "Press releases & pitching"),
            ("reputation-management", "Reputation management"),
            ("live-chats", "Hosting live chats & Q&As"),
            ("personal-branding", "Personal branding"),
        ],
    },
]
