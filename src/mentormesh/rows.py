"""Lean reads and inserts for the hottest write paths (posting, storing real-time events).

Building a statement through the ORM costs ten times more than running it on SQLite (a
``filter().values_list()`` about 0.3 ms, the statement itself about 0.03 ms), and posting
runs a dozen of them. These helpers send plain parameterised SQL through Django's cursor, so
the statements still run in the current transaction, are counted by the test helpers and
work on SQLite and PostgreSQL alike. Table and column names always come from the models.

``insert`` is ``bulk_create`` without its extras: no signals (``bulk_create`` sends none
either), no ids read back (rows with an auto-increment id don't learn it), one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

# Quoting is the same on SQLite and PostgreSQL ("name"), so quoted names are kept per process.


@cache
def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return connection.ops.quote_name(field.column)


def placeholders(count: int) -> str:
    """``%s, %s, …`` for an ``IN (…)`` of ``count`` values (at least one)."""
    return ", ".join(["%s"] * max(1, count))


def select(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    """Run a statement that returns no rows; returns how many rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


@cache
def _insert_plan(
    model: type[models.Model], with_auto_id: bool, vendor: str
) -> tuple[tuple[Any, ...], str, str]:
    """The fields written, the statement up to ``VALUES`` and one row's placeholders."""
    fields = tuple(
        field
        for field in model._meta.local_concrete_fields
        if with_auto_id or not isinstance(field, models.AutoField)
    )
    names = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    statement = f"INSERT INTO {table(model)} ({names}) VALUES "  # noqa: S608 (model's names)
    return fields, statement, f"({placeholders(len(fields))})"


def insert(objects: Sequence[models.Model]) -> None:
    """Insert these unsaved instances of one model in one statement (like ``bulk_create``:
    field defaults and ``pre_save`` apply, no signals are sent). Instances with an
    auto-increment id don't get it back."""
    if not objects:
        return
    fields, statement, row = _insert_plan(
        type(objects[0]), objects[0].pk is not None, connection.vendor
    )
    # The connection itself, not the proxy ``django.db.connection`` (a lookup per use).
    db = connections[DEFAULT_DB_ALIAS]
    batch = len(objects)
    if batch * len(fields) > 999:  # the most parameters every backend takes in one statement
        batch = max(1, db.ops.bulk_batch_size(list(fields), list(objects)))
    with db.cursor() as cursor:
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            values: list[Any] = []
            for obj in chunk:
                values += [
                    field.get_db_prep_save(field.pre_save(obj, True), db) for field in fields
                ]
            cursor.execute(statement + ", ".join([row] * len(chunk)), values)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = db.alias
