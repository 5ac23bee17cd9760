"""Credit rules: how much each kind of interaction says about who learned from whom.

Every default is documented with its reason in docs/interaction-log.md ("The rules file").
A rules file (TOML) overrides any of them; keys it does not name keep their defaults.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from mentormesh.engine.errors import RulesError

Direction = Literal["actor_learned", "target_learned"]
DIRECTIONS: tuple[Direction, ...] = ("actor_learned", "target_learned")


@dataclass(frozen=True)
class KindRule:
    """One kind: its weight, who learned (the actor or the target), and whether it is chat.

    Conversational kinds (reply, mention) follow the thread rule: within one ``context``, only
    credit in the direction the pair's exchange began counts (docs/engine.md).
    """

    weight: float
    direction: Direction
    conversational: bool = False


DEFAULT_KINDS: dict[str, KindRule] = {
    # The learner says so: the actor learned from the target.
    "learned": KindRule(1.0, "actor_learned"),
    "accept": KindRule(0.8, "actor_learned"),
    "thanks": KindRule(0.7, "actor_learned"),
    "share": KindRule(0.3, "actor_learned"),
    "favourite": KindRule(0.15, "actor_learned"),
    # The teacher acted: the target learned from the actor.
    "answer": KindRule(0.5, "target_learned"),
    "review": KindRule(0.5, "target_learned"),
    # Conversation: weak, and only in the direction a thread's exchange began.
    "reply": KindRule(0.2, "target_learned", conversational=True),
    "mention": KindRule(0.1, "actor_learned", conversational=True),
}

DEFAULT_ALIASES: dict[str, str] = {
    "learn": "learned",
    "thank": "thanks",
    "accepted": "accept",
    "accepted_answer": "accept",
    "favorite": "favourite",
    "like": "favourite",
    "fav": "favourite",
    "boost": "share",
    "reblog": "share",
    "retweet": "share",
    "repost": "share",
}

# Patterns use the part of regular-expression syntax RE2 (DuckDB) and Java (Spark) share.
DEFAULT_BOT_PATTERNS: tuple[str, ...] = (
    r"(?i)\[bot\]$",
    r"(?i)(^|[-_.])bot$",
    r"(?i)^(dependabot|renovate|github-actions|mergify|codecov|ubottu|ubotu)$",
)


@dataclass(frozen=True)
class Rules:
    """The engine's knobs. Defaults in docs/interaction-log.md, with the reason for each."""

    kinds: Mapping[str, KindRule] = field(default_factory=lambda: dict(DEFAULT_KINDS))
    aliases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    half_life_days: float = 180.0
    horizon_weeks: int = 52
    consistency_weeks: int = 3
    min_strength: float = 1.5
    min_focus: float = 0.1
    focus_min_weeks: int = 2
    reciprocity_weeks: int = 3
    experience_gap_years: float = 3.0
    emerging_weeks: int = 8
    emerging_min_weeks: int = 2
    fading_weeks: int = 8
    bot_patterns: tuple[str, ...] = DEFAULT_BOT_PATTERNS

    def __post_init__(self) -> None:
        check_rules(self)

    def resolve_kind(self, kind: str) -> str | None:
        """The known kind a (normalised) kind stands for, or None when it is unknown."""
        if kind in self.kinds:
            return kind
        target = self.aliases.get(kind)
        return target if target in self.kinds else None

    def is_bot(self, member_id: str) -> bool:
        return any(pattern.search(member_id) for pattern in compiled(tuple(self.bot_patterns)))


@lru_cache(maxsize=16)
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


NUMBER_SETTINGS: dict[str, tuple[type, float, bool]] = {
    "half_life_days": (float, 0.0, False),
    "horizon_weeks": (int, 0, True),
    "consistency_weeks": (int, 1, True),
    "min_strength": (float, 0.0, True),
    "min_focus": (float, 0.0, True),
    "focus_min_weeks": (int, 1, True),
    "reciprocity_weeks": (int, 1, True),
    "experience_gap_years": (float, 0.0, True),
    "emerging_weeks": (int, 1, True),
    "emerging_min_weeks": (int, 1, True),
    "fading_weeks": (int, 1, True),
}


