"""Months of demo activity: deterministic, current, in every track, with chats, loaded in bulk."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest

from mentormesh.accounts.models import User
from mentormesh.demo.activity import activity_summary
from mentormesh.demo.clock import activity_end
from mentormesh.demo.export import LOG_COLUMNS, export_interaction_log, export_members
from mentormesh.demo.generator import _stream, generate_community, generate_members
from mentormesh.demo.load import install_demo, load_demo
from mentormesh.demo.personas import PERSONAS
from mentormesh.social.models import (
    Chat,
    Favourite,
    Follow,
    Interaction,
    Learned,
    Notification,
    Status,
    TrackFollow,
)

NOW = datetime(2026, 3, 12, 15, 30, tzinfo=UTC)  # a Thursday afternoon
END = activity_end(NOW)


@pytest.fixture(scope="module")
def small():
    return generate_community(seed=11, members=40)


def test_it_generates_the_same_activity_for_the_same_seed(small):
    again = generate_community(seed=11, members=40)
    assert again.activity == small.activity
    assert activity_summary(again.activity) == activity_summary(small.activity)
    assert generate_community(seed=12, members=40).activity != small.activity


def test_it_leaves_the_members_of_a_seed_as_they_were(small):
    generated = generate_members(_stream(11, "members"), 40 - len(PERSONAS))
    assert small.members == (*PERSONAS, *generated)


def test_it_makes_months_of_activity_at_full_size():
    counts = activity_summary(generate_community().activity)
    assert 3_000 <= counts["posts"] <= 5_000
    assert counts["questions"] >= 300
    assert counts["accepted_answers"] >= 150
    assert counts["chats"] == 12
    reactions = sum(counts[k] for k in ("favourites", "shares", "learned", "accepted_answers"))
    # Replies and answers are logged too: together 10k-20k interactions with the follows.
    total = reactions + counts["replies"] + counts["follows"]
    assert 10_000 <= total <= 20_000, counts


def test_it_loads_the_full_size_demo_and_reports_what_it_wrote(db):
    """The one full-size load of the suite: every count the summary reports is in the database."""
    community = generate_community()
    stages: list[tuple[str, int, int]] = []
    summary = load_demo(community, now=NOW, stage_progress=lambda *s: stages.append(s))
    counts = activity_summary(community.activity)
    assert summary.members == User.objects.count() == 300
    assert summary.posts == Status.objects.filter(reblog_of=None).count() == counts["posts"]
    assert summary.shares == Status.objects.exclude(reblog_of=None).count()
    assert summary.favourites == Favourite.objects.count()
    assert summary.learned == Learned.objects.count()
    assert summary.accepted_answers == Status.objects.exclude(accepted_answer=None).count()
    assert summary.follows == Follow.objects.count()
    assert counts["track_follows"] == TrackFollow.objects.count()
    assert summary.chats == Chat.objects.count() == 12
    assert 8_000 <= Interaction.objects.count() <= 20_000
    assert [stage for stage, done, total in stages if done == total] == [
        "chats",
        "follows",
        "posts and reactions",
        "rows to the database",
        "mentorship ties",
    ]


def test_it_places_the_activity_in_the_six_months_before_now(db, small):
    load_demo(small, now=NOW)
    times = Status.objects.values_list("created_at", flat=True)
    assert max(times) <= END
    assert min(times) >= NOW - timedelta(weeks=27)
    assert max(times) >= END - timedelta(days=4)  # it looks current
    assert max(Interaction.objects.values_list("time", flat=True)) <= END
    assert not Status.objects.filter(created_at__gt=NOW).exists()


def test_it_writes_posts_in_every_track_through_their_hashtags(db, small):
    load_demo(small, now=NOW)
    tracks = set(Status.objects.values_list("tracks__slug", flat=True))
    assert {"pr", "marketing", "community", "development"} <= tracks
    for tag in ("#pr", "#marketing", "#community", "#dev"):
        assert Status.objects.filter(text__contains=tag).exists(), tag
    assert Status.objects.filter(tags__name="mediarelations").exists()


def test_it_asks_and_answers_questions_and_accepts_answers(db, small):
    load_demo(small, now=NOW)
    accepted = Status.objects.exclude(accepted_answer=None).select_related("accepted_answer")
    assert accepted.count() >= 10
    for question in accepted:
        assert question.is_question
        assert question.accepted_answer.in_reply_to_id == question.pk
    assert Interaction.objects.filter(kind="accept").count() == accepted.count()
    assert Interaction.objects.filter(kind="answer").count() >= accepted.count()
    learned = Learned.objects.exclude(note="")
    assert learned.exists()
    assert Interaction.objects.filter(kind="learned").count() == Learned.objects.count()


def test_it_holds_past_chats_with_numbered_questions_and_answers_in_their_windows(db, small):
    load_demo(small, now=NOW)
    past = Chat.objects.filter(ends_at__lte=NOW).order_by("starts_at")
    assert past.count() == 11
    assert {chat.hashtag for chat in past} == {"PRStudChat", "CommunityChat"}
    for chat in past:
        questions = Status.objects.filter(chat=chat, chat_question__isnull=False).order_by("id")
        numbers = [q.chat_question for q in questions]
        assert numbers == list(range(1, len(numbers) + 1)), chat
        assert len(numbers) >= 4, chat
        for question in questions:
            assert question.account_id == chat.host_id
            assert question.text.startswith(f"Q{question.chat_question}: ")
            answers = question.replies.all()
            assert answers.exists(), question.text
            for answer in answers:
                assert answer.chat_id == chat.pk
                assert chat.starts_at <= answer.created_at < chat.ends_at
        posts = Status.objects.filter(chat=chat)
        assert all(chat.starts_at <= p.created_at < chat.ends_at for p in posts)
        assert posts.filter(text__startswith="A1: ").exists()
    assert Learned.objects.filter(status__chat__in=past, status__text__startswith="A").exists()


def test_it_schedules_one_upcoming_chat_in_the_next_days(db, small):
    load_demo(small, now=NOW)
    upcoming = Chat.objects.get(starts_at__gt=NOW)
    assert timedelta(days=2) <= upcoming.starts_at - NOW <= timedelta(days=5)
    assert upcoming.host.username == "mira_pr"
    assert upcoming.created_at < NOW
    assert not Status.objects.filter(chat=upcoming).exists()


def test_it_gives_the_personas_sensible_follows(db, small):
    load_demo(small, now=NOW)

    def follows(handle):
        return set(
            Follow.objects.filter(follower__username=handle).values_list(
                "followee__username", flat=True
            )
        )

    assert {"priya_bots", "dana_steward"} <= follows("mira_pr")
    assert "mira_pr" in follows("lena_mkt")
    assert "dana_steward" in follows("ana_newcomer")
    for persona in PERSONAS:
        followed = TrackFollow.objects.filter(account__username=persona.handle)
        assert followed.filter(track__slug=persona.home_track).exists(), persona.handle


def test_it_leaves_only_the_last_days_notifications_unread(db, small):
    load_demo(small, now=NOW)
    unread = Notification.objects.filter(read_at=None)
    assert Notification.objects.count() > 500
    assert unread.exists()
    assert not unread.filter(created_at__lt=NOW - timedelta(days=2)).exists()


def test_it_loads_the_same_rows_for_the_same_seed_and_now(db, small):
    def log():
        return sorted(
            Interaction.objects.values_list(
                "time", "actor__username", "target__username", "kind", "track"
            )
        )

    install_demo(small, now=NOW)
    first = log()
    install_demo(small, now=NOW, reset=True)
    assert log() == first
    assert len(first) > 1_000


def test_it_exports_the_interaction_log_as_the_database_holds_it(db, small, tmp_path):
    load_demo(small, now=NOW)
    path = tmp_path / "log.csv"
    assert export_interaction_log(path) == Interaction.objects.count()
    with path.open(newline="") as exported:
        reader = csv.DictReader(exported)
        assert tuple(reader.fieldnames or ()) == LOG_COLUMNS
        rows = [tuple(row.values()) for row in reader]
    in_db = [
        (time.isoformat(), actor, target, kind, track, context)
        for time, actor, target, kind, track, context in Interaction.objects.order_by(
            "time", "id"
        ).values_list("time", "actor__username", "target__username", "kind", "track", "context")
    ]
    assert rows == in_db
    assert all(row[0].endswith("+00:00") for row in rows)


def test_it_exports_the_members_file_for_the_engine(db, small, tmp_path):
    load_demo(small, now=NOW)
    path = tmp_path / "members.csv"
    assert export_members(path) == User.objects.count() == 40
    with path.open(newline="") as exported:
        rows = {row["id"]: row for row in csv.DictReader(exported)}
    assert rows["mira_pr"]["career_start"] == str(NOW.year - 22)
    assert rows["mira_pr"]["country"] == "GB"
    assert rows["priya_bots"]["tracks_offered"] == "development"
    assert rows["lena_mkt"]["tracks_sought"] == "marketing;pr"
