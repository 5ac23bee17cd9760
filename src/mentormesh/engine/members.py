"""The optional members file: who people are, how experienced, which tracks they seek and offer.

Columns (CSV with header, or JSON Lines): ``id`` (required), ``name``, ``experience_years`` or
``career_start``, ``country``, ``field``, ``tracks_sought``, ``tracks_offered`` (lists are
``;``-separated in CSV, arrays or ``;``-separated text in JSON). A curated file with a duplicate
id or a bad number is an error naming its file and line, never a guess.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from mentormesh.engine.errors import MembersError, Problem, shown
from mentormesh.engine.logio import FileProblem, check_magic, csv_rows, log_format, text_lines
from mentormesh.engine.rules import normalise_track

MEMBER_COLUMNS = (
    "id",
    "name",
    "experience_years",
    "career_start",
    "country",
    "field",
    "tracks_sought",
    "tracks_offered",
)
CAREER_START = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Member:
    id: str
    name: str | None = None
    experience_years: float | None = None
    career_start: date | None = None
    country: str | None = None
    field: str | None = None
    tracks_sought: tuple[str, ...] = ()
    tracks_offered: tuple[str, ...] = ()

    def experience_at(self, moment: datetime) -> float | None:
        """Years of experience at ``moment``: as given, or counted from the career start."""
        if self.experience_years is not None:
            return self.experience_years
        if self.career_start is not None:
            return max(0.0, (moment.date() - self.career_start).days / 365.25)
        return None


@dataclass
class Members:
    """The members of one file, by id, plus notes about columns it ignored."""

    file: str
    by_id: dict[str, Member] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.by_id)

    def __contains__(self, member_id: object) -> bool:
        return member_id in self.by_id

    def get(self, member_id: str) -> Member | None:
        return self.by_id.get(member_id)

    def disagreements(self, log_ids: Iterable[str]) -> list[Problem]:
        """Where the file and the log disagree so much that one of them is likely wrong.

        Ids in the file that never appear in the log are fine (quiet members), and so are
        log ids missing from the file (a partial file); no id in common at all is a problem.
        """
        seen = set(log_ids)
        if not self.by_id or not seen or seen & self.by_id.keys():
            return []
        folded = {i.casefold() for i in seen}
        hint = (
            " (they differ only in upper/lower case)"
            if any(i.casefold() in folded for i in self.by_id)
            else f" (e.g. {shown(next(iter(sorted(self.by_id))))} is not in the log)"
        )
        message = f"none of the {len(self.by_id)} ids in the members file appears in the log{hint}"
        return [Problem(self.file, None, "id", None, message, "members-disagree")]


def read_members(path: str | Path) -> Members:
    """Read a members file (``.csv`` or ``.jsonl``/``.ndjson``, optionally ``.gz``)."""
    path = Path(path)
    if not path.is_file():
        raise MembersError(f"{path}: no such members file")
    members = Members(str(path))
    try:
        fmt, gz = log_format(path)
        if fmt == "parquet":
            raise FileProblem("a members file is .csv or .jsonl")
        check_magic(path, fmt, gz)
        rows = csv_records(path, gz, members) if fmt == "csv" else jsonl_records(path, gz, members)
        first_line: dict[str, int] = {}
        for line, record in rows:
            member = member_from_record(record, members.file, line)
            if member.id in first_line:
                where = f"{members.file}:{line}"
                raise MembersError(
                    f"{where}: duplicate id {shown(member.id)} (first on line {first_line[member.id]})"
                )
            first_line[member.id] = line
            members.by_id[member.id] = member
    except FileProblem as exc:
        raise MembersError(f"{path}: {exc}") from None
    if not members.by_id:
        raise MembersError(f"{path}: no members in the file")
    return members


def csv_records(path: Path, gz: bool, members: Members) -> Iterator[tuple[int, dict[str, str]]]:
    names, rows = csv_rows(path, gz)
    if "id" not in names:
        raise FileProblem(f"no 'id' column (the header has {', '.join(map(repr, names[:8]))})")
    note_unknown(names, members)
    for start, row in rows:
        if len(row) != len(names):
            raise MembersError(
                f"{path}:{start}: expected {len(names)} fields, found {len(row)}: "
                f"{shown(','.join(row))}"
            )
        yield start, dict(zip(names, row, strict=True))


def jsonl_records(path: Path, gz: bool, members: Members) -> Iterator[tuple[int, dict[str, Any]]]:
    names: set[str] = set()
    for number, text in enumerate(text_lines(path, gz), 1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError:
            raise MembersError(f"{path}:{number}: not valid JSON: {shown(text.strip())}") from None
        if not isinstance(record, dict):
            raise MembersError(f"{path}:{number}: not a JSON object: {shown(text.strip())}")
        names.update(record)
        yield number, record
    note_unknown(names, members)


def note_unknown(names: Iterable[str], members: Members) -> None:
    extra = sorted(set(names) - set(MEMBER_COLUMNS))
    if extra:
        members.notes.append(
            f"{members.file}: ignored unknown column(s) {', '.join(map(repr, extra))}"
        )


def member_from_record(record: dict[str, Any], file: str, line: int) -> Member:
    where = f"{file}:{line}"
    member_id = text(record.get("id"), where, "id")
    if not member_id:
        raise MembersError(f"{where}: id is empty")
    return Member(
        id=member_id,
        name=text(record.get("name"), where, "name"),
        experience_years=experience(record.get("experience_years"), where),
        career_start=career_start(record.get("career_start"), where),
        country=text(record.get("country"), where, "country"),
        field=text(record.get("field"), where, "field"),
        tracks_sought=tracks(record.get("tracks_sought"), where, "tracks_sought"),
        tracks_offered=tracks(record.get("tracks_offered"), where, "tracks_offered"),
    )


def text(value: object, where: str, column: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and column == "id":
        return str(value)
    if not isinstance(value, str):
        raise MembersError(f"{where}: {column} must be text, not {shown(value)}")
    return value.strip() or None


def experience(value: object, where: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    years = float("nan")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        with contextlib.suppress(ValueError):
            years = float(value)
    if not 0 <= years <= 80:
        raise MembersError(
            f"{where}: experience_years must be a number of years (0-80), not {shown(value)}"
        )
    return years


def career_start(value: object, where: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = CAREER_START.match(str(value).strip()) if isinstance(value, str | int) else None
    try:
        if match is None or isinstance(value, bool):
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        start = date(year, month, day)
        if not 1900 <= year <= datetime.now(UTC).year:
            raise ValueError
    except ValueError:
        raise MembersError(
            f"{where}: career_start must be a year or date like 2015 or 2015-09, not {shown(value)}"
        ) from None
    return start


def tracks(value: object, where: str, column: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = list(value.split(";"))
    elif isinstance(value, list):
        items = value
    else:
        raise MembersError(f"{where}: {column} must be a ';'-separated list, not {shown(value)}")
    if not all(isinstance(item, str) for item in items):
        raise MembersError(f"{where}: {column} must list track names, not {shown(value)}")
    names = (normalise_track(str(item)) for item in items)
    return tuple(dict.fromkeys(name for name in names if name))


def experience_years(member: Member, as_of: datetime) -> float | None:
    """A member's years of experience at ``as_of`` as the analysis uses them (one decimal)."""
    years = member.experience_at(as_of)
    return round(years, 1) if years is not None else None


