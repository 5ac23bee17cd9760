"""Typed readers for environment variables that fail loudly on bad values.

Every variable mentormesh reads is declared in ``SETTINGS_DOC`` so that the documentation
table (docs/configuration.md) and `.env.example` can be checked against the code by a test.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true"})
FALSE_WORDS = frozenset({"0", "false", ""})


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS_DOC: tuple[Setting, ...] = (
    Setting(
        "MENTORMESH_DATA_DIR",
        "./var",
        "Directory for the SQLite database, uploads, the generated secret key and file email.",
    ),
    Setting(
        "DATABASE_URL",
        "(unset: SQLite in the data directory)",
        "Database URL, e.g. `postgres://user:pass@host:5432/mentormesh`.",
    ),
    Setting(
        "REDIS_URL",
        "(unset: in-process event bus)",
        "Redis URL for the event bus across processes, e.g. `redis://127.0.0.1:6379/0`.",
    ),
    Setting(
        "MENTORMESH_SECRET_KEY",
        "(generated into the data directory)",
        "Django secret key, at least 32 characters; required when `DATABASE_URL` is set.",
    ),
    Setting("MENTORMESH_DEBUG", "false", "Django debug mode: `true` or `false` (also `1`/`0`)."),
    Setting(
        "MENTORMESH_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the server answers to.",
    ),
    Setting(
        "MENTORMESH_CSRF_TRUSTED_ORIGINS",
        "(none)",
        "Comma-separated origins (`https://example.org`) trusted for form posts behind a proxy.",
    ),
    Setting(
        "MENTORMESH_EMAIL_URL",
        "console://",
        "Where email goes: `console://`, `file:///path/to/dir`, `smtp://user:pass@host:587?tls=true`, `smtps://…`.",
    ),
    Setting("MENTORMESH_FROM_EMAIL", "mentormesh@localhost", "Sender address for email."),
    Setting(
        "MENTORMESH_SITE_NAME", "mentormesh", "The community's name, shown in pages and email."
    ),
    Setting(
        "MENTORMESH_SECURE", "false", "Serve behind HTTPS: secure cookies, HSTS, redirect to https."
    ),
    Setting("MENTORMESH_MAX_POST_CHARS", "500", "The longest post, in characters."),
    Setting(
        "MENTORMESH_REQUEST_EXPIRY_DAYS",
        "14",
        "Days after which an unanswered mentorship request expires (shown as not available).",
    ),
    Setting(
        "MENTORMESH_OPEN_REQUESTS_MAX",
        "3",
        "How many mentorship requests a member may have waiting for an answer at once.",
    ),
    Setting(
        "MENTORMESH_NUDGE_QUIET_DAYS",
        "28",
        "Days without contact before a mentorship counts as quiet; also the least time between "
        "two nudges about the same person.",
    ),
    Setting(
        "MENTORMESH_DUCKDB_MEMORY_LIMIT",
        "(DuckDB's: 80% of memory)",
        "The engine's memory limit on DuckDB, e.g. 8GB (the analyze command and the in-app ties).",
    ),
    Setting(
        "MENTORMESH_DUCKDB_TEMP_DIRECTORY",
        "(DuckDB's)",
        "Where the engine on DuckDB spills what does not fit in memory.",
    ),
    Setting("MENTORMESH_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING, ERROR."),
)


def _raw(name: str, env: Mapping[str, str] | None) -> str | None:
    return (os.environ if env is None else env).get(name)


def envstr(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    value = _raw(name, env)
    return default if value is None else value.strip()


def envbool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, env)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true/false or 1/0.")


def envint(
    name: str, default: int, env: Mapping[str, str] | None = None, *, minimum: int = 0
) -> int:
    value = _raw(name, env)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
    return number


def envlist(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, env)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envchoice(
    name: str, default: str, choices: tuple[str, ...], env: Mapping[str, str] | None = None
) -> str:
    value = envstr(name, default, env)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def envurl(name: str, schemes: tuple[str, ...], env: Mapping[str, str] | None = None) -> str | None:
    """Return the URL in ``name`` (or None when unset), checking its scheme and host."""
    value = _raw(name, env)
    if value is None or not value.strip():
        return None
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name}={url!r}: the scheme must be one of {', '.join(schemes)}."
        )
    if parts.scheme not in {"console", "file", "unix", "sqlite"} and not parts.hostname:
        raise ImproperlyConfigured(f"{name}={url!r} has no host.")
    return url


def secret_key_from(data_dir: Path, env: Mapping[str, str] | None = None) -> str:
    """The configured secret key, else one generated once and kept in the data directory."""
    configured = _raw("MENTORMESH_SECRET_KEY", env)
    if configured is not None:
        if len(configured.strip()) < 32:
            raise ImproperlyConfigured("MENTORMESH_SECRET_KEY must be at least 32 characters long.")
        return configured.strip()
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def email_settings(url: str | None, data_dir: Path) -> dict[str, object]:
    """Django email settings for an ``MENTORMESH_EMAIL_URL``."""
    if url is None or url == "console://":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path)) if parts.path not in ("", "/") else data_dir / "mail"
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(path),
        }
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    for key in query:
        if key not in {"tls", "ssl", "timeout"}:
            raise ImproperlyConfigured(f"MENTORMESH_EMAIL_URL: unknown option {key!r}.")
    use_ssl = parts.scheme == "smtps" or _flag(query.get("ssl"), "ssl")
    use_tls = _flag(query.get("tls"), "tls")
    if use_ssl and use_tls:
        raise ImproperlyConfigured("MENTORMESH_EMAIL_URL: choose tls or ssl, not both.")
    try:
        port = parts.port or (465 if use_ssl else 25)
    except ValueError:
        raise ImproperlyConfigured(f"MENTORMESH_EMAIL_URL={url!r} has a bad port.") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": int(query.get("timeout", "10")),
    }


def _flag(value: str | None, option: str) -> bool:
    if value is None:
        return False
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"MENTORMESH_EMAIL_URL: {option}={value!r} is not true/false.")


def settings_table() -> str:
    """The Markdown table of every setting, as published in docs/configuration.md."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.default} | {s.help} |" for s in SETTINGS_DOC]
    return "\n".join(rows)


def env_example() -> str:
    """The body of `.env.example`: every setting, commented out with its default."""
    lines = ["# mentormesh settings: every variable, with its default. See docs/configuration.md."]
    for s in SETTINGS_DOC:
        lines += ["", f"# {s.help}", f"# {s.name}={'' if s.default.startswith('(') else s.default}"]
    return "\n".join(lines) + "\n"
