"""Exporting what the app holds in the engine's file formats, to check the engine from the shell.

``export_interaction_log(path)`` writes the app's interaction log as a v1 interaction log (CSV:
``time,actor,target,kind,track,context``; people by handle, time ISO-8601 in UTC);
``export_members(path)`` writes the matching members file (``id,name,career_start,country,
field,tracks_sought,tracks_offered``). With the planted file (``planted.write_planted``)::

    mentormesh demo --export-log log.csv --export-members members.csv --write-planted planted.csv
    mentormesh analyze log.csv --members members.csv --out report/
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import UTC
from pathlib import Path

from mentormesh.accounts.models import Profile, ProfileSkill
from mentormesh.social.models import Interaction

LOG_COLUMNS = ("time", "actor", "target", "kind", "track", "context")
MEMBER_COLUMNS = (
    "id",
    "name",
    "career_start",
    "country",
    "field",
    "tracks_sought",
    "tracks_offered",
)
CHUNK = 5_000


def export_interaction_log(path: str | Path) -> int:
    """Write every row of the interaction log, oldest first; returns how many."""
    rows = (
        Interaction.objects.order_by("time", "id")
        .values_list("time", "actor__username", "target__username", "kind", "track", "context")
        .iterator(chunk_size=CHUNK)
    )
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(LOG_COLUMNS)
        for time, actor, target, kind, track, context in rows:
            writer.writerow((time.astimezone(UTC).isoformat(), actor, target, kind, track, context))
            count += 1
    return count


def export_members(path: str | Path) -> int:
    """Write one row per member with a profile (the engine's members file); returns how many."""
    tracks: dict[tuple[int, str], set[str]] = defaultdict(set)
    for profile_id, kind, slug in ProfileSkill.objects.values_list(
        "profile_id", "kind", "skill__track__slug"
    ):
        tracks[(profile_id, kind)].add(slug)
    rows = [
        (
            profile.user.username,
            profile.display_name,
            profile.career_start_year or "",
            str(profile.country or ""),
            profile.field,
            ";".join(sorted(tracks[(profile.pk, "sought")])),
            ";".join(sorted(tracks[(profile.pk, "offered")])),
        )
        for profile in Profile.objects.select_related("user").order_by("user__username")
    ]
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(MEMBER_COLUMNS)
        writer.writerows(rows)
    return len(rows)
