"""Schema versions of the archive database and the path from one to the next.

Each migration is a SQL file `vnnews/resources/corpus/schema/NNN_name.sql`; NNN is the version it
produces. Opening an archive writable applies, in one transaction, every migration newer
than the version recorded in `schema_version`.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from importlib import resources


class SchemaError(Exception):
    """The database's schema can't be used by this version of vnnews."""


def migrations() -> list[tuple[int, str, str]]:
    """All known migrations as (version, file name, SQL), oldest first."""
    out = []
    folder = resources.files("vnnews.resources") / "corpus" / "schema"
    for entry in folder.iterdir():
        m = re.match(r"^(\d{3})_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    return migrations()[-1][0]


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """The migrations applied to an open database: empty for an empty one."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has:
        others = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if others:
            raise SchemaError("not a vnnews archive (it has tables but no schema_version)")
        return set()
    return {int(r[0]) for r in conn.execute("SELECT version FROM schema_version")}


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (its newest migration): 0 for an empty one."""
    return max(applied_versions(conn), default=0)


def migrate(conn: sqlite3.Connection, available: list[tuple[int, str, str]] | None = None) -> int:
    """Bring the schema up to date inside one transaction; return the new version.
    Every migration not yet applied is applied, in order (so one numbered below the
    newest applied, merged in later, still runs). `available` defaults to
    `migrations()`. The connection must be in autocommit mode (isolation_level=None)."""
    available = migrations() if available is None else sorted(available)
    applied = applied_versions(conn)
    version = max(applied, default=0)
    latest = available[-1][0]
    if version > latest:
        raise SchemaError(f"archive schema version {version} is newer than this vnnews supports ({latest}); upgrade vnnews")
    if all(number in applied for number, _n, _s in available):
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied = applied_versions(conn)  # another process may have migrated meanwhile
        version = max(applied, default=0)
        for number, _name, sql in available:
            if number in applied:
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)",
                         (number, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            version = max(version, number)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return version


def check(conn: sqlite3.Connection) -> int:
    """For a read-only archive: the version, or SchemaError when it isn't the latest."""
    applied = applied_versions(conn)
    version = max(applied, default=0)
    latest = latest_version()
    missing = [n for n, _name, _sql in migrations() if n not in applied]
    if version == 0:
        raise SchemaError("empty database, not a vnnews archive (build one with `vnnews archive build`)")
    if version > latest:
        raise SchemaError(f"archive schema version {version} is newer than this vnnews supports ({latest}); upgrade vnnews")
    if missing:
        raise SchemaError(f"archive schema version {version} is older than this vnnews ({latest}); "
                          "open it once writable (for example `vnnews archive stats --db PATH`) to migrate it")
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (complete_statement keeps triggers whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
