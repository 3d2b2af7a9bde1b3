"""The archive's connection: opening or creating the SQLite file, migrating its schema,
the lock, transactions, one-line errors, and the statements every other part runs.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from .. import migrate


WAL_AUTOCHECKPOINT = 10000  # pages: a writer checkpoints every ~40 MB, not every 4 MB
CACHE_KB = 65536  # the page cache of a connection (SQLite's default is 2 MB)
# ... of a build's writer: at a million articles the indexes of random keys (hashes, URLs,
# names, numbers) take about a gigabyte; with 64 MB most inserts read their page from the
# file again (at 1.3M articles, three pairs: 935-1,336 -> 1,288-1,525 articles/s written).
# Filled only as used.
BULK_CACHE_KB = 1048576
# ... and its WAL: the background checkpoints copy committed pages into the file, but the
# WAL starts again from its beginning only when a transaction begins with all of it copied,
# which a writer that begins the next one at once never finds (a million-article build left
# a WAL of 16 GB). Past this size a transaction begins by copying the rest and truncating it.
BULK_WAL_BYTES = 4 << 30


class ArchiveError(Exception):
    """The archive can't be opened or written; the message is one line naming the file."""


class QueryTimeout(ArchiveError):
    """A search ran longer than the archive's time budget and was stopped."""



class ArchiveConnection:
    """The one door to the archive's SQLite file: opening (and migrating), the lock,
    transactions, error messages, and running statements (`_rows`, `query`, `_stream`)."""

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False, timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._depth = 0
        self._bulk = False
        self._conn = self._connect(timeout)
        self._prepare()

    def _prepare(self) -> None:
        """Check (read-only) or migrate the schema and finish pending work; on failure the
        connection is closed and the error is one line naming the archive."""
        try:
            self.schema_version = self._migrate()
        except migrate.SchemaError as e:
            self._conn.close()
            raise ArchiveError(f"{self.path}: {e}") from None
        except sqlite3.Error as e:
            self._conn.close()
            raise self._error(e) from None

    def _migrate(self) -> int:
        if self.readonly:
            return migrate.check(self._conn)
        version = migrate.migrate(self._conn)
        if self._meta("entities_pending"):
            self.resolve_entities()
        if self._meta("terms_pending"):
            self.rebuild_terms()
        if self._meta("kinds_pending"):
            self.rebuild_kind_index()
        return version

    def _connect(self, timeout: float) -> sqlite3.Connection:
        path = self.path
        try:
            if self.readonly:
                if path.is_dir():
                    raise ArchiveError(f"{path}: is a directory, not an archive file")
                if not path.exists():
                    raise ArchiveError(f"{path}: no such archive")
                uri = f"{path.resolve().as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
                try:
                    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                except sqlite3.OperationalError as e:
                    if "unable to open" not in str(e):
                        raise
                    # a WAL archive in a directory we can't write (no -shm): read it as immutable
                    conn.close()
                    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                           timeout=timeout, isolation_level=None, check_same_thread=False)
                    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            else:
                if path.is_dir():
                    raise ArchiveError(f"{path}: is a directory, not an archive file")
                if not path.parent.exists():
                    raise ArchiveError(f"{path}: directory {path.parent} does not exist")
                conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode.lower() != "wal":  # e.g. a read-only file: WAL can't be set up
                    conn.execute("PRAGMA journal_mode").fetchone()
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")
                conn.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
            conn.execute("PRAGMA foreign_keys=ON")
            if self.readonly:
                # as the writer's: a search reads a few thousand items and their articles'
                # index entries, pages that the next search reads again
                conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")
                # belt and braces over mode=ro: no writes, no other database files
                conn.execute("PRAGMA query_only=ON")
                conn.set_authorizer(_deny_attach)
            conn.row_factory = sqlite3.Row
            return conn
        except sqlite3.Error as e:
            raise self._error(e) from None

    def _error(self, e: sqlite3.Error) -> ArchiveError:
        msg = str(e)
        low = msg.lower()
        if "locked" in low or "busy" in low:
            return ArchiveError(f"{self.path}: the archive is locked by another process; try again when it has finished")
        if "readonly" in low or "read-only" in low:
            return ArchiveError(f"{self.path}: the archive is read-only (file or its directory not writable); "
                                "open it with readonly=True to search it")
        if "not a database" in low or "malformed" in low:
            return ArchiveError(f"{self.path}: not a vnnews archive (not an SQLite database, or damaged)")
        if "unable to open" in low:
            return ArchiveError(f"{self.path}: cannot open the archive file")
        return ArchiveError(f"{self.path}: {msg}")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "ArchiveConnection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """For a long series of writes (a build): while open, the WAL is checkpointed by a
        background thread with its own connection, not inside the writer's commits, so
        copying pages into the file and syncing it overlap the next batch instead of
        stopping it (a build at a million articles waits a tenth of its time on them); the
        page cache may grow to `BULK_CACHE_KB`; and foreign keys are not checked on each
        insert, since the writer numbers the rows it links itself (a check looks up the
        parent row of every record row written)."""
        if self.readonly:
            yield
            return
        checkpointer = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        stop = threading.Event()

        def run() -> None:
            while not stop.wait(0.5):
                try:
                    checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    pass  # busy now: the next round

        with self._lock:
            self._conn.execute("PRAGMA wal_autocheckpoint=0")
            self._conn.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
            self._conn.execute("PRAGMA foreign_keys=OFF")  # (a no-op inside a transaction)
            self._bulk = True
        thread = threading.Thread(target=run, name="vnnews-checkpoint", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
            checkpointer.close()
            with self._lock:
                self._bulk = False
                self._conn.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
                self._conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")
                self._conn.execute("PRAGMA foreign_keys=ON")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction (nested uses join the outer one): all or nothing."""
        if self.readonly:
            raise ArchiveError(f"{self.path}: opened read-only; cannot write")
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            if self._bulk and self._wal_bytes() > BULK_WAL_BYTES:
                try:  # waits for readers of older pages up to the busy timeout, then leaves it
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                except sqlite3.Error:
                    pass
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise self._error(e) from None
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as e:
                self._conn.execute("ROLLBACK")
                raise self._error(e) from None

    def _wal_bytes(self) -> int:
        try:
            return os.path.getsize(f"{self.path}-wal")
        except OSError:
            return 0

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM archive_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as e:
                raise self._error(e) from None
            except OverflowError:  # an id beyond SQLite's integer range: no such row
                return []

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[sqlite3.Row]:
        """Stream the rows of one read-only SQL statement over the schema (for readers such as
        `vnnews.corpus.facets` that need a summary the methods here don't give). On an archive
        opened read-only, writes and `ATTACH` fail; errors raise `ArchiveError`."""
        try:
            yield from self._stream(sql, params, lambda r: r)
        except sqlite3.Error as e:
            raise self._error(e) from None
    def _stream(self, sql: str, params: Sequence[Any], make: Any, batch: int = 500) -> Iterator[Any]:
        # keyset-free streaming: fetch in batches on a cursor of our own
        with self._lock:
            cur = self._conn.cursor()
            cur.execute(sql, params)
        while True:
            with self._lock:
                rows = cur.fetchmany(batch)
            if not rows:
                return
            for r in rows:
                yield make(r)


def _deny_attach(action: int, arg1: Any = None, arg2: Any = None, *rest: Any) -> int:
    """SQLite authorizer of read-only archives: refuse ATTACH and DETACH, and switching
    query_only or writable_schema."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and str(arg1).lower() in ("query_only", "writable_schema"):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK
