"""The engine's cast (tests/engine/fixtures/README.md has every case of the community log):

- alice mentors bob (#pr, and two early weeks of #marketing);
- carol and dave learn from each other (#dev): peers;
- erin, two years into her career, teaches frank, fifteen years in: reverse;
- heidi taught grace in January and February, nothing since: fading;
- judy has just started teaching ivan: emerging;
- pat answers fifteen people once each; max reviews twelve contributors in three weeks each;
- olive thanks quinn eight times in one week; bots and self-interactions are noise;
- in one thread leo helps kim, and kim's reply back is a follow-up.

Every behaviour of the analysis is asserted on each backend the engine claims (``backend``);
Spark runs in local mode on one session for the whole test run.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mentormesh.engine.analysis import Analysis, analyze_events
from mentormesh.engine.logio import read_log
from mentormesh.engine.members import read_members

FIXTURES = Path(__file__).parent / "fixtures"
COMMUNITY = FIXTURES / "community.csv"
MEMBERS = FIXTURES / "members.csv"
AS_OF = "2024-06-30"
BACKENDS = ["duckdb", "spark"]


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (pip install 'mentormesh[spark]')")
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # py4j logs while the interpreter shuts down, after pytest has closed its streams.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    warehouse = tempfile.mkdtemp(prefix="mentormesh-test-warehouse-")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("mentormesh-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    shutil.rmtree(warehouse, ignore_errors=True)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Keyword arguments that run an analysis on one backend."""
    if request.param == "spark":
        return {"backend": "spark", "spark_session": request.getfixturevalue("spark_session")}
    return {"backend": "duckdb"}


@pytest.fixture(scope="session")
def analysed(request: pytest.FixtureRequest) -> Callable[[str], Analysis]:
    """The community log analysed as of 2024-06-30 with the members file, once per backend."""
    done: dict[str, Analysis] = {}

    def on(backend: str) -> Analysis:
        if backend not in done:
            options: dict[str, Any] = {"backend": backend}
            if backend == "spark":
                options["spark_session"] = request.getfixturevalue("spark_session")
            events = read_log(COMMUNITY, as_of=AS_OF).events
            members = read_members(MEMBERS)
            done[backend] = analyze_events(events, members=members, as_of=AS_OF, **options)
        return done[backend]

    return on


@pytest.fixture(scope="session")
def community(backend: dict[str, Any], analysed: Callable[[str], Analysis]) -> Analysis:
    """The community analysed on the backend under test."""
    return analysed(backend["backend"])


def tie(analysis: Analysis, learner: str, teacher: str, track: str = "*") -> dict[str, Any]:
    found = analysis.tie(learner, teacher, track)
    assert found is not None, f"no tie {learner} <- {teacher} in {track}"
    return found
