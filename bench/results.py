"""bench/RESULTS.md: each benchmark script owns one section between its markers."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = """# Benchmark and evaluation results

Every claim mentormesh makes about quality or speed is measured by a script in `bench/`, and its
latest result is recorded here with the command, the data, the machine and the date. Each
script replaces its own section (between its `<!-- name:start/end -->` markers) when it runs.
"""


def record(section: str, text: str) -> None:
    """Replace ``section`` (``text`` includes its markers) in RESULTS.md, or append it."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    markers = re.compile(rf"<!-- {section}:start -->.*?<!-- {section}:end -->", re.DOTALL)
    if markers.search(current):
        updated = markers.sub(lambda _: text, current)
    else:
        updated = current.rstrip() + "\n\n" + text
    RESULTS.write_text(updated.rstrip() + "\n", encoding="utf-8")