def members_frame(members: Members | None, ids: Iterable[str], as_of: datetime) -> pd.DataFrame:
    """One row per member (file and log together): id, name, experience and tracks."""
    known = members.by_id if members else {}
    every = sorted(set(ids) | known.keys())
    found = [known.get(member_id) for member_id in every]
    rows = [m if m is not None else Member(i) for i, m in zip(every, found, strict=True)]
    columns = {
        "id": every,
        "name": [m.name for m in rows],
        "experience_years": [experience_years(m, as_of) for m in rows],
        "country": [m.country for m in rows],
        "field": [m.field for m in rows],
        "tracks_sought": [list(m.tracks_sought) for m in rows],
        "tracks_offered": [list(m.tracks_offered) for m in rows],
        "in_members_file": [m is not None for m in found],
    }
    return pd.DataFrame(
        columns, columns=[*MEMBER_COLUMNS[:3], *MEMBER_COLUMNS[4:], "in_members_file"]
    )


def members_from_sources(sources: dict[str, str]) -> Members | None:
    """What converted sources know of their people (names, experience), as a members file
    would say it; records a source gets wrong are left out with a note, not fatal."""
    from mentormesh.engine.sources import source_members

    members = Members("(members from sources)")
    for path, source in sources.items():
        for number, record in enumerate(source_members(source, Path(path)), 1):
            try:
                member = member_from_record(dict(record), f"{path} member", number)
            except MembersError as exc:
                members.notes.append(f"left out a member: {exc}")
                continue
            members.by_id.setdefault(member.id, member)
    return members if members.by_id else None
