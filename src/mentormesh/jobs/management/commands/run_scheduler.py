import time

from django.core.management.base import BaseCommand, CommandParser

from mentormesh.jobs.scheduler import enqueue_due_jobs


class Command(BaseCommand):
    help = (
        "Enqueue mentormesh's periodic jobs when they are due (see mentormesh/jobs/schedule.py).\n"
        "Example: mentormesh manage run_scheduler --interval 30"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between checks.")

    def handle(self, *args: object, **options: object) -> None:
        interval = float(options["interval"])  # type: ignore[arg-type]
        while True:
            for name in enqueue_due_jobs():
                self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            time.sleep(interval)
