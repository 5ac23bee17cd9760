"""What demo members write: tips, questions, answers, drafts, replies and chat rounds.

Short texts from templates, per skill of the default taxonomy, with the track's hashtag
(#community, #marketing, #dev, #pr: posts join tracks through it) and a topical tag.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The hashtag of each default track (community.taxonomy): posts join a track through it.
TRACK_HASHTAGS: dict[str, str] = {
    "community": "community",
    "marketing": "marketing",
    "development": "dev",
    "pr": "pr",
}


@dataclass(frozen=True)
class SkillTexts:
    tag: str  # a topical hashtag, not mapped to a track
    tips: tuple[str, ...]
    questions: tuple[str, ...]
    answers: tuple[str, ...]
    drafts: tuple[str, ...]


SKILL_TEXTS: dict[tuple[str, str], SkillTexts] = {
    ("community", "moderation"): SkillTexts(
        "moderation",
        (
            "Write your community guidelines as examples, not rules. 'Disagree with the idea, not the person' lands better than a list of don'ts.",
            "Moderation tip: log every removal with a one-line reason. Three months later you'll thank yourself.",
            "A slow-mode during heated threads does more than any warning message ever did for us.",
        ),
        (
            "How do you handle a long-time member who keeps derailing threads? Warnings feel too formal.",
            "Do you publish moderation decisions, or keep them private? Trying to decide for our forum.",
            "What is a sane moderator-to-member ratio for a community of about 5,000?",
        ),
        (
            "Talk to them privately first, and name the behaviour, not the person. Most people fix it once someone asks kindly.",
            "We publish a monthly summary without names: number of removals, the reasons, what changed in the guidelines.",
            "Ratios matter less than coverage: make sure someone is on in every time zone your members post from.",
        ),
        (
            "Drafted new community guidelines for our Discord, three short sections. Feedback very welcome.",
            "First week moderating on my own. Here's my plan for handling reports, does it hold up?",
        ),
    ),
    ("community", "customer-support"): SkillTexts(
        "customercare",
        (
            "Answer publicly, solve privately: acknowledge on the timeline, move account details to DMs.",
            "Saved replies are fine; sounding like a saved reply is not. Always add one sentence only a person would write.",
            "Track first-response time on social separately from email. People expect minutes, not hours.",
        ),
        (
            "How fast should we reply to complaints on social on weekends? We're a small team.",
            "Any tips for answering an angry customer who tagged our CEO?",
            "Which metrics do you report for social customer care besides response time?",
        ),
        (
            "Post your weekend hours in the bio and stick to them; a clear promise beats a vague fast one.",
            "Reply from the support account, calmly, and offer a direct line. Never argue on the timeline.",
            "Resolution rate and how often people come back with the same problem: those two tell the real story.",
        ),
        (
            "Rewrote our saved replies to sound less robotic. Would love a second pair of eyes.",
            "Here's my first social customer care report for the team. Anything missing?",
        ),
    ),
    ("community", "onboarding"): SkillTexts(
        "onboarding",
        (
            "The best onboarding we ever did: a human says hello within an hour of someone joining. That's it.",
            "Give newcomers one small first task, like introducing themselves in a thread. Belonging starts with a reply.",
            "Introduce newcomers to two people, not twenty. Connections beat welcome packs.",
        ),
        (
            "How do you welcome newcomers without overwhelming them with links?",
            "What's a good first step for people who join and never post?",
            "Do welcome bots help, or do they make a community feel empty?",
        ),
        (
            "One warm message from a real member, one question they can answer, nothing else. Links can wait a week.",
            "Reply to their first like or share with a question. Lurkers often just wait to be invited.",
            "Bots are fine for the rules; the welcome itself should come from a person.",
        ),
        (
            "Designed a welcome flow for new members: a greeting, a buddy, a first-week question. Thoughts?",
            "My draft intro post template for newcomers. Too long?",
        ),
    ),
    ("community", "community-analytics"): SkillTexts(
        "communityhealth",
        (
            "Count replies received by newcomers in their first week. It predicts who stays better than any other number we track.",
            "Active members is a vanity metric unless you also track how many of them help someone else.",
            "Look at who answers questions, month by month. When it's always the same five people, you have a burnout problem coming.",
        ),
        (
            "Which community health metrics do you actually report to leadership?",
            "How do you measure whether members are helping each other, not just posting?",
            "Any good way to spot members who are drifting away before they leave?",
        ),
        (
            "Three numbers: newcomers who got a reply, members who helped someone, and members who came back next month.",
            "Count replies and acknowledgements between members, not posts. Helping shows up as conversations.",
            "Watch for regulars whose replies drop off for a few weeks; a personal check-in works wonders.",
        ),
        (
            "Built my first community health dashboard. Is this telling the right story?",
            "Drafted a quarterly community report for our leadership team. Feedback welcome.",
        ),
    ),
    ("community", "crisis-response"): SkillTexts(
        "crisiscomms",
        (
            "In a crisis, post a holding statement within the hour, even if all it says is 'we're looking into it'.",
            "Pin one place for updates and point every reply there. Scattered answers make a crisis feel bigger.",
            "Pause scheduled posts the moment something goes wrong. Nothing hurts like a cheerful promo during an outage.",
        ),
        (
            "What goes into a social media crisis playbook for a small community team?",
            "How do you keep moderators calm when a thread blows up overnight?",
            "Should community managers speak during a crisis, or leave it to comms?",
        ),
        (
            "Who decides, who posts, where updates go, and a holding statement ready to adapt. Keep it to one page.",
            "A shared channel, shifts of two hours, and permission to lock a thread. Tired moderators make mistakes.",
            "Both, in one voice: comms writes the message, community managers carry it into the conversations.",
        ),
        (
            "My first draft of a crisis playbook for our community team. What am I missing?",
            "Wrote a holding statement template. Does it sound human enough?",
        ),
    ),
    ("marketing", "content-strategy"): SkillTexts(
        "contentstrategy",
        (
            "Plan content around the questions your customers ask, not your product calendar.",
            "One good piece, cut into ten formats, beats ten mediocre pieces. Repurposing is strategy, not laziness.",
            "Every content calendar needs empty slots for the conversations you can't plan.",
        ),
        (
            "How far ahead do you plan your content calendar?",
            "How do you decide what to stop publishing?",
            "What's your process for turning one blog post into social content?",
        ),
        (
            "A month in detail, a quarter in themes. Anything further out changes anyway.",
            "Anything that hasn't earned a save, share or reply in three months goes on the chopping list.",
            "Pull three quotes, one chart and one question from it, then schedule them over two weeks.",
        ),
        (
            "Drafted our Q3 content pillars. Are four too many for a team of two?",
            "Here's my first content calendar for a client. Be honest!",
        ),
    ),
    ("marketing", "paid-social"): SkillTexts(
        "paidsocial",
        (
            "Short-video ads: show the product in the first second. You don't get a second second.",
            "Test creative before audiences. The ad usually matters more than the targeting.",
            "Let a campaign learn for a week before you touch the budget again.",
        ),
        (
            "What's a reasonable test budget for a first paid social campaign?",
            "How many ad variants do you run at once?",
            "Any tips for ads that don't look like ads in a feed?",
        ),
        (
            "Enough for about fifty conversions per ad set per week; below that the algorithm is guessing.",
            "Three to five per ad set, then kill the bottom half every week.",
            "Film it on a phone, with a person talking to the camera. Polished looks paid.",
        ),
        (
            "My first paid social campaign plan for our spring launch. Does the budget split make sense?",
            "Three ad scripts for a short-video test. Which would you run?",
        ),
    ),
    ("marketing", "seo"): SkillTexts(
        "seo",
        (
            "Write the page that answers the search better than anyone else. Everything else in SEO is details.",
            "Internal links are the most underrated SEO lever: they're free and completely in your control.",
            "Refreshing old posts often beats writing new ones. Check what already ranks on page two.",
        ),
        (
            "Is it worth optimising old blog posts, or should we focus on new ones?",
            "How do you pick keywords for a small nonprofit site?",
            "What SEO basics should a social media person know?",
        ),
        (
            "Start with posts on page two of results: small updates there move the needle fastest.",
            "Pick questions your supporters actually type. Long and specific beats short and popular.",
            "Titles, descriptions and link previews: the same text people see when you share a link.",
        ),
        (
            "Rewrote the intro of our top post for search intent. Better?",
            "My keyword list for a client's site. Am I being too ambitious?",
        ),
    ),
    ("marketing", "brand-voice"): SkillTexts(
        "brandvoice",
        (
            "A brand voice guide needs 'we say / we don't say' examples. Adjectives alone mean nothing.",
            "Your brand voice should survive a complaint. If it only works for jokes, it's not a voice.",
            "Read your posts out loud. If no person would say it, rewrite it.",
        ),
        (
            "How do you keep a consistent voice when five people post for the brand?",
            "Can a serious brand be funny on social without losing trust?",
            "What goes into a one-page brand voice guide?",
        ),
        (
            "A shared doc of real examples, updated every month with the best and worst posts.",
            "Warm beats funny. Be funny about yourself, never about your customers.",
            "Three traits, each with a do and a don't, and ten real posts as examples.",
        ),
        (
            "My draft brand voice guide for a small coffee roaster. Does it sound like a person?",
            "Rewrote our bio and pinned post in the new voice. Feedback welcome.",
        ),
    ),
    ("marketing", "campaign-analytics"): SkillTexts(
        "analytics",
        (
            "Decide what success looks like before the campaign starts, then measure only that.",
            "UTM everything, and agree on the naming with the whole team first.",
            "Reach is not a result. Report what people did after seeing the post.",
        ),
        (
            "Which campaign metrics do you put in front of leadership?",
            "How do you attribute results when people see a campaign on three platforms?",
            "Any simple way to build a campaign report that people actually read?",
        ),
        (
            "One business result, two supporting numbers, one lesson. Leadership reads the first line only.",
            "Don't chase perfect attribution; compare periods and look for lift.",
            "A single page: goal, result, what worked, what we'll change. Charts only if they tell something.",
        ),
        (
            "My first campaign report template. Too many charts?",
            "Set up UTMs for our launch. Does this naming scheme make sense?",
        ),
    ),
    ("development", "web-development"): SkillTexts(
        "webdev",
        (
            "Ship the smallest page that works, then measure. Most landing pages don't need a framework.",
            "Compress images before anything else. It's usually half the page weight.",
            "Use semantic HTML first; it gets you accessibility and SEO for free.",
        ),
        (
            "Static site or CMS for a small campaign microsite?",
            "How do you hand a website over to a comms team that doesn't code?",
            "What's the quickest way to make a slow campaign page load faster?",
        ),
        (
            "Static, with a form service. Nothing to patch, nothing to break at midnight.",
            "A CMS with a few locked templates, plus a one-page guide with screenshots.",
            "Images first, then third-party scripts. Those two are usually most of the problem.",
        ),
        (
            "Built my first landing page for a campaign. Code review welcome, be gentle!",
            "Sketched the structure of our new event site. Does it make sense?",
        ),
    ),
    ("development", "api-integrations"): SkillTexts(
        "api",
        (
            "Read the rate limits before you write a line of code against a platform API.",
            "Store the raw API response before you transform it. You'll want it when the platform changes.",
            "Webhooks beat polling, but always keep a slow poll as a safety net.",
        ),
        (
            "How do you deal with platform APIs changing under you?",
            "Best way to pull posts from several social platforms into one place?",
            "How do you keep API keys out of a shared comms team spreadsheet?",
        ),
        (
            "Wrap each API in one small module, pin its version, and test it against a saved response.",
            "One collector per platform writing the same simple format; everything else reads that.",
            "A password manager with shared vaults, and a script that reads keys from the environment.",
        ),
        (
            "Wrote a small script that pulls our mentions into a spreadsheet. Feedback welcome.",
            "Sketched an integration between our CRM and the social inbox. Sensible?",
        ),
    ),
    ("development", "automation"): SkillTexts(
        "automation",
        (
            "Automate the report, not the judgement: a script can collect mentions, a person decides what matters.",
            "Every automation needs an off switch and someone who gets an email when it fails.",
            "Start with the task you do every Monday morning. That's your first automation.",
        ),
        (
            "Which tasks in a PR or comms team are worth automating first?",
            "No-code tools or small scripts for comms automation?",
            "How do I automate a weekly media coverage report?",
        ),
        (
            "Coverage collection, link checks and the weekly report. Leave anything that talks to journalists to people.",
            "No-code until it breaks twice a month, then a small script with a schedule.",
            "A saved search per outlet, a script that collects new links daily, and a template that fills itself.",
        ),
        (
            "Built a bot that posts our weekly coverage round-up. Would love a review.",
            "My first automation: it tags incoming press requests by topic. What could go wrong?",
        ),
    ),
    ("development", "data-engineering"): SkillTexts(
        "data",
        (
            "A dashboard nobody opens is a failed dashboard. Send the three numbers by email instead.",
            "Keep raw data, cleaned data and reports in separate places. Future you will need the raw data.",
            "Write down what every metric means next to the chart. Definitions drift.",
        ),
        (
            "How do you build a simple data pipeline for community metrics without a data team?",
            "Spreadsheet or database for a growing pile of social data?",
            "What belongs on a first dashboard for a comms team?",
        ),
        (
            "A scheduled export, a small script that cleans it, and one table the dashboard reads. That's a pipeline.",
            "A database once you have more than one person editing or more than a year of data.",
            "The three questions leadership asks every month, each answered by one chart.",
        ),
        (
            "Built my first pipeline from our community platform into a dashboard. Does the structure hold up?",
            "Drafted the metric definitions for our data dictionary. Clear enough?",
        ),
    ),
    ("development", "accessibility"): SkillTexts(
        "a11y",
        (
            "Alt text describes what the image says, not what it shows. 'Chart: sign-ups doubled in May.'",
            "Camel-case your hashtags: #CommunityChat, not #communitychat. Screen readers thank you.",
            "Captions on every video, always. Most people watch muted anyway.",
        ),
        (
            "What are the accessibility basics every social post should get right?",
            "How do you write alt text for a complicated infographic?",
            "Any tools to check a campaign page for accessibility quickly?",
        ),
        (
            "Alt text, captions, camel-case hashtags, and no meaning carried by colour alone.",
            "Describe the one point it makes in the alt text, and put the full data in a linked table.",
            "An automated checker first, then a keyboard-only walk through the page. The second finds more.",
        ),
        (
            "Wrote alt text for our annual report graphics. Would love feedback.",
            "Audited our campaign page for accessibility; here's what I found. Did I miss anything?",
        ),
    ),
    ("pr", "media-relations"): SkillTexts(
        "mediarelations",
        (
            "Read the last five pieces a journalist wrote before you pitch them. Every time.",
            "Follow up once, with something new. A second 'just checking in' is a delete.",
            "Build relationships when you need nothing. Share their work, answer their call-outs.",
        ),
        (
            "How do you build a media list from scratch for a niche topic?",
            "When is the right time to follow up after a pitch?",
            "How do you get a journalist to trust you as a source?",
        ),
        (
            "Start from the articles, not a database: who wrote about this in the last six months?",
            "Three working days, once, and only with a new angle or asset.",
            "Be useful when there's nothing in it for you: quick answers, real data, no spin.",
        ),
        (
            "My first media list for a client launch, 20 names. Does the mix look right?",
            "Drafted a pitch email to a trade journalist. Too long?",
        ),
    ),
    ("pr", "press-releases"): SkillTexts(
        "pitching",
        (
            "If the headline of your press release isn't news, the release isn't either.",
            "Put the one sentence a journalist would quote in the first paragraph.",
            "A pitch is three sentences: why this, why now, why their readers.",
        ),
        (
            "Are press releases still worth writing?",
            "How long should a pitch email be?",
            "Embargoes: worth the trouble for a small announcement?",
        ),
        (
            "Yes, as the reference document. The pitch does the selling.",
            "Short enough to read on a phone without scrolling.",
            "Only with journalists you trust, and only when the story needs time to prepare.",
        ),
        (
            "Drafted my first press release for a product launch. Tear it apart, please.",
            "Here's a pitch for a local news angle. Does the hook work?",
        ),
    ),
    ("pr", "reputation-management"): SkillTexts(
        "reputation",
        (
            "Trust lost in a day takes a year to regain. Act like it before anything goes wrong.",
            "Respond to criticism where it was said, briefly, and then move the details elsewhere.",
            "Listen before you speak: set up monitoring for your name long before you need it.",
        ),
        (
            "How do you respond to a wave of negative reviews?",
            "When is silence the right answer to criticism online?",
            "How do you rebuild trust after a public mistake?",
        ),
        (
            "Answer the fair ones publicly and fix what they point at; ignore the trolls.",
            "When answering would spread it further than the criticism ever would.",
            "Say what went wrong, what you changed, and then keep showing it. Slowly.",
        ),
        (
            "Drafted an apology statement for a client's service failure. Does it sound sincere?",
            "My monitoring setup for a client's reputation. Anything I'm missing?",
        ),
    ),
    ("pr", "live-chats"): SkillTexts(
        "livechat",
        (
            "Hosting a live chat: publish the questions a day ahead so people can prepare.",
            "Number everything: Q1, A1. A chat without numbers is chaos in a timeline.",
            "Thank every participant by name afterwards. That's how a one-off becomes a monthly.",
        ),
        (
            "How many questions fit in a one-hour hashtag chat?",
            "How do you get first-timers to join a live chat?",
            "What's the best way to recap a chat afterwards?",
        ),
        (
            "Five or six, about ten minutes each. Fewer if the guest is chatty.",
            "Invite them personally and tell them lurking is fine. Most answer by Q3.",
            "Each question with its three best answers, and who learned what. Post it the next day.",
        ),
        (
            "Planning my first hashtag chat as host. Here are my five questions. Thoughts?",
            "My recap of last night's chat. Too long?",
        ),
    ),
    ("pr", "personal-branding"): SkillTexts(
        "personalbranding",
        (
            "Your personal brand is what people say you helped them with. Help in public.",
            "Pick two topics and be known for them. Ten topics and you're known for none.",
            "Share other people's work generously. Championing others is the best personal branding.",
        ),
        (
            "How do I build a professional presence without feeling like I'm bragging?",
            "Should my profile be personal or strictly professional?",
            "How often should I post to build a reputation in my field?",
        ),
        (
            "Share what you learned this week, and credit who you learned it from. That's not bragging.",
            "Professional with a person in it: one or two personal details make you memorable.",
            "Consistency beats volume: twice a week for a year beats daily for a month.",
        ),
        (
            "Rewrote my profile headline and bio. Does this say what I do?",
            "Drafted my first blog post about what I learned this year. Worth publishing?",
        ),
    ),
}

OPENERS = ("", "", "", "Tip: ", "Lesson from this week: ", "Hard-won lesson: ", "Reminder: ")
QUESTION_OPENERS = ("", "", "Question for the group: ", "Help please: ", "Quick one: ")
DRAFT_CLOSERS = ("", "", " Be honest!", " Thanks in advance.")

# Replies to a post: short comments that keep a conversation going.
REPLIES = (
    "So true. We learned this the hard way last year.",
    "Saving this for our next team meeting.",
    "Great point. How do you make it stick when the team is busy?",
    "We do something similar, and it works well for us too.",
    "This matches what I've seen with clients.",
    "Agree, with one exception: it depends a lot on the audience.",
    "Thanks for putting it so clearly.",
    "Interesting! Have you tried it in a smaller team?",
    "Yes! More people should hear this.",
    "I'd add: write it down so the next person doesn't have to guess.",
)
# Answers from people who are not experts in the skill.
GENERIC_ANSWERS = (
    "Not an expert, but what worked for us was starting small and asking for feedback early.",
    "We asked our members directly. Their answers surprised us.",
    "I'd look at what the people you admire do, and copy the parts that fit you.",
    "Depends on your team size, honestly. Start with what you can keep up every week.",
)
FEEDBACK = (
    "Looks solid. I'd cut the first paragraph and lead with your strongest point.",
    "Good start! Two things: make the ask clearer, and shorten it by a third.",
    "This works. Check the second section, it assumes the reader knows the background.",
    "Nice. I'd add one concrete example; it makes the rest believable.",
    "Really good. Only change: say who it's for in the first line.",
)
LEARNED_NOTES = (
    "",
    "",
    "",
    "Trying this tomorrow.",
    "Exactly what I needed this week.",
    "Saved me hours.",
    "Never thought of it this way.",
    "Used this with a client today. It worked.",
    "Sharing this with my team.",
    "Clear and practical, thank you!",
)
SHARE_COMMENTS = (
    "",
    "",
    "",
    "Worth reading.",
    "This, every time.",
    "Great advice for anyone starting out.",
)
INTRODUCTIONS = (
    "Hi everyone! I'm new here, working in {noun}. Looking forward to learning from you all.",
    "Hello! Just joined. I'm in {noun} and keen to learn about {sought}.",
    "New here, and a bit shy. I work in {noun}; who should I follow?",
)
THANKS_ANSWER = (
    "Thank you, that helps a lot!",
    "This is exactly it. Thanks!",
    "Brilliant, trying this today.",
)


@dataclass(frozen=True)
class ChatSeries:
    """A monthly live chat: its questions (Q1…) and the answers participants give."""

    title: str
    hashtag: str
    track: str
    description: str
    questions: tuple[str, ...]
    answers: tuple[str, ...]


CHAT_SERIES: tuple[ChatSeries, ...] = (
    ChatSeries(
        "PR students' monthly chat",
        "PRStudChat",
        "pr",
        "Students, new grads and PR pros answer questions together, one hour, Q1 to Q5.",
        (
            "What's one thing you wish you'd known before your first PR job?",
            "How did you find your mentors: did you ask, or did it just happen?",
            "Which skill is most underrated for new PR pros?",
            "Social media mentoring: who have you learned from this year without ever meeting them?",
            "How do you build relationships with journalists as a student?",
            "What's the best advice you've had about pitching?",
            "How do you keep learning once you've started working?",
            "Peers, seniors or juniors: who teaches you most?",
            "What makes an internship worth it?",
            "How do you handle your first crisis on the job?",
        ),
        (
            "That writing never stops mattering. Every job is writing.",
            "It just happened, through replies and chats like this one.",
            "Listening. The best PR people I know ask twice as many questions.",
            "Half my mentors are on here and I've never met them.",
            "Follow their work, share it, and reply with something useful.",
            "Know why this story matters to their readers, or don't pitch.",
            "Chats like this, a newsletter or two, and asking dumb questions out loud.",
            "All three, for different things. Juniors taught me every new tool I use.",
            "When someone gives you real work and real feedback.",
            "Stay calm, write everything down, and ask for help early.",
            "Asking for feedback on everything, even when it stings.",
            "Building a portfolio from day one, even from class projects.",
        ),
    ),
    ChatSeries(
        "Community chat",
        "CommunityChat",
        "community",
        "A monthly hour for community managers: welcoming, moderation, health, burnout.",
        (
            "How do you welcome someone who just joined your community?",
            "What's your rule for when to step into a heated thread?",
            "How do you turn lurkers into members who help others?",
            "Which single number tells you your community is healthy?",
            "How do you avoid burnout as a community manager?",
            "Who mentored you into community work?",
            "How do you find the members who could become moderators?",
            "What's the kindest thing a member did in your community this month?",
        ),
        (
            "A personal hello within the hour, and one question they can answer.",
            "When someone's being hurt, not just disagreed with.",
            "Ask them for their opinion directly; people love being asked.",
            "How many newcomers got a reply in their first week.",
            "Office hours for myself, and a co-moderator I trust.",
            "A senior CM who answered my questions here for months, without either of us calling it mentoring.",
            "The ones who already answer questions without being asked.",
            "A regular spent an evening helping a newcomer set up their first event.",
            "Regular check-ins with the quiet ones.",
            "Celebrate members helping members, publicly.",
        ),
    ),
)

NEXT_CHAT_DESCRIPTION = "Next month's chat: bring your questions about finding mentors, plural."


def pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return rng.choice(options)


def hashtags(track: str, skill: str, rng: random.Random) -> str:
    """The track hashtag, sometimes with the topical one after it."""
    track_tag = f"#{TRACK_HASHTAGS[track]}"
    topic = SKILL_TEXTS[(track, skill)].tag
    return f"{track_tag} #{topic}" if rng.random() < 0.6 else track_tag


def tip(rng: random.Random, track: str, skill: str) -> str:
    body = pick(rng, SKILL_TEXTS[(track, skill)].tips)
    return f"{pick(rng, OPENERS)}{body} {hashtags(track, skill, rng)}"


def question(rng: random.Random, track: str, skill: str, mention: str = "") -> str:
    body = pick(rng, SKILL_TEXTS[(track, skill)].questions)
    ask = f" @{mention}, you know this best." if mention else ""
    return f"{pick(rng, QUESTION_OPENERS)}{body}{ask} {hashtags(track, skill, rng)}"


def answer(rng: random.Random, track: str, skill: str, expert: bool = True) -> str:
    return pick(rng, SKILL_TEXTS[(track, skill)].answers if expert else GENERIC_ANSWERS)


def draft(rng: random.Random, track: str, skill: str) -> str:
    body = pick(rng, SKILL_TEXTS[(track, skill)].drafts)
    return f"{body}{pick(rng, DRAFT_CLOSERS)} {hashtags(track, skill, rng)}"


def introduction(rng: random.Random, noun: str, sought: str) -> str:
    return f"{pick(rng, INTRODUCTIONS).format(noun=noun, sought=sought)} #community"
