"""Shared test fixtures, and the markers every test gets from what it uses.

`../shared/` (beside the repository root) holds the annotated dev set and real HTML
pages. Tests that need it use the `shared_dir` fixture, which skips with a reason when
it is absent, so a plain clone still passes.

Markers (registered in pyproject.toml) are put on each test here, from the code it reaches
(its body, its fixtures, and the helpers they call, followed through the test modules):
`browser` (Playwright + Chromium), `subprocess` (starts the CLI or another process),
`shared` (reads ../shared). The everyday selection leaves the slow ones out:

    python -m pytest -q -m "not browser and not subprocess"
"""
from __future__ import annotations

import ast
import inspect
import textwrap
from functools import lru_cache
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


# What puts a marker on a test: a name (or `sys.executable`, or a path step `/ "shared"`) in
# the code the test reaches.
MARKER_SEEDS = {
    "browser": {"sync_playwright", "need_chromium", "playwright"},
    "subprocess": {"subprocess", "Popen", "sys.executable"},
    "shared": {"shared_path", "SHARED", "/shared"},
}
TESTS = Path(__file__).resolve().parent


def _words(node: ast.AST) -> set[str]:
    """The names a piece of code refers to: loaded names, parameters (fixtures), `sys.executable`,
    and the string steps of paths (`/shared`)."""
    words: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            words.add(n.id)
        elif isinstance(n, ast.arg):
            words.add(n.arg)
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
            words.add(f"{n.value.id}.{n.attr}")
        elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant):
            words.add(f"/{n.right.value}")
    return words


@lru_cache(maxsize=None)
def _bindings(path: Path) -> dict[str, ast.AST | tuple[Path, str]]:
    """Module-level names of a test module: their definition, or where they are imported from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[str, ast.AST | tuple[Path, str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[stmt.name] = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                for n in ast.walk(target):
                    if isinstance(n, ast.Name):
                        names[n.id] = stmt
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and (TESTS / f"{stmt.module}.py").exists():
            for alias in stmt.names:
                names[alias.asname or alias.name] = (TESTS / f"{stmt.module}.py", alias.name)
    return names


def _resolve(path: Path, name: str) -> tuple[Path, ast.AST] | None:
    for where in (path, TESTS / "conftest.py"):  # a fixture not in the module comes from conftest
        found = _bindings(where).get(name)
        if isinstance(found, tuple):
            return _resolve(*found)
        if found is not None:
            return where, found
    return None


def _markers_of(path: Path, words: set[str], seen: set[tuple[Path, str]]) -> set[str]:
    marks = {m for m, seeds in MARKER_SEEDS.items() if words & seeds}
    for word in words:
        target = _resolve(path, word) if word.isidentifier() else None
        if target is None or (target[0], word) in seen:
            continue
        seen.add((target[0], word))
        marks |= _markers_of(target[0], _words(target[1]), seen)
    return marks


def markers_for(path: Path, function, fixturenames=()) -> set[str]:
    """The markers of the test `function` of the module at `path`, from the code it reaches."""
    try:
        words = _words(ast.parse(textwrap.dedent(inspect.getsource(function))))
    except (OSError, TypeError, SyntaxError):
        words = set()
    return _markers_of(Path(path), words | set(fixturenames), set())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        function = getattr(item, "function", None)
        if function is not None:
            for mark in sorted(markers_for(item.path, function, getattr(item, "fixturenames", ()))):
                item.add_marker(mark)


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


def stored_articles(location) -> int:
    """How many articles the archive at `location` holds; 0 while it does not exist yet."""
    try:
        return sql_rows(location, "SELECT COUNT(*) FROM articles")[0][0]
    except Exception:  # noqa: BLE001 - not created yet
        return 0


def kill_when_stored(cmd: list[str], location, at_least: int, cwd, timeout: float = 120) -> int:
    """Run `cmd` (a build into `location`) in its own process group and SIGKILL the group
    once the archive holds `at_least` articles (or the build ended, or `timeout` passed);
    return how many it holds then."""
    import os
    import signal
    import subprocess
    import time

    proc = subprocess.Popen(cmd, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    try:
        while stored_articles(location) < at_least and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return stored_articles(location)
