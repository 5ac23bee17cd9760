"""The `mentormesh` command line: help, version, demo, manage and their errors."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from mentormesh import __version__
from mentormesh.accounts.models import User
from mentormesh.cli import cli, server_url
from tests.cli.helpers import SCRIPT, embedded_env, run_script

COMMANDS = sorted(cli.commands)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_it_shows_an_example_in_every_help(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "  mentormesh " in result.output.split("Example:")[1]


def test_it_prints_its_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"mentormesh, version {__version__}\n"


def test_it_runs_as_the_installed_console_script(tmp_path):
    result = run_script("--help", env=embedded_env(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("serve", "demo", "manage"):
        assert name in result.stdout
    assert SCRIPT.exists()


def test_it_passes_management_commands_through(runner, db):
    result = runner.invoke(cli, ["manage", "check"])
    assert result.exit_code == 0, result.output
    assert "System check identified no issues" in result.output


def test_it_passes_options_like_help_through_unchanged(runner):
    result = runner.invoke(cli, ["manage", "check", "--help"])
    assert result.exit_code == 0
    assert "usage: mentormesh manage check" in result.output
    assert "--deploy" in result.output


def test_it_refuses_the_demo_when_members_exist(runner, alice):
    result = runner.invoke(cli, ["demo", "--members", "20"])
    assert result.exit_code == 1
    assert "already has 1 member;" in result.output
    assert "--reset" in result.output
    assert "Loading" not in result.output
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]


def test_it_replaces_the_members_with_the_demo_on_reset(runner, alice):
    result = runner.invoke(cli, ["demo", "--members", "20", "--seed", "5", "--reset"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 members." in result.output
    assert "Loaded 20 demo members" in result.output
    assert '"mentormesh-demo"' in result.output
    assert User.objects.count() == 20
    assert not User.objects.filter(username="alice").exists()


def test_it_loads_the_demo_into_an_empty_community(runner, db):
    result = runner.invoke(cli, ["demo", "--members", "12"])
    assert result.exit_code == 0, result.output
    assert User.objects.count() == 12


@pytest.mark.parametrize("port", ["70000", "0", "http", "-1"])
def test_it_refuses_a_bad_port_in_one_line(runner, port):
    result = runner.invoke(cli, ["serve", "--port", port])
    assert result.exit_code == 2
    assert result.output == f"Error: --port must be a number from 1 to 65535, not {port!r}.\n"


def test_it_refuses_an_occupied_port_in_one_line(runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.output
    assert "another --port" in result.output


def test_it_refuses_several_workers_without_redis(runner, settings):
    settings.REDIS_URL = None
    result = runner.invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers above 1 needs DATABASE_URL and REDIS_URL" in result.output


@pytest.mark.parametrize(
    "command", [["serve", "--no-demo"], ["demo"], ["manage", "check"], ["worker"]]
)
def test_it_reports_bad_configuration_in_one_line(tmp_path, command):
    result = run_script(*command, env=embedded_env(tmp_path, MENTORMESH_DEBUG="yes"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [
        "Error: MENTORMESH_DEBUG='yes' is not a boolean: use true/false or 1/0. "
        "(See docs/configuration.md.)"
    ]


def test_it_shows_ipv6_addresses_in_brackets():
    assert server_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert server_url("::1", 8080) == "http://[::1]:8080/"
