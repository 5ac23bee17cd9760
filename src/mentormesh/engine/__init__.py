"""The mentorship engine: interaction events in; credits, ties, labels and maps out.

Pure Python and dataframe code: this package must never import Django. The public names are
loaded on first use, so ``import mentormesh.engine.events`` stays light (no Ibis, no pandas)::

    from mentormesh.engine import analyze_events, read_log

    analysis = analyze_events(read_log("events.csv").events, as_of="2024-06-30")
    analysis.ties            # one row per (learner, teacher, track), labelled and explained
    analysis.mentor_map("bob")

docs/engine.md describes the computation; docs/interaction-log.md the input formats.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentormesh.engine.analysis import Analysis, analyze, analyze_events
    from mentormesh.engine.errors import EngineError, LogError, MembersError, Problem, RulesError
    from mentormesh.engine.events import LOG_COLUMNS, Interaction
    from mentormesh.engine.logio import LogReadResult, read_log, write_log
    from mentormesh.engine.maps import MapTie, MentorMap
    from mentormesh.engine.members import Member, Members, read_members
    from mentormesh.engine.rules import KindRule, Rules, load_rules

_PUBLIC = {
    "Analysis": "analysis",
    "analyze": "analysis",
    "analyze_events": "analysis",
    "EngineError": "errors",
    "LogError": "errors",
    "MembersError": "errors",
    "Problem": "errors",
    "RulesError": "errors",
    "LOG_COLUMNS": "events",
    "Interaction": "events",
    "LogReadResult": "logio",
    "read_log": "logio",
    "write_log": "logio",
    "MapTie": "maps",
    "MentorMap": "maps",
    "Member": "members",
    "Members": "members",
    "read_members": "members",
    "KindRule": "rules",
    "Rules": "rules",
    "load_rules": "rules",
}

__all__ = [
    "LOG_COLUMNS",
    "Analysis",
    "EngineError",
    "Interaction",
    "KindRule",
    "LogError",
    "LogReadResult",
    "MapTie",
    "Member",
    "Members",
    "MembersError",
    "MentorMap",
    "Problem",
    "Rules",
    "RulesError",
    "analyze",
    "analyze_events",
    "load_rules",
    "read_log",
    "read_members",
    "write_log",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'mentormesh.engine' has no attribute {name!r}")
    return getattr(import_module(f"mentormesh.engine.{module}"), name)
