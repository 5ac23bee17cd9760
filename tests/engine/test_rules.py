"""Credit rules: defaults, the rules file, and its errors."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from mentormesh.engine.analysis import analyze_events
from mentormesh.engine.errors import RulesError
from mentormesh.engine.logio import read_log
from mentormesh.engine.rules import DEFAULT_KINDS, KindRule, Rules, load_rules
from tests.engine.conftest import AS_OF, COMMUNITY, FIXTURES, MEMBERS

DOCS = Path(__file__).parents[2] / "docs"


def test_it_gives_the_issue_directions_to_every_kind() -> None:
    learned_by_actor = {k for k, r in DEFAULT_KINDS.items() if r.direction == "actor_learned"}
    conversational = {k for k, r in DEFAULT_KINDS.items() if r.conversational}

    assert learned_by_actor == {"learned", "thanks", "accept", "share", "favourite", "mention"}
    assert {k for k, r in DEFAULT_KINDS.items() if r.direction == "target_learned"} == {
        "answer",
        "review",
        "reply",
    }
    assert conversational == {"reply", "mention"}
    assert max(DEFAULT_KINDS.values(), key=lambda r: r.weight) == DEFAULT_KINDS["learned"]


def test_it_documents_every_rule_and_its_default() -> None:
    text = (DOCS / "interaction-log.md").read_text(encoding="utf-8")
    defaults = Rules()

    for setting in fields(Rules):
        assert f"`{setting.name}`" in text, setting.name
    for kind, rule in DEFAULT_KINDS.items():
        assert f"| `{kind}` | {rule.weight:g} | {rule.direction} |" in text, kind
    for name in (
        "half_life_days",
        "horizon_weeks",
        "consistency_weeks",
        "min_strength",
        "min_focus",
    ):
        assert f"`{name}` | {getattr(defaults, name):g} |" in text, name


def test_it_loads_a_rules_file_over_the_defaults() -> None:
    rules = load_rules(FIXTURES / "rules.toml")

    assert (rules.consistency_weeks, rules.half_life_days) == (4, 90)
    assert rules.kinds["review"] == KindRule(0.4, "target_learned")
    assert rules.kinds["learned"] == DEFAULT_KINDS["learned"]
    assert rules.resolve_kind("kudos") == "thanks"
    assert rules.min_focus == Rules().min_focus


def test_it_analyses_with_the_rules_file() -> None:
    rules = load_rules(FIXTURES / "rules.toml")
    events = read_log(COMMUNITY, rules=rules, as_of=AS_OF).events

    analysis = analyze_events(events, members=MEMBERS, rules=rules, as_of=AS_OF)

    assert analysis.tie("carol", "dave")["label"] == "peer"  # type: ignore[index]
    assert analysis.tie("dave", "carol")["label"] == ""  # type: ignore[index]  # 3 weeks < 4


def test_it_defines_new_kinds_in_the_rules_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[kinds.endorse]\nweight = 0.6\ndirection = "actor_learned"\n', encoding="utf-8"
    )

    assert load_rules(path).kinds["endorse"] == KindRule(0.6, "actor_learned")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("consistency_weeks = 0", r"consistency_weeks must be a number >= 1, not 0"),
        ("consistency_weeks = 2.5", r"consistency_weeks must be a number >= 1, not 2.5"),
        ('half_life_days = "long"', r"half_life_days must be a number > 0.0, not 'long'"),
        ("min_focus = 1.5", r"min_focus is a share between 0 and 1"),
        ("consistency = 3", r"unknown setting 'consistency'"),
        (
            "[kinds.endorse]\nweight = 0.6",
            r"\[kinds.endorse\] is a new kind: give its direction and weight",
        ),
        ('[kinds.learned]\ndirection = "sideways"', r"\[kinds.learned\]: direction must be one of"),
        (
            '[aliases]\nkudos = "praise"',
            r"alias 'kudos' maps to 'praise', which is not a known kind",
        ),
        ('bot_patterns = ["(unclosed"]', r"bot pattern '\(unclosed' is not a regular expression"),
        ("consistency_weeks = ", r"not a TOML file"),
    ],
)
def test_it_refuses_a_bad_rules_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text + "\n", encoding="utf-8")

    with pytest.raises(RulesError, match=rf"rules\.toml: {message}"):
        load_rules(path)


def test_it_recognises_bots_by_id_pattern() -> None:
    rules = Rules()

    bots = ["dependabot[bot]", "welcome-bot", "ci_bot", "renovate", "ubottu", "Release.Bot"]
    people = ["abbott", "bottle", "robot", "bob", "botanist"]
    assert all(rules.is_bot(b) for b in bots)
    assert not any(rules.is_bot(p) for p in people)
