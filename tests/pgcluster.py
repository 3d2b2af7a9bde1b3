"""A throwaway PostgreSQL cluster for tests and benchmarks (Debian's `postgresql` package).

`PgCluster.start()` runs `initdb` into a temporary folder, then `pg_ctl start` with the
server listening only on a unix socket in that folder (no TCP port, nothing shared with
a system cluster). As root, `initdb` refuses to run, so both run as the `postgres` user
(`runuser -u postgres --`), which owns the folder. `stop()` stops the server and deletes
the folder. `url(dbname)` is a libpq URL for `vnnews --db`.

    python tests/pgcluster.py      # start one, print its URL, stop on Ctrl+C
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def pg_bindir() -> Path | None:
    """The newest Debian PostgreSQL bin folder (`/usr/lib/postgresql/N/bin`), or one on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def unavailable() -> str | None:
    """Why a throwaway cluster can't be started here (None when it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'vnnews[scale]')"
    if pg_bindir() is None:
        return "PostgreSQL server binaries not found (apt-get install postgresql postgresql-contrib)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


class PgCluster:
    """One temporary PostgreSQL server on a unix socket; see the module doc."""

    def __init__(self) -> None:
        self.bindir = pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="vnnews-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.running = False

    def _run(self, *cmd: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(prefix + list(cmd), check=True, capture_output=True, text=True, cwd=self.root)

    def start(self) -> "PgCluster":
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o755)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        opts = (f"-k {self.socket} -c listen_addresses='' -F -c max_connections=60 "
                "-c shared_buffers=64MB -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                  str(self.root / "server.log"), "-w", "-t", "30", "start")
        self.running = True
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@/{dbname}?host={self.socket}"

    def create_db(self, name: str) -> str:
        """Create database `name` (dropping an old one) and return its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.running:
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except subprocess.CalledProcessError:
                pass
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)


if __name__ == "__main__":
    reason = unavailable()
    if reason:
        raise SystemExit(reason)
    cluster = PgCluster().start()
    print(cluster.url("postgres"), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
