"""The engine is pure Python and dataframes: importing any of it must not import Django."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import mentormesh.engine


def engine_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(mentormesh.engine.__path__, "mentormesh.engine.")
    )


def test_it_imports_every_engine_module_without_django() -> None:
    modules = engine_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(len(leaked), leaked[:5])\n"
    )

    done = subprocess.run(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )

    assert "mentormesh.engine.analysis" in modules
    assert "mentormesh.engine.commands" in modules
    assert done.stdout.split()[0] == "0", done.stdout


def test_it_keeps_the_event_type_light() -> None:
    script = (
        "import sys, mentormesh.engine.events\n"
        "print(sorted(m for m in ('ibis', 'pandas', 'pyarrow', 'django') if m in sys.modules))\n"
    )

    done = subprocess.run(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "[]"
