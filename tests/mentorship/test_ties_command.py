"""`mentormesh manage recompute_ties`: the recomputation by hand, with progress."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.management import CommandError, call_command
from django.utils import timezone

from mentormesh.cli import cli
from mentormesh.mentorship.actions.ties import holding_lease
from mentormesh.mentorship.models import StalePair, Tie
from tests.mentorship.ties_story import learn_at, tell_story


def run(*args):
    """The command as `mentormesh manage recompute_ties ...` runs it, output and errors together.
    (Through the real command line, Django closes the database connection at the end, which
    the test's transaction cannot survive on PostgreSQL; the last test goes that way.)"""
    out, err = io.StringIO(), io.StringIO()
    call_command("recompute_ties", *args, stdout=out, stderr=err)
    return err.getvalue() + out.getvalue()


def test_it_recomputes_the_ties_and_says_what_it_did(alice, bob, carol, dave, erin):
    tell_story(alice, bob, carol, dave, erin)
    output = run("--as-of", "2025-05-01")
    assert "reading the interaction log…" in output
    assert "analysing 11 interactions of 5 members…" in output
    assert "8 inserted, 0 updated, 0 deleted, 0 unchanged; 3 labelled pairs." in output
    assert Tie.objects.count() == 8


def test_it_updates_only_the_stale_pairs_when_asked(alice, bob):
    now = timezone.now()
    for weeks_ago in (1, 2, 4):
        learn_at(bob, alice, now - timedelta(weeks=weeks_ago))
    output = run("--stale")
    assert "Recomputed the ties of 1 stale pairs (3 interactions)" in output
    assert not StalePair.objects.exists()
    assert Tie.objects.get(learner=bob, teacher=alice, track="*").label == "mentor"


def test_it_takes_today_as_up_to_now(alice, bob):
    learn_at(bob, alice, timezone.now() - timedelta(minutes=1))
    run("--as-of", f"{timezone.now():%Y-%m-%d}")
    assert Tie.objects.count() == 2


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("last tuesday", "is not an ISO-8601 date or time"), ("2999-01-01", "is in the future")],
)
def test_it_refuses_a_bad_as_of_with_one_line(alice, bob, as_of, message):
    learn_at(bob, alice, timezone.now() - timedelta(days=1))
    with pytest.raises(CommandError, match=message):
        call_command("recompute_ties", "--as-of", as_of)
    assert not Tie.objects.exists()


def test_it_says_when_another_recomputation_is_running(alice, bob):
    with holding_lease(timedelta(minutes=5)), pytest.raises(CommandError, match="running"):
        call_command("recompute_ties")


def test_it_ends_a_bad_as_of_from_the_command_line_without_a_traceback(alice, bob):
    result = CliRunner().invoke(cli, ["manage", "recompute_ties", "--as-of", "2999-01-01"])
    assert result.exit_code == 1
    assert "is in the future" in result.output
    assert "Traceback" not in result.output


def test_it_is_documented_with_its_options():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    assert "### `mentormesh manage recompute_ties`" in docs
    for option in ("--as-of", "--stale"):
        assert f"`{option}`" in docs
