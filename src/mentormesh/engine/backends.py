"""Where the Ibis expressions run: DuckDB embedded (the default) or Apache Spark.

Spark is optional (``pip install 'mentormesh[spark]'``). Without a session of its own the
engine starts one: local mode unless ``MENTORMESH_SPARK_MASTER`` (or ``spark_master=``) names
a cluster, with the settings that make it behave on one machine (docs/engine.md, "Backends").
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING, Any

import ibis
from ibis.backends import BaseBackend

from mentormesh.engine.errors import EngineError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

BACKENDS = ("duckdb", "spark")


def connect(
    backend: str, *, spark_session: Any = None, spark_master: str | None = None
) -> BaseBackend:
    """An Ibis backend by name; for Spark, on the given session or a new one."""
    if backend == "duckdb":
        return ibis.duckdb.connect(**duckdb_settings())
    if backend == "spark":
        session = spark_session or spark_session_for(spark_master)
        return ibis.pyspark.connect(session)
    raise EngineError(f"unknown engine {backend!r}: choose one of {', '.join(BACKENDS)}")


def duckdb_settings() -> dict[str, str]:
    """DuckDB settings from the environment: ``MENTORMESH_DUCKDB_MEMORY_LIMIT`` (e.g. ``8GB``;
    DuckDB's default is 80% of the machine's memory) and ``MENTORMESH_DUCKDB_TEMP_DIRECTORY``
    (where DuckDB spills what does not fit)."""
    names = {"memory_limit": "MEMORY_LIMIT", "temp_directory": "TEMP_DIRECTORY"}
    found = {key: os.environ.get(f"MENTORMESH_DUCKDB_{name}", "") for key, name in names.items()}
    return {key: value for key, value in found.items() if value}


def spark_session_for(master: str | None = None) -> SparkSession:
    """The active SparkSession, or a new one configured for mentormesh."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            "the spark engine needs pyspark: pip install 'mentormesh[spark]'"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    master = master or os.environ.get("MENTORMESH_SPARK_MASTER") or f"local[{os.cpu_count() or 2}]"
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    warehouse = tempfile.mkdtemp(prefix="mentormesh-spark-warehouse-")
    builder: Any = SparkSession.builder
    session = (
        builder.master(master)
        .appName("mentormesh")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
