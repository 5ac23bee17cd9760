"""The engine's docs are tested: the Python example runs, and every public name is described."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mentormesh.engine

DOCS = Path(__file__).parents[2] / "docs"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_it_runs_the_python_example_in_the_engine_docs(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks((DOCS / "engine.md").read_text(encoding="utf-8"))

    assert len(blocks) == 1
    exec(compile(blocks[0], "docs/engine.md", "exec"), {})  # noqa: S102 - our own docs

    printed = capsys.readouterr().out
    assert "bob learned from alice in 4 different weeks since 2024-03, all in #pr" in printed


def test_it_describes_every_public_name_and_command() -> None:
    text = (DOCS / "engine.md").read_text(encoding="utf-8")

    for name in (
        "analyze_events",
        "analyze",
        "read_log",
        "write_log",
        "read_members",
        "load_rules",
        "mentor_map",
    ):
        assert f"{name}(" in text, name
    assert "mentormesh analyze " in text
    assert "mentormesh convert " in text
    assert set(mentormesh.engine.__all__) >= {"analyze", "analyze_events", "read_log", "write_log"}
