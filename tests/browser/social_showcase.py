"""A small, lively community for the social pages' screenshots: posts in every track, a
question with an accepted answer, shares, favourites, "I learned from this" with notes, a live
chat in progress and a past one with its recap.

``python -m tests.browser.seed showcase`` fills a migrated database with it (to look at the
pages by hand); the screenshot test calls ``build_social_showcase()``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.social import actions
from mentormesh.social.models import Chat, Status, Visibility
from tests.browser.showcase import PASSWORD, build_showcase

__all__ = ["PASSWORD", "build_social_showcase"]


def _track(slug: str) -> Track:
    return Track.objects.get(slug=slug)


def _post(author: User, text: str, minutes_ago: float, **options: object) -> Status:
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return actions.do_create_status(author, text, created_at=at, **options)  # type: ignore[arg-type]


def _chat(
    host: User, title: str, hashtag: str, starts: datetime, minutes: int, *tracks: str
) -> Chat:
    return actions.do_schedule_chat(
        host,
        title=title,
        hashtag=hashtag,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        host=host,
        description="Once a month, students and pros trade what they learned. Answer with A1, A2…",
        tracks=[_track(slug) for slug in tracks],
    )


def build_social_showcase() -> dict[str, object]:
    people = {user.username: user for user in build_showcase()}
    amara, lucas, mei = people["amara_pr"], people["lucas_dev"], people["mei_community"]
    sofia, tom = people["sofia_mkt"], people["tom_student"]
    hana, kofi, ana = people["hana_a11y"], people["kofi_brand"], people["ana_pr"]
    for follower in (lucas, mei, tom, ana, kofi):
        actions.do_follow(follower, amara)
    for followee in (lucas, mei, sofia, hana, tom):
        actions.do_follow(amara, followee)
    actions.do_follow_track(amara, _track("pr"))

    with actions.writing_history():
        question = _post(
            ana,
            "How do you pitch a local journalist who has never covered your cause? "
            "First pitch next week and I'm nervous. #pr",
            180,
            is_question=True,
        )
        answer = _post(
            amara,
            "Read their last ten stories first, then pitch *their* beat, not your cause: "
            "one paragraph, one human, one number. Offer the interview, not the press release.",
            170,
            in_reply_to=question,
        )
        _post(
            kofi,
            "And follow up once, three days later. Never twice. @ana_pr",
            160,
            in_reply_to=question,
        )
        actions.do_accept(ana, question, answer)
        actions.do_learn(
            ana,
            answer,
            note="Pitch their beat, not my cause. Rewrote my pitch tonight.",
            track=_track("pr"),
        )
        actions.do_learn(tom, answer, note="The ten-stories rule", is_public=False)
        actions.do_favourite(mei, answer)
        tip = _post(
            lucas,
            "Tiny win: a 20-line script now tags every support mention with its product area. "
            "Our community team stopped copy-pasting into spreadsheets. Happy to share it. #development",
            95,
            tracks=[_track("development"), _track("community")],
        )
        actions.do_share(amara, tip, "This is how you give a support team its evenings back.")
        actions.do_favourite(amara, tip)
        actions.do_learn(amara, tip, note="Automate the tagging first", track=_track("development"))
        _post(
            hana,
            "Alt text is not a caption. Describe what the image *does* in the post: "
            '"chart: sign-ups doubled after the launch" beats "chart.png". #accessibility',
            60,
            tracks=[_track("development")],
        )
        _post(
            sofia,
            "Brand voice exercise for small shops: write your out-of-stock message three ways — "
            "apologetic, playful, plain. Customers pick plain, every time. #marketing",
            42,
            spoiler_text="Long-ish, with an exercise",
        )
        _post(
            mei,
            "Welcome thread for this week's newcomers: say hi and what you want to learn! #community",
            25,
        )
        _post(
            amara,
            "Followers only: slides from Thursday's crisis-comms workshop are in the shared folder.",
            12,
            visibility=Visibility.PRIVATE,
        )

    now = timezone.now()
    past = _chat(
        tom, "Media relations for students", "PRStudChat", now - timedelta(days=7), 60, "pr"
    )
    with actions.writing_history():
        start = past.starts_at
        q1 = actions.do_release_question(
            past,
            "What was your first pitch, and what did it teach you?",
            created_at=start + timedelta(minutes=2),
        )
        a1 = actions.do_create_status(
            amara,
            "A1: A newsroom pitch in 2006 that I sent to the wrong desk. Lesson: know the beat.",
            in_reply_to=q1,
            chat=past,
            created_at=start + timedelta(minutes=5),
        )
        actions.do_create_status(
            ana,
            "A1: Last month, to a local radio show. It worked because I offered a guest, not a story.",
            in_reply_to=q1,
            chat=past,
            created_at=start + timedelta(minutes=7),
        )
        actions.do_create_status(
            tom,
            "@amara_pr the wrong desk! Did they forward it?",
            in_reply_to=a1,
            chat=past,
            created_at=start + timedelta(minutes=8),
        )
        q2 = actions.do_release_question(
            past,
            "Which tool saves you the most time in media monitoring?",
            created_at=start + timedelta(minutes=20),
        )
        a2 = actions.do_create_status(
            lucas,
            "A2: RSS plus a tiny keyword filter. Boring, free, reliable.",
            in_reply_to=q2,
            chat=past,
            created_at=start + timedelta(minutes=24),
        )
        actions.do_learn(amara, a2, note="Start with RSS before buying a tool", track=_track("pr"))
        actions.do_learn(ana, a2)
        actions.do_learn(tom, a1, is_public=False)

    live = _chat(
        tom,
        "Pitching 101: your first journalist",
        "PRStudChat",
        now - timedelta(minutes=12),
        60,
        "pr",
        "community",
    )
    q1 = actions.do_release_question(live, "What do you research before you pitch someone new?")
    a1 = actions.check_and_create_status(
        amara,
        "A1: Their last ten stories, their beat, and who they quote. Then one paragraph.",
        in_reply_to=q1,
        chat=live,
    )
    actions.check_and_create_status(
        ana,
        "A1: I check whether they covered anyone like us before — and how it went for them.",
        in_reply_to=q1,
        chat=live,
    )
    actions.check_and_create_status(
        tom, "@amara_pr who they quote is such a good tip!", in_reply_to=a1, chat=live
    )
    actions.check_and_favourite(ana, a1)
    actions.do_release_question(live, "How do you follow up without being annoying?")
    _chat(
        mei,
        "Welcoming newcomers without overwhelming them",
        "CommunityHour",
        now + timedelta(days=2),
        45,
        "community",
    )
    return {"people": people, "live_chat": live, "past_chat": past, "question": question}
