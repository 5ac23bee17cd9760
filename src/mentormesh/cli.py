"""The ``mentormesh`` command: a thin shell over library functions that tests call directly.

To add a command, write its library function, then a few lines here, and a section in
docs/cli.md (tests/cli/test_docs.py fails for an undocumented command)::

    @cli.command()
    @click.argument("export", type=click.Path(exists=True, dir_okay=False))
    def analyze(export: str) -> None:
        \"\"\"One sentence on what it does.

        \\b
        Example:
          mentormesh analyze twitter-archive.zip
        \"\"\"
        report = analyze_export(export)  # the library does the work
        click.echo(report)

Commands that need Django call ``setup_django()`` first; configuration errors then end the
command with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from mentormesh import __version__
from mentormesh.demo import DEFAULT_MEMBERS, DEFAULT_SEED, MAX_MEMBERS
from mentormesh.demo.personas import DEMO_PASSWORD, PERSONAS, STEWARD
from mentormesh.engine.commands import COMMANDS as ENGINE_COMMANDS

if TYPE_CHECKING:
    from mentormesh.demo.records import DemoCommunity

DEFAULT_SETTINGS = "mentormesh.settings"
ASGI_APP = "mentormesh.asgi:application"
# Open streams (live updates) get this long to finish when the server stops.
GRACEFUL_SHUTDOWN_SECONDS = 5
# A task in progress gets this long to finish when the server stops the worker.
WORKER_STOP_SECONDS = 10.0


class CliError(click.ClickException):
    """A failure the user can act on: one line on stderr, exit status 1."""


class ConfigurationError(CliError):
    """Bad configuration or arguments: one line on stderr, exit status 2."""

    exit_code = 2


# --- library functions (each usable and tested without the command line) --------------------


def setup_django() -> None:
    """Configure Django from the environment (``mentormesh.settings`` unless told otherwise)."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise ConfigurationError(f"{error} (See docs/configuration.md.)") from None


@contextmanager
def database_errors_explained() -> Iterator[None]:
    """Turn "cannot reach the database" into one clear line instead of a traceback."""
    from django.db import OperationalError

    try:
        yield
    except OperationalError as error:
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise CliError(f"The database is not usable: {first_line}") from None


def apply_migrations() -> int:
    """Bring the database schema up to date; returns how many migrations were applied."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return pending


def community_has_members() -> bool:
    from mentormesh.accounts.models import User

    return User.objects.exists()


def check_workers_allowed(workers: int) -> None:
    """More than one server process only on the scale-out setup (PostgreSQL and Redis)."""
    from django.conf import settings

    if workers > 1 and (settings.EMBEDDED or not settings.REDIS_URL):
        raise ConfigurationError(
            "--workers above 1 needs DATABASE_URL and REDIS_URL: without Redis, live updates "
            "only reach members served by the same process. Run one worker (the default)."
        )


def open_listener(host: str, port: int) -> socket.socket:
    """Bind the server's socket now, so a taken port fails before anything else happens."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        reason = (error.strerror or str(error)).rstrip(".")
        hint = {
            errno.EADDRINUSE: " Another program is using it: stop that or choose another --port.",
            errno.EACCES: " Ports below 1024 need administrator rights: choose another --port.",
        }.get(error.errno or 0, "")
        raise ConfigurationError(f"Cannot listen on {host}:{port}: {reason}.{hint}") from None
    listener.set_inheritable(True)
    return listener


