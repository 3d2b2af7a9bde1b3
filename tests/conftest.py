"""Shared test fixtures.

`../shared/` (beside the repository root) holds the annotated dev set and real HTML
pages. Tests that need it use the `shared_dir` fixture, which skips with a reason when
it is absent, so a plain clone still passes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs {p} (the project's shared/ folder beside the repository root), which is absent")
    return p


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return shared_path("eval", "dev")


@pytest.fixture(scope="session")
def fixtures_html() -> Path:
    return shared_path("fixtures", "html")


# -- PostgreSQL: one throwaway cluster per test session (tests/pgcluster.py) ----------

@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server on a unix socket, or skip with the reason it can't run."""
    from pgcluster import PgCluster, unavailable

    reason = unavailable()
    if reason:
        pytest.skip(f"needs PostgreSQL: {reason}")
    cluster = PgCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request) -> str:
    """The URL of a new, empty database in the session's cluster."""
    import re

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    return pg_cluster.create_db(name)


BACKENDS = ("sqlite", "postgresql")


def archive_location(backend: str, request, name: str) -> str:
    """Where a new, empty archive of `backend` goes: a file in a temporary folder
    (SQLite), or a new database in the session's PostgreSQL cluster (skips without one)."""
    import re

    if backend == "sqlite":
        return str(request.getfixturevalue("tmp_path_factory").mktemp("archive") / f"{name}.db")
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_db("a_" + re.sub(r"[^a-z0-9]+", "_", name.lower())[:50])


@pytest.fixture(params=BACKENDS)
def new_archive(request) -> str:
    """A new, empty archive location, once per backend (SQLite file, PostgreSQL URL)."""
    return archive_location(request.param, request, request.node.name)


def sql_rows(location, sql: str) -> list:
    """Rows of `sql` run on the archive at `location` with the backend's own client (a
    Datasette-like reader: sqlite3 for a file, psycopg for a PostgreSQL URL)."""
    if str(location).startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(str(location)) as conn:
            return conn.execute(sql).fetchall()
    import sqlite3

    with sqlite3.connect(location) as conn:
        return conn.execute(sql).fetchall()
