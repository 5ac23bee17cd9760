"""The command-line and demo docs are checked against the code they describe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentormesh.cli import cli
from mentormesh.demo.generator import generate_community
from mentormesh.demo.personas import DEMO_PASSWORD, PERSONAS

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_it_documents_every_command(name):
    assert f"## `mentormesh {name}`" in (DOCS / "cli.md").read_text()


def test_it_documents_every_option_of_every_command():
    text = (DOCS / "cli.md").read_text()
    for command in cli.commands.values():
        for param in command.params:
            if param.param_type_name == "option" and not getattr(param, "hidden", False):
                assert f"`{param.opts[0]}`" in text, f"{command.name} {param.opts[0]}"


def test_it_documents_the_personas_and_the_demo_password():
    text = (DOCS / "demo.md").read_text()
    assert f"**`{DEMO_PASSWORD}`**" in text
    for persona in PERSONAS:
        assert f"| `@{persona.handle}` |" in text


def test_it_only_names_handles_that_the_demo_has():
    handles = {member.handle for member in generate_community().members}
    named = set(re.findall(r"`@(\w+)`", (DOCS / "demo.md").read_text()))
    assert named
    assert named <= handles