def server_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def uses_database_tasks() -> bool:
    from django.conf import settings

    return bool(settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend")


def start_task_worker() -> subprocess.Popen[bytes]:
    """Start ``mentormesh worker`` as a child process that stops when this process ends.

    It gets its own session so that Ctrl-C in the terminal reaches only the server, which then
    stops the worker once, letting a running task finish.
    """
    command = [sys.executable, "-m", "mentormesh.cli", "worker", "--parent-pid", str(os.getpid())]
    return subprocess.Popen(command, start_new_session=True)  # noqa: S603 (our own module)


def stop_task_worker(
    process: subprocess.Popen[bytes], timeout: float = WORKER_STOP_SECONDS
) -> None:
    """Ask the worker to stop (it finishes a running task first); kill it after ``timeout``."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
        process.wait()


def run_task_worker(parent_pid: int | None = None) -> None:
    """Run django-tasks-db's worker on every queue until stopped (SIGINT/SIGTERM), and beside
    it the scheduler that enqueues the periodic jobs when they are due (jobs/schedule.py;
    several schedulers may run at once, each job is still enqueued once)."""
    from django.core.management import call_command, get_commands

    if not uses_database_tasks():
        raise ConfigurationError(
            "The task worker needs TASKS to use django_tasks_db.DatabaseBackend."
        )
    if parent_pid is not None:
        threading.Thread(target=_stop_when_parent_ends, args=(parent_pid,), daemon=True).start()
        # Its "press Ctrl+C again to force" notice misleads under serve, which stops it itself.
        logging.getLogger("django_tasks_db").addFilter(_drop_shutdown_notice)
    if "run_scheduler" in get_commands():
        threading.Thread(target=_run_scheduler, daemon=True, name="scheduler").start()
    call_command("db_worker", "--queue-name=*", "--no-reload", "--no-startup-delay")


def _run_scheduler() -> None:
    from django.core.management import call_command

    # Quiet: the worker already logs every task it runs.
    call_command("run_scheduler", stdout=io.StringIO())


def _drop_shutdown_notice(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Received %s - shutting down gracefully")


def _stop_when_parent_ends(parent_pid: int) -> None:
    # If the server is killed outright, it cannot stop us; notice and stop ourselves.
    while os.getppid() == parent_pid:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


def run_http_server(listener: socket.socket, workers: int = 1) -> None:
    """Serve the ASGI app with uvicorn on an already bound socket, until a signal stops it."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        ASGI_APP,
        workers=workers,
        lifespan="off",  # Django has no ASGI lifespan support
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    if workers > 1:
        Multiprocess(config, sockets=[listener]).run()
    else:
        uvicorn.Server(config).run(sockets=[listener])


@contextmanager
def interrupted_by_signals() -> Iterator[None]:
    """Make SIGTERM behave like Ctrl-C (KeyboardInterrupt), so both stop the server cleanly.

    uvicorn handles both while it serves and re-raises the signal after shutting down; with
    this handler installed, that becomes a KeyboardInterrupt the caller turns into a clean exit.
    """
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, _raise_keyboard_interrupt) for sig in handled}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _raise_keyboard_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_management_command(args: Sequence[str]) -> None:
    """Run ``django-admin``-style ``args`` (e.g. ``["createsuperuser"]``) as ``mentormesh manage``."""
    from django.core.management import ManagementUtility

    ManagementUtility(["mentormesh manage", *args]).execute()


# --- the commands -----------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="mentormesh")
def cli() -> None:
    """mentormesh: a self-hostable social mentoring network.

    \b
    Example:
      mentormesh serve      start on http://127.0.0.1:8000 with a demo community
    """


def _port(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise ConfigurationError(f"--port must be a number from 1 to 65535, not {value!r}.")
    return port


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: every interface).",
)
@click.option(
    "--port",
    default="8000",
    show_default=True,
    metavar="PORT",
    callback=_port,
    help="Port to listen on.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes. Above 1 only with DATABASE_URL and REDIS_URL set (see docs/cli.md).",
)
@click.option("--no-worker", is_flag=True, help="Don't start the background task worker.")
@click.option(
    "--no-demo", is_flag=True, help="Don't load the demo community into an empty database."
)
def serve(host: str, port: int, workers: int, no_worker: bool, no_demo: bool) -> None:
    """Start mentormesh: the web app and the API, ready to use.

    Applies database migrations; on the embedded default (SQLite in MENTORMESH_DATA_DIR) also
    loads the demo community into an empty database and runs the background task worker
    beside the server. Ctrl-C (or SIGTERM) stops both.

    \b
    Example:
      mentormesh serve --port 8080
    """
    setup_django()
    serve_forever(host, port, workers=workers, task_worker=not no_worker, demo=not no_demo)


