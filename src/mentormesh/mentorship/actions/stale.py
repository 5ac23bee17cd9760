"""Marking ties stale when interactions land, cheaply, in the transaction that logs them.

Kept apart from ``ties`` (which loads the engine) so the social actions can import it
without pulling in Ibis, pandas or DuckDB.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import OuterRef, Q, Subquery

from mentormesh.mentorship.models import StalePair
from mentormesh.social.models import Interaction

# (pk, interaction id) of a mark as it was read: it is cleared only if still the same.
Mark = tuple[int, int]
CLEAR_CHUNK = 200


def mark_pair_stale(person: int, other: int, interaction: int) -> None:
    """Mark the ties between two members stale (one upsert); ``interaction`` is the newest
    interaction between them. Call it in the transaction that logs the interaction."""
    mark_pairs_stale(person, {other: interaction})


def mark_pairs_stale(person: int, latest: Mapping[int, int]) -> None:
    """Mark the ties between ``person`` and each member in ``latest`` stale, in one upsert;
    ``latest`` maps each of them to the newest interaction between the two."""
    marks = [
        StalePair(low_id=min(person, other), high_id=max(person, other), interaction=interaction)
        for other, interaction in latest.items()
        if other != person
    ]
    if marks:
        StalePair.objects.bulk_create(
            marks,
            update_conflicts=True,
            unique_fields=["low", "high"],
            update_fields=["interaction"],
        )


def marks_up_to(moment: datetime, limit: int | None = None) -> list[tuple[int, int, int, int]]:
    """The marks whose interaction happened by ``moment`` (or is gone), oldest first:
    ``(pk, interaction, low, high)``. A mark for a later interaction waits for a later run."""
    happened = Interaction.objects.filter(pk=OuterRef("interaction")).values("time")
    marks = (
        StalePair.objects.annotate(at=Subquery(happened))
        .filter(Q(at__lte=moment) | Q(at__isnull=True))
        .order_by("interaction")
        .values_list("pk", "interaction", "low_id", "high_id")
    )
    return list(marks if limit is None else marks[:limit])


def clear_marks(marks: Sequence[Mark]) -> int:
    """Delete the marks that have not changed since they were read; a mark that a newer
    interaction moved on stays for the next run. Returns how many were deleted."""
    deleted = 0
    for start in range(0, len(marks), CLEAR_CHUNK):
        chunk = marks[start : start + CLEAR_CHUNK]
        unchanged = reduce(or_, (Q(pk=pk, interaction=interaction) for pk, interaction in chunk))
        deleted += StalePair.objects.filter(unchanged).delete()[0]
    return deleted