def check_rules(rules: Rules) -> None:
    for name, (number_type, low, inclusive) in NUMBER_SETTINGS.items():
        value = getattr(rules, name)
        numeric = isinstance(value, number_type | int) and not isinstance(value, bool)
        if not numeric or not (value >= low if inclusive else value > low):
            bound = f">= {low}" if inclusive else f"> {low}"
            raise RulesError(f"{name} must be a number {bound}, not {value!r}")
    if rules.min_focus > 1:
        raise RulesError(f"min_focus is a share between 0 and 1, not {rules.min_focus!r}")
    for kind, rule in rules.kinds.items():
        if rule.direction not in DIRECTIONS:
            raise RulesError(f"kind {kind!r}: direction must be one of {', '.join(DIRECTIONS)}")
        if not (rule.weight >= 0 and math.isfinite(rule.weight)):
            raise RulesError(f"kind {kind!r}: weight must be a number >= 0, not {rule.weight!r}")
    for alias, target in rules.aliases.items():
        if target not in rules.kinds:
            raise RulesError(f"alias {alias!r} maps to {target!r}, which is not a known kind")
    for pattern in rules.bot_patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RulesError(f"bot pattern {pattern!r} is not a regular expression: {exc}") from exc


def load_rules(path: str | Path) -> Rules:
    """Rules from a TOML file; every key it leaves out keeps its default."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path}: no such rules file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: not a TOML file: {exc}") from None
    try:
        return rules_from_dict(data)
    except RulesError as exc:
        raise RulesError(f"{path}: {exc}") from None


def rules_from_dict(data: Mapping[str, Any]) -> Rules:
    defaults = Rules()
    settings: dict[str, Any] = {}
    known = {f.name for f in fields(Rules)}
    for key, value in data.items():
        if key not in known:
            raise RulesError(f"unknown setting {key!r} (known: {', '.join(sorted(known))})")
        if key == "kinds":
            settings["kinds"] = kinds_from_dict(value, defaults.kinds)
        elif key == "aliases":
            settings["aliases"] = aliases_from_dict(value, defaults.aliases)
        elif key == "bot_patterns":
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise RulesError("bot_patterns must be a list of strings")
            settings["bot_patterns"] = tuple(value)
        else:
            settings[key] = value
    return replace(defaults, **settings)


def kinds_from_dict(data: object, defaults: Mapping[str, KindRule]) -> dict[str, KindRule]:
    if not isinstance(data, dict):
        raise RulesError("[kinds] must be a table of kinds")
    kinds = dict(defaults)
    for name, spec in data.items():
        kind = normalise_kind(name)
        if not isinstance(spec, dict):
            raise RulesError(f"[kinds.{name}] must be a table (weight, direction, conversational)")
        unknown = set(spec) - {"weight", "direction", "conversational"}
        if unknown:
            raise RulesError(f"[kinds.{name}]: unknown key {sorted(unknown)[0]!r}")
        base = kinds.get(kind)
        if base is None and "direction" not in spec:
            raise RulesError(f"[kinds.{name}] is a new kind: give its direction and weight")
        weight = spec.get("weight", base.weight if base else None)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise RulesError(f"[kinds.{name}]: weight must be a number, not {weight!r}")
        conversational = spec.get("conversational", base.conversational if base else False)
        if not isinstance(conversational, bool):
            raise RulesError(f"[kinds.{name}]: conversational must be true or false")
        direction = spec.get("direction", base.direction if base else None)
        if direction not in DIRECTIONS:
            raise RulesError(f"[kinds.{name}]: direction must be one of {', '.join(DIRECTIONS)}")
        kinds[kind] = KindRule(float(weight), direction, conversational)
    return kinds


def aliases_from_dict(data: object, defaults: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise RulesError("[aliases] must map kind names to known kind names")
    aliases = dict(defaults)
    aliases.update({normalise_kind(k): normalise_kind(v) for k, v in data.items()})
    return aliases


def normalise_kind(kind: str) -> str:
    return kind.strip().lower()


def normalise_track(track: str) -> str:
    """Tracks are hashtags: ``#PR``, ``pr`` and `` Pr `` are the same track, ``pr``."""
    return track.strip().lstrip("#").strip().lower()
