import time
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mentormesh.engine.errors import LogError
from mentormesh.engine.logio import parse_as_of
from mentormesh.mentorship.actions.ties import (
    TieCounts,
    TiesBusy,
    do_recompute_ties,
    do_update_stale_ties,
)


def as_of_moment(text: str) -> datetime:
    """An ISO-8601 date or time (no offset: UTC); a date is the end of that day, or now for today."""
    try:
        moment = parse_as_of(text)
    except LogError as error:
        raise CommandError(f"--as-of: {error}") from None
    now = timezone.now()
    if len(text.strip()) == 10 and moment.date() == now.date():
        return now  # today: up to this moment
    return moment


class Command(BaseCommand):
    help = (
        "Recompute the mentorship ties from the interaction log now (the daily job does it too), "
        "or with --stale only those of the pairs that interacted since the last update.\n"
        "Example: mentormesh manage recompute_ties --as-of 2026-06-30"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            help="Compute the ties as of this past date or time (ISO-8601, UTC); default now.",
        )
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only the ties of pairs marked stale (what the every-minute job does).",
        )

    def handle(self, *args: object, **options: object) -> None:
        as_of = as_of_moment(str(options["as_of"])) if options["as_of"] else None
        started = time.perf_counter()

        def progress(message: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {message}…")

        try:
            if options["stale"]:
                counts = do_update_stale_ties(as_of)
            else:
                counts = do_recompute_ties(as_of, progress=progress)
        except (TiesBusy, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stdout.write(summary(counts, stale=bool(options["stale"])))


def summary(counts: TieCounts, *, stale: bool) -> str:
    what = f"{counts.pairs:,} stale pairs" if stale else "the whole interaction log"
    return (
        f"Recomputed the ties of {what} ({counts.events:,} interactions) in "
        f"{counts.seconds:.1f} s: {counts.inserted:,} inserted, {counts.updated:,} updated, "
        f"{counts.deleted:,} deleted, {counts.unchanged:,} unchanged; "
        f"{counts.labelled:,} labelled pairs."
    )
