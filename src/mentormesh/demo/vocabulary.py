"""The words the demo community is made of: places, fields, job titles and skill phrases.

Track and skill slugs are those of the default taxonomy (``community.taxonomy``); the loader
refuses clearly when a steward has removed one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentormesh.community.taxonomy import DEFAULT_TRACKS


@dataclass(frozen=True)
class Country:
    code: str
    faker_locale: str
    weight: int
    cities: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country(
        "US",
        "en_US",
        16,
        ("New York", "Chicago", "Austin", "Seattle", "Atlanta", "Denver", "Boston", "Nashville"),
    ),
    Country(
        "GB",
        "en_GB",
        10,
        ("London", "Manchester", "Bristol", "Leeds", "Glasgow", "Birmingham", "Edinburgh"),
    ),
    Country("CA", "en_CA", 7, ("Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa", "Halifax")),
    Country("IN", "en_IN", 8, ("Bengaluru", "Mumbai", "Delhi", "Pune", "Hyderabad", "Chennai")),
    Country("DE", "de_DE", 7, ("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Leipzig")),
    Country("NG", "en_NG", 6, ("Lagos", "Abuja", "Ibadan", "Port Harcourt")),
    Country("AU", "en_AU", 5, ("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide")),
    Country("FR", "fr_FR", 5, ("Paris", "Lyon", "Nantes", "Bordeaux", "Lille")),
    Country(
        "BR",
        "pt_BR",
        5,
        ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Porto Alegre", "Recife"),
    ),
    Country("IE", "en_IE", 4, ("Dublin", "Cork", "Galway", "Limerick")),
    Country("KE", "en_KE", 4, ("Nairobi", "Mombasa", "Kisumu")),
    Country("ZA", "zu_ZA", 4, ("Johannesburg", "Cape Town", "Durban", "Pretoria")),
    Country("NL", "nl_NL", 4, ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven")),
    Country("ES", "es_ES", 4, ("Madrid", "Barcelona", "Valencia", "Seville")),
    Country("MX", "es_MX", 4, ("Mexico City", "Guadalajara", "Monterrey", "Puebla")),
    Country("GH", "tw_GH", 3, ("Accra", "Kumasi", "Takoradi")),
    Country("SE", "sv_SE", 3, ("Stockholm", "Gothenburg", "Malmö")),
    Country("PL", "pl_PL", 3, ("Warsaw", "Kraków", "Wrocław", "Gdańsk")),
    Country("NZ", "en_NZ", 2, ("Auckland", "Wellington", "Christchurch")),
)

# Skill slugs of each track in the default taxonomy, in taxonomy order.
TRACK_SKILLS: dict[str, tuple[str, ...]] = {
    str(track["slug"]): tuple(slug for slug, _name in track["skills"])  # type: ignore[attr-defined]
    for track in DEFAULT_TRACKS
}

# Home tracks, weighted: the seed essays' community is PR-heavy.
TRACK_WEIGHTS: dict[str, int] = {"pr": 30, "marketing": 25, "community": 25, "development": 20}

TRACK_NOUNS: dict[str, str] = {
    "pr": "PR",
    "marketing": "marketing",
    "community": "community management",
    "development": "software development",
}
# Short tags for handles such as @dana_pr.
TRACK_TAGS: dict[str, str] = {
    "pr": "pr",
    "marketing": "mkt",
    "community": "cm",
    "development": "dev",
}

# Career stages: (name, weight, lowest and highest years of experience).
STAGES: tuple[tuple[str, int, int, int], ...] = (
    ("student", 10, 0, 0),
    ("junior", 16, 0, 1),
    ("early", 24, 2, 5),
    ("mid", 24, 6, 12),
    ("senior", 15, 13, 19),
    ("veteran", 11, 20, 35),
)
SENIOR_STAGES = frozenset({"senior", "veteran"})
NEW_STAGES = frozenset({"student", "junior"})

STUDENT_FIELD = "Student"
FREELANCE_FIELD = "Freelance & consultancy"

# Fields or industries, each with the kinds of organisation people there work at.
FIELD_ORGS: dict[str, tuple[str, ...]] = {
    "PR agency": ("a PR agency", "a boutique PR agency", "an independent PR firm"),
    "In-house communications": (
        "a logistics company",
        "an energy company",
        "a car maker",
        "a telecoms group",
    ),
    "Marketing agency": (
        "a digital marketing agency",
        "a creative agency",
        "a social media agency",
    ),
    "Retail": (
        "a fashion retailer",
        "an online shop",
        "a supermarket chain",
        "a furniture retailer",
    ),
    "Consumer goods": ("a beverage brand", "a cosmetics brand", "a sportswear brand"),
    "Nonprofit": (
        "a children's charity",
        "an environmental nonprofit",
        "a food bank network",
        "a literacy nonprofit",
    ),
    "Software": ("a SaaS company", "a software company", "a developer tools company"),
    "Startups": (
        "a fintech startup",
        "a climate tech startup",
        "an edtech startup",
        "a food delivery startup",
    ),
    "Government": (
        "a city council",
        "a national ministry",
        "a public transport authority",
        "a regional government",
    ),
    "Higher education": ("a university", "a business school", "a community college"),
    "Healthcare": ("a hospital group", "a health insurer", "a medical research institute"),
    "Media & publishing": (
        "a news publisher",
        "a regional newspaper",
        "a podcast network",
        "a magazine publisher",
    ),
    "Financial services": ("a bank", "a credit union", "an insurance company"),
    "Hospitality & travel": ("a hotel group", "an airline", "a tourism board"),
    "Gaming": ("a game studio", "an esports organisation"),
    "Telecommunications": ("a mobile network operator", "an internet provider"),
    "Arts & culture": ("a museum", "a music festival", "a theatre"),
    FREELANCE_FIELD: (),
}

# How each field reads after "mostly in …".
FIELD_PHRASES: dict[str, str] = {
    "PR agency": "agencies",
    "In-house communications": "in-house teams",
    "Marketing agency": "agencies",
    "Retail": "retail",
    "Consumer goods": "consumer goods",
    "Nonprofit": "the nonprofit sector",
    "Software": "software companies",
    "Startups": "startups",
    "Government": "government",
    "Higher education": "higher education",
    "Healthcare": "healthcare",
    "Media & publishing": "media and publishing",
    "Financial services": "financial services",
    "Hospitality & travel": "hospitality and travel",
    "Gaming": "gaming",
    "Telecommunications": "telecoms",
    "Arts & culture": "arts and culture",
    FREELANCE_FIELD: "freelance work",
}

FIELD_WEIGHTS: dict[str, dict[str, int]] = {
    "pr": {
        "PR agency": 30,
        "In-house communications": 20,
        "Government": 8,
        "Nonprofit": 8,
        "Healthcare": 7,
        "Higher education": 6,
        "Financial services": 5,
        "Media & publishing": 5,
        "Startups": 4,
        "Arts & culture": 3,
        FREELANCE_FIELD: 4,
    },
    "marketing": {
        "Marketing agency": 22,
        "Retail": 15,
        "Consumer goods": 12,
        "Startups": 12,
        "Software": 8,
        "Hospitality & travel": 8,
        "Nonprofit": 6,
        "Media & publishing": 5,
        "Gaming": 4,
        "Financial services": 3,
        FREELANCE_FIELD: 5,
    },
    "community": {
        "Software": 18,
        "Gaming": 12,
        "Retail": 10,
        "Nonprofit": 10,
        "Startups": 10,
        "Telecommunications": 8,
        "Hospitality & travel": 6,
        "Media & publishing": 5,
        "Higher education": 5,
        "Government": 4,
        FREELANCE_FIELD: 4,
    },
    "development": {
        "Software": 28,
        "Startups": 15,
        "Government": 8,
        "Marketing agency": 8,
        FREELANCE_FIELD: 8,
        "Media & publishing": 7,
        "Higher education": 6,
        "Healthcare": 6,
        "Retail": 6,
        "Financial services": 4,
        "Nonprofit": 4,
    },
}

TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "pr": {
        "student": ("PR student", "Communications student", "Journalism and PR student"),
        "junior": (
            "Junior PR associate",
            "PR assistant",
            "Communications assistant",
            "Press office trainee",
        ),
        "early": ("Account executive", "PR executive", "Communications officer", "Press officer"),
        "mid": (
            "Senior account manager",
            "Communications manager",
            "Media relations manager",
            "Press secretary",
        ),
        "senior": ("Head of communications", "PR director", "Director of media relations"),
        "veteran": ("Chief communications officer", "Managing partner", "Communications director"),
    },
    "marketing": {
        "student": ("Marketing student", "Advertising student", "Business and marketing student"),
        "junior": (
            "Marketing assistant",
            "Junior social media executive",
            "Digital marketing trainee",
        ),
        "early": (
            "Social media manager",
            "Content marketer",
            "Digital marketing executive",
            "Paid social specialist",
        ),
        "mid": ("Marketing manager", "Content lead", "Brand manager", "Growth marketing manager"),
        "senior": ("Head of marketing", "Marketing director", "Creative director"),
        "veteran": ("Chief marketing officer", "Brand strategy director", "Managing director"),
    },
    "community": {
        "student": ("Media studies student", "Communications student", "Sociology student"),
        "junior": (
            "Community support associate",
            "Junior community moderator",
            "Social customer care agent",
        ),
        "early": ("Community manager", "Social customer care specialist", "Community coordinator"),
        "mid": (
            "Senior community manager",
            "Head of social customer care",
            "Community programmes manager",
        ),
        "senior": ("Director of community", "Head of customer experience", "Head of community"),
        "veteran": (
            "VP of community",
            "Director of customer experience",
            "Chief community officer",
        ),
    },
    "development": {
        "student": (
            "Computer science student",
            "Web development bootcamp student",
            "Interaction design student",
        ),
        "junior": (
            "Junior web developer",
            "Junior front-end developer",
            "Marketing technology trainee",
        ),
        "early": ("Web developer", "Front-end developer", "Integration developer", "Data analyst"),
        "mid": (
            "Senior developer",
            "Marketing technologist",
            "Data engineer",
            "Full-stack developer",
        ),
        "senior": ("Lead engineer", "Engineering manager", "Principal developer"),
        "veteran": ("CTO", "Technical architect", "VP of engineering"),
    },
}

FREELANCE_TITLES: dict[str, str] = {
    "pr": "Freelance PR consultant",
    "marketing": "Freelance social media strategist",
    "community": "Freelance community manager",
    "development": "Freelance web developer",
}

# How each default skill reads inside a sentence ("Happy to help with media relations").
SKILL_PHRASES: dict[tuple[str, str], str] = {
    ("community", "moderation"): "moderation & community guidelines",
    ("community", "customer-support"): "customer support on social channels",
    ("community", "onboarding"): "welcoming newcomers",
    ("community", "community-analytics"): "community health metrics",
    ("community", "crisis-response"): "crisis response",
    ("marketing", "content-strategy"): "content strategy",
    ("marketing", "paid-social"): "paid social",
    ("marketing", "seo"): "SEO",
    ("marketing", "brand-voice"): "brand voice & storytelling",
    ("marketing", "campaign-analytics"): "campaign analytics",
    ("development", "web-development"): "web development",
    ("development", "api-integrations"): "platform APIs",
    ("development", "automation"): "automation & bots",
    ("development", "data-engineering"): "data pipelines & dashboards",
    ("development", "accessibility"): "accessibility",
    ("pr", "media-relations"): "media relations",
    ("pr", "press-releases"): "pitching & press releases",
    ("pr", "reputation-management"): "reputation management",
    ("pr", "live-chats"): "hosting live chats",
    ("pr", "personal-branding"): "personal branding",
}

# Skills where newcomers often know the newer tools better than their seniors: juniors offer
# them and seniors seek them, which is what reverse mentoring grows from.
NEW_TOOL_SKILLS: tuple[tuple[str, str], ...] = (
    ("pr", "personal-branding"),
    ("pr", "live-chats"),
    ("marketing", "paid-social"),
    ("marketing", "content-strategy"),
    ("development", "automation"),
    ("development", "web-development"),
    ("community", "moderation"),
)
