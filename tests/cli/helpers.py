"""Running the real `mentormesh` console script in a subprocess, with bounded waits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("mentormesh")
# Variables the test run sets that would make a subprocess use the test settings or database.
TEST_ONLY_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "MENTORMESH_SECRET_KEY",
)


def embedded_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of someone running mentormesh on the embedded default in ``data_dir``."""
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    env.update(MENTORMESH_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", **extra)
    return env


def run_script(
    *args: str, env: Mapping[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [str(SCRIPT), *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
