"""The engine's command-line layer: ``mentormesh analyze`` and ``mentormesh convert``.

A thin shell over the library (analysis.analyze, logio.write_log). Bad input ends in one line
on stderr naming file, line and value, and exit code 2 - never a traceback. The ``mentormesh``
group in cli.py registers these commands (``COMMANDS``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from mentormesh.engine.errors import EngineError
from mentormesh.engine.events import Interaction

EXIT_BAD_INPUT = 2
REPORT_EVERY = 50_000


def fail(message: object) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)


def stage_printer() -> Callable[[str], None]:
    started = time.perf_counter()

    def say(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.1f}s] {message}", err=True)

    return say


@click.command(
    "analyze",
    help="""Find who consistently learns from whom in interaction logs.

Reads LOG files (.csv, .jsonl/.ndjson, optionally .gz, or .parquet; format v1, see
docs/interaction-log.md), or a source such as a Stack Exchange dump directory or a git
repository, converted on the fly. Writes DIR/ties.csv, DIR/members.csv and DIR/report.html.
Bad rows are skipped and summarised; --strict stops at the first.

\b
Example:
  mentormesh analyze events.csv more.jsonl --out report/ --members members.csv --as-of 2024-06-30
""",
)
@click.argument(
    "logs", metavar="LOG...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for ties.csv, members.csv and report.html (created if missing).",
)
@click.option(
    "--members",
    "members_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Members file (.csv or .jsonl): experience, country, field, tracks sought and offered.",
)
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Rules file (TOML) overriding the documented defaults.",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where the analysis runs: embedded DuckDB, or Apache Spark (needs mentormesh[spark]).",
)
@click.option(
    "--spark-master",
    metavar="URL",
    help="Spark master for --engine spark (default: local mode, or $MENTORMESH_SPARK_MASTER).",
)
@click.option(
    "--as-of",
    metavar="DATE",
    help="Analyse as of this ISO-8601 date or time (default: the latest event); later events are errors.",
)
@click.option(
    "--strict", is_flag=True, help="Stop at the first bad row or file instead of skipping it."
)
def analyze_command(
    logs: tuple[Path, ...],
    out_dir: Path,
    members_path: Path | None,
    rules_path: Path | None,
    engine: str,
    spark_master: str | None,
    as_of: str | None,
    strict: bool,
) -> None:
    from mentormesh.engine.analysis import analyze

    say = stage_printer()
    try:
        analysis = analyze(
            logs,
            out_dir,
            members_path=members_path,
            rules_path=rules_path,
            backend=engine,
            as_of=as_of,
            strict=strict,
            progress=say,
            spark_master=spark_master,
        )
    except (EngineError, OSError) as exc:
        fail(exc)
    say("done")
    if analysis.reading is not None:
        click.echo(analysis.reading.summary())
    for problem in analysis.problems:
        if problem.code == "members-disagree":
            click.echo(f"  warning: {problem}")
    click.echo(result_summary(analysis.summary))
    for name in ("ties.csv", "members.csv", "report.html"):
        click.echo(f"wrote {out_dir / name}")


def result_summary(summary: dict[str, Any]) -> str:
    from mentormesh.engine.labels import LABELS

    ignored = [
        (summary["self_interactions"], "self-interactions"),
        (summary["bot_events"], "bot events"),
        (summary["outside_horizon"], "outside the horizon"),
        (summary["zero_weight"], "zero-weight kinds"),
        (summary["followups"], "conversation follow-ups"),
    ]
    set_aside = ", ".join(f"{n} {what}" for n, what in ignored if n) or "nothing"
    labels = ", ".join(f"{summary[label]} {label}" for label in LABELS)
    return (
        f"as of {summary['as_of'][:10]} on {summary['backend']}: {summary['credits']} learning credits "
        f"(set aside: {set_aside}); {summary['pairs']} pairs, {summary['labelled']} labelled: {labels}; "
        f"{summary['members']} members"
    )


@click.command(
    "convert",
    help="""Convert a source (a Stack Exchange dump, a git repository, ...) to an interaction log.

SOURCE names a converter (stackexchange, git, irc; see docs/sources.md); PATH is what it
reads. The log is written as CSV or JSON Lines by
the extension of --out (.csv, .jsonl, optionally .gz), and only once it is complete.

\b
Example:
  mentormesh convert git ~/src/project --out project-log.csv
""",
)
@click.argument("source")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The log file to write (.csv, .jsonl, .csv.gz, .jsonl.gz).",
)
def convert_command(source: str, path: Path, out: Path) -> None:
    from mentormesh.engine.logio import write_log

    say = stage_printer()
    converter = find_converter(source)
    say(f"converting {path} ({source})")
    try:
        count = write_log(reporting(converter(path), say), out)
    except (EngineError, ValueError, OSError) as exc:  # a source's SourceError is a ValueError
        fail(exc)
    click.echo(f"wrote {count} events to {out}")


def find_converter(source: str) -> Callable[[Path], Iterable[Interaction]]:
    try:
        from mentormesh.engine.sources import SOURCES
    except ImportError:
        fail("no source converters are available in this installation")
    if source not in SOURCES:
        fail(f"unknown source {source!r} (known: {', '.join(sorted(SOURCES))})")
    converter: Callable[[Path], Iterable[Interaction]] = SOURCES[source]
    return converter


def reporting(events: Iterable[Interaction], say: Callable[[str], None]) -> Iterator[Interaction]:
    """Pass events through, saying every so often how many went by."""
    for count, event in enumerate(events, 1):
        if count % REPORT_EVERY == 0:
            say(f"converted {count:,} events")
        yield event


COMMANDS = (analyze_command, convert_command)