def serve_forever(
    host: str, port: int, *, workers: int = 1, task_worker: bool = True, demo: bool = True
) -> None:
    """Everything `mentormesh serve` does, until SIGINT or SIGTERM stops it cleanly."""
    from django.conf import settings

    check_workers_allowed(workers)
    worker: subprocess.Popen[bytes] | None = None
    with interrupted_by_signals():
        try:
            listener = open_listener(host, port)
            try:
                _prepare_database(load_demo=settings.EMBEDDED and demo)
                if settings.EMBEDDED and task_worker and uses_database_tasks():
                    worker = start_task_worker()
                    click.echo(f"Task worker started (pid {worker.pid}).")
                _announce(host, port)
                run_http_server(listener, workers)
            finally:
                if worker is not None:
                    stop_task_worker(worker)
                listener.close()
        except KeyboardInterrupt:
            pass
    click.echo("mentormesh stopped.")


def _prepare_database(*, load_demo: bool) -> None:
    from django.conf import settings

    where = f"SQLite in {settings.DATA_DIR}" if settings.EMBEDDED else "DATABASE_URL"
    click.echo(f"mentormesh {__version__} · database: {where}")
    with database_errors_explained():
        applied = apply_migrations()
        if applied:
            click.echo(f"Applied {applied} database migrations.")
        if community_has_members():
            return
        if load_demo:
            click.echo("The community is empty: loading the demo community (skip with --no-demo).")
            _load_demo_with_progress(seed=DEFAULT_SEED, members=DEFAULT_MEMBERS, reset=False)
        else:
            click.echo(
                "The community has no members yet: `mentormesh manage createsuperuser` creates "
                "the first steward, `mentormesh demo` loads a demo community to try things out."
            )


def _announce(host: str, port: int) -> None:
    from django.conf import settings

    from mentormesh.demo.load import demo_personas_present

    click.echo(f"mentormesh is running at {server_url(host, port)} (press Ctrl-C to stop)")
    allowed = settings.ALLOWED_HOSTS
    if "*" not in allowed and (f"[{host}]" if ":" in host else host) not in allowed:
        click.echo("Requests are answered only for MENTORMESH_ALLOWED_HOSTS: " + ", ".join(allowed))
    present = demo_personas_present()
    if present:
        example = next(persona.handle for persona in PERSONAS if persona.handle in present)
        click.echo(
            f'Demo login: @{example} (or any demo member), password "{DEMO_PASSWORD}"; '
            f"the steward @{STEWARD.handle} can use /admin/."
        )


class _StageBars:
    """One progress bar per stage of loading the demo's activity (stage, done, total)."""

    def __init__(self) -> None:
        self.stage = ""
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=total, label=f"Writing {stage}")
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None


def _load_demo_with_progress(
    *, seed: int, members: int, reset: bool, outputs: dict[str, str | None] | None = None
) -> None:
    from django.utils import timezone

    from mentormesh.demo.generator import generate_community
    from mentormesh.demo.load import DemoError, check_community_empty, install_demo

    now = timezone.now()
    try:
        if not reset:
            check_community_empty()  # before any work; install_demo checks again, atomically
        click.echo(f"Generating the demo community (seed {seed}, {members} members)…")
        community = generate_community(seed, members)
        label = f"Loading {len(community.members)} demo members"
        stages = _StageBars()
        with click.progressbar(length=len(community.members), label=label) as bar:
            summary = install_demo(
                community,
                reset=reset,
                progress=lambda *_: bar.update(1),
                now=now,
                stage_progress=stages,
            )
        stages.close()
    except DemoError as error:
        raise CliError(str(error)) from None
    if summary.removed_members:
        click.echo(f"Deleted {summary.removed_members} members.")
    click.echo(
        f"Loaded {summary.members} demo members ({summary.offered_skills} skills offered, "
        f"{summary.sought_skills} sought) with six months of activity: {summary.posts:,} posts, "
        f"{summary.favourites:,} favourites, {summary.shares:,} shares, {summary.learned:,} "
        f'"I learned from this", {summary.accepted_answers:,} accepted answers, '
        f"{summary.follows:,} follows, {summary.chats} chats and {summary.planted_ties} planted "
        f"mentorship ties, in {summary.seconds:.1f} s."
    )
    click.echo(
        f"The mentorship engine labelled {summary.labelled_ties} pairs (mentors, peers, ...)."
    )
    _write_demo_files(community, now, outputs or {})


