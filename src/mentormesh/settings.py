"""Django settings, read from environment variables (documented in docs/configuration.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from mentormesh.conf import (
    email_settings,
    envbool,
    envchoice,
    envint,
    envlist,
    envstr,
    envurl,
    secret_key_from,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("MENTORMESH_DATA_DIR", "./var")).resolve()
DEBUG = envbool("MENTORMESH_DEBUG", False)
SITE_NAME = envstr("MENTORMESH_SITE_NAME", "mentormesh") or "mentormesh"

_database_url = envurl("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
EMBEDDED = _database_url is None
if not EMBEDDED and "MENTORMESH_SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured(
        "MENTORMESH_SECRET_KEY must be set when DATABASE_URL is set: every host of a "
        "scale-out deployment must share one key."
    )
SECRET_KEY = secret_key_from(DATA_DIR)

ALLOWED_HOSTS = envlist("MENTORMESH_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("MENTORMESH_CSRF_TRUSTED_ORIGINS", [])
REDIS_URL = envurl("REDIS_URL", ("redis", "rediss", "unix"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "mentormesh.accounts",
    "mentormesh.community",
    "mentormesh.social",
    "mentormesh.realtime",
    "mentormesh.jobs",
    "mentormesh.mentorship",
    "mentormesh.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mentormesh.urls"
ASGI_APPLICATION = "mentormesh.asgi.application"
WSGI_APPLICATION = "mentormesh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentormesh.context_processors.site",
            ],
        },
    },
]

if EMBEDDED:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES: dict[str, Any] = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "mentormesh.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
else:
    DATABASES = {"default": dj_database_url.parse(_database_url or "", conn_max_age=60)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served by the app itself (ServeStatic), straight from the packages in
# development and embedded mode, so `mentormesh serve` needs no collectstatic step.
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

globals().update(
    email_settings(envurl("MENTORMESH_EMAIL_URL", ("console", "file", "smtp", "smtps")), DATA_DIR)
)
DEFAULT_FROM_EMAIL = envstr("MENTORMESH_FROM_EMAIL", "mentormesh@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE = envbool("MENTORMESH_SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

COUNTRIES_FIRST: list[str] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": envchoice("MENTORMESH_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}

# Product limits.
MAX_POST_CHARS = envint("MENTORMESH_MAX_POST_CHARS", 500, minimum=1)
MENTORSHIP_REQUEST_EXPIRY_DAYS = envint("MENTORMESH_REQUEST_EXPIRY_DAYS", 14, minimum=1)
MENTORSHIP_OPEN_REQUESTS_MAX = envint("MENTORMESH_OPEN_REQUESTS_MAX", 3, minimum=1)
MENTORSHIP_NUDGE_QUIET_DAYS = envint("MENTORMESH_NUDGE_QUIET_DAYS", 28, minimum=1)
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 4096
