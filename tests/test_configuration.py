"""Settings come from the environment through typed helpers that fail loudly; all are documented."""

import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentormesh.conf import (
    SETTINGS_DOC,
    email_settings,
    env_example,
    envbool,
    envint,
    envlist,
    envurl,
    secret_key_from,
    settings_table,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("False", False), ("0", False)]
)
def test_it_reads_booleans(raw, expected):
    assert envbool("X", not expected, {"X": raw}) is expected


@pytest.mark.parametrize("raw", ["yes", "on", "tru", "2"])
def test_it_refuses_booleans_it_cannot_be_sure_of(raw):
    with pytest.raises(ImproperlyConfigured, match=f"X={raw!r} is not a boolean"):
        envbool("X", False, {"X": raw})


def test_it_refuses_bad_integers_and_urls():
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        envint("N", 1, {"N": "many"})
    with pytest.raises(ImproperlyConfigured, match="scheme must be one of"):
        envurl("DATABASE_URL", ("postgres",), {"DATABASE_URL": "mysql://db/x"})
    with pytest.raises(ImproperlyConfigured, match="has no host"):
        envurl("REDIS_URL", ("redis",), {"REDIS_URL": "redis:///0"})
    assert envlist("H", ["a"], {"H": " x, ,y "}) == ["x", "y"]


def test_it_generates_the_secret_key_once_and_keeps_it_private(tmp_path):
    first = secret_key_from(tmp_path, {})
    assert secret_key_from(tmp_path, {}) == first
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        secret_key_from(tmp_path, {"MENTORMESH_SECRET_KEY": "short"})


def test_it_configures_email_from_a_url(tmp_path):
    assert email_settings(None, tmp_path)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings("file://", tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    smtp = email_settings("smtp://me%40x.org:p%3Ass@mail.example.org:587?tls=true", tmp_path)
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        True,
    )
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("me@x.org", "p:ss")
    assert email_settings("smtps://mail.example.org", tmp_path)["EMAIL_PORT"] == 465
    with pytest.raises(ImproperlyConfigured, match="unknown option 'starttls'"):
        email_settings("smtp://mail.example.org?starttls=1", tmp_path)


def test_it_documents_every_variable_the_settings_read():
    source = (ROOT / "src/mentormesh/settings.py").read_text()
    read = set(re.findall(r'env\w*\(\s*"([A-Z_]+)"', source)) | set(
        re.findall(r'"(MENTORMESH_[A-Z_]+)"', source)
    )
    documented = {s.name for s in SETTINGS_DOC}
    assert read <= documented, f"undocumented: {sorted(read - documented)}"
    assert settings_table() in (ROOT / "docs/configuration.md").read_text()
    assert (ROOT / ".env.example").read_text() == env_example()


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import mentormesh.settings"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_stops_the_server_on_a_bad_setting(tmp_path):
    result = _settings_import({"MENTORMESH_DATA_DIR": str(tmp_path), "MENTORMESH_DEBUG": "yes"})
    assert result.returncode != 0
    assert "MENTORMESH_DEBUG='yes' is not a boolean" in result.stderr


def test_it_requires_a_shared_secret_key_when_scaled_out(tmp_path):
    result = _settings_import(
        {"MENTORMESH_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://db.example.org/x"}
    )
    assert "MENTORMESH_SECRET_KEY must be set when DATABASE_URL is set" in result.stderr


def test_it_runs_sqlite_in_wal_mode_in_embedded_mode(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='mentormesh.settings'; django.setup();"
        "from django.db import connection; c=connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(c.fetchone()[0])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "MENTORMESH_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "wal"
    assert (tmp_path / "mentormesh.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