def _check_writable(paths: Iterable[str]) -> None:
    """Refuse, before loading anything, to write where a file cannot be written."""
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise CliError(f"Cannot write {path}: the folder {folder} does not exist.")
        if os.path.isdir(path) or not os.access(folder, os.W_OK):
            raise CliError(f"Cannot write {path}: it is a folder or not writable.")


def _write_demo_files(
    community: DemoCommunity, now: datetime, outputs: dict[str, str | None]
) -> None:
    """The planted file, the interaction log and the members file, where asked for."""
    from mentormesh.demo.export import export_interaction_log, export_members
    from mentormesh.demo.planted import write_planted

    writers = {
        "planted": (lambda path: write_planted(path, community, now), "planted ties"),
        "log": (export_interaction_log, "interactions"),
        "members": (export_members, "members"),
    }
    for key, (write, what) in writers.items():
        path = outputs.get(key)
        if path:
            try:
                count = write(path)
            except OSError as error:
                raise CliError(f"Cannot write {path}: {error.strerror or error}.") from None
            click.echo(f"Wrote {count:,} {what} to {path}.")


@cli.command()
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="The same seed always gives the same community.",
)
@click.option(
    "--members",
    type=click.IntRange(len(PERSONAS), MAX_MEMBERS),
    default=DEFAULT_MEMBERS,
    show_default=True,
    help="How many members, the named personas included.",
)
@click.option(
    "--reset",
    is_flag=True,
    help="First delete every member except superusers, with everything that is theirs (profiles, "
    "skills, tokens, posts). Tracks and skills are kept.",
)
@click.option(
    "--write-planted",
    metavar="PATH",
    help="Write the planted mentorship ties (CSV: learner,teacher,track,label,first_week,"
    "last_week,note) of the loaded demo to PATH.",
)
@click.option(
    "--export-log",
    metavar="PATH",
    help="Write the interaction log (CSV, the v1 log format) to PATH after loading.",
)
@click.option(
    "--export-members",
    metavar="PATH",
    help="Write the members file (CSV, for `mentormesh analyze --members`) to PATH after loading.",
)
def demo(
    seed: int,
    members: int,
    reset: bool,
    write_planted: str | None,
    export_log: str | None,
    export_members: str | None,
) -> None:
    """Load the demo community: realistic members across the tracks with six months of activity
    and planted mentorship ties, for trying mentormesh out.

    Applies migrations first. Refuses when the community already has members, unless --reset.
    --write-planted, --export-log and --export-members write the planted ties, the interaction
    log and the members file (CSV) of what was loaded, to check the engine against.

    \b
    Every demo member logs in with the password "mentormesh-demo" (docs/demo.md).

    \b
    Example:
      mentormesh demo --seed 7 --members 500 --reset --write-planted planted.csv
    """
    outputs = {"planted": write_planted, "log": export_log, "members": export_members}
    _check_writable(path for path in outputs.values() if path)
    setup_django()
    with database_errors_explained():
        apply_migrations()
        _load_demo_with_progress(seed=seed, members=members, reset=reset, outputs=outputs)
    click.echo(
        f'Every demo member logs in with the password "{DEMO_PASSWORD}", e.g. @{PERSONAS[0].handle}; '
        f"the steward @{STEWARD.handle} can use /admin/. Demo data is for trying mentormesh out, "
        "not for a real community."
    )


@cli.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command; everything after `manage` is passed on unchanged.

    \b
    Example:
      mentormesh manage createsuperuser
      mentormesh manage migrate --plan
      mentormesh manage check --help
    """
    setup_django()
    run_management_command(args)


@cli.command()
@click.option(
    "--parent-pid", type=int, hidden=True, help="Stop when this process ends (used by serve)."
)
def worker(parent_pid: int | None) -> None:
    """Run the background task worker (django-tasks-db) and the periodic-job scheduler.

    `mentormesh serve` starts one itself on the embedded default; on the scale-out setup
    (DATABASE_URL) run one or more beside the servers.

    \b
    Example:
      mentormesh worker
    """
    setup_django()
    run_task_worker(parent_pid)


# The mentorship engine's commands (no Django): `mentormesh analyze` and `mentormesh convert`.
for _engine_command in ENGINE_COMMANDS:
    cli.add_command(_engine_command)


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="mentormesh")


if __name__ == "__main__":
    main()
