"""Shared helpers for the web tests (no tests here): the test archive, a live server,
headless Chromium.

The archive is built once per test session: the dev set (`../shared/eval/dev`) through
`vnnews.Archive.add` (extraction included), plus the two hand-made records of
`handmade_records()`, one of them hostile (`<script>` in its title, source and body).
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

HOSTILE_TITLE = "Kiểm thử <script>window.__pwned = 'title'</script> an toàn"
HOSTILE_SOURCE = "Báo Kiểm Thử <b onmouseover=\"window.__pwned='source'\">đậm</b>"
HOSTILE_TEXT = ("Chủ tịch UBND tỉnh Nguyễn Văn Thử yêu cầu các sở, ngành triển khai Chỉ thị số 01-CT/TU "
                "của Ban Thường vụ Tỉnh ủy về thi đua “Đồng khởi mới”. <script>window.__pwned = 'body'</script>\n\n"
                "Xã An Khánh có 82 hộ dân bị ảnh hưởng <img src=\"x\" onerror=\"window.__pwned='img'\"> "
                "và 1.000 m2 đất.")
FOLLOWUP_TEXT = ("Ban Thường vụ Tỉnh ủy sơ kết một năm thực hiện Chỉ thị số 01-CT/TU về thi đua “Đồng khởi mới”.\n\n"
                 "Bí thư Tỉnh ủy Lê Văn Mẫu đề nghị các cấp ủy tiếp tục nhân rộng 12 mô hình điển hình.")


def _span(text: str, part: str, after: int = 0) -> list[int]:
    i = text.index(part, after)
    return [i, i + len(part)]


def handmade_records():
    """Two hand-made records added beside the dev set, so that the pages always have a
    document cited by two articles, an instruction and every kind of entity, whatever
    the extractor finds in the dev set today. The first one is hostile: its title,
    source and body carry `<script>`, `<img onerror>` and `<b onmouseover>`."""
    from vnnews.models import Directive, Figure, Location, Official, Record

    t = HOSTILE_TEXT
    hostile = Record(
        text=t,
        article={"url": "https://example.invalid/kiem-thu-an-toan.html", "source": HOSTILE_SOURCE,
                 "title": HOSTILE_TITLE, "published": "2022-10-01T08:00:00+07:00", "author": None},
        officials=[Official("Nguyễn Văn Thử", "Chủ tịch UBND tỉnh", "Chủ tịch", "UBND tỉnh",
                            [_span(t, "Nguyễn Văn Thử")])],
        locations=[Location("An Khánh", "xã", None, [_span(t, "An Khánh")])],
        figures=[Figure("82 hộ dân", 82, unit="hộ dân", span=_span(t, "82 hộ dân")),
                 Figure("1.000 m2", 1000, unit="m2", quantity="đất", span=_span(t, "1.000 m2"))],
        directives=[
            Directive("instruction", speaker="Nguyễn Văn Thử", speaker_title="Chủ tịch UBND tỉnh", verb="yêu cầu",
                      text=t[t.index("các sở"):t.index("”.") + 1], span=[t.index("các sở"), t.index("”.") + 1]),
            Directive("document", doc_type="Chỉ thị", number="01-CT/TU", issuer="Ban Thường vụ Tỉnh ủy",
                      name="Chỉ thị số 01-CT/TU", mentions=[_span(t, "Chỉ thị số 01-CT/TU")]),
        ])
    u = FOLLOWUP_TEXT
    followup = Record(
        text=u,
        article={"url": "https://example.invalid/so-ket-dong-khoi-moi.html", "source": "Báo Kiểm Thử",
                 "title": "Sơ kết một năm thi đua “Đồng khởi mới”", "published": "2022-11-15T07:30:00+07:00",
                 "author": None},
        officials=[Official("Lê Văn Mẫu", "Bí thư Tỉnh ủy", "Bí thư", "Tỉnh ủy", [_span(u, "Lê Văn Mẫu")])],
        figures=[Figure("12 mô hình", 12, unit="mô hình", span=_span(u, "12 mô hình"))],
        directives=[
            Directive("document", doc_type="Chỉ thị", number="01-CT/TU", issuer="Ban Thường vụ Tỉnh ủy",
                      name="Chỉ thị số 01-CT/TU", mentions=[_span(u, "Chỉ thị số 01-CT/TU")]),
            Directive("instruction", speaker="Lê Văn Mẫu", speaker_title="Bí thư Tỉnh ủy", verb="đề nghị",
                      text=u[u.index("các cấp ủy"):], span=[u.index("các cấp ủy"), len(u)]),
        ])
    return [hostile, followup]


_ARCHIVE: Path | None = None
_LOCK = threading.Lock()


def build_archive(dev_dir: Path) -> Path:
    """The session's test archive (built on first call, then reused)."""
    global _ARCHIVE
    with _LOCK:
        if _ARCHIVE is None:
            tmp = Path(tempfile.mkdtemp(prefix="vnnews-web-"))
            inputs = sorted(str(p) for p in Path(dev_dir).glob("*.txt"))
            db = tmp / "archive.db"
            from vnnews import Archive
            from vnnews.inputs import read_input

            with Archive(db) as archive:
                for name in inputs:
                    archive.add(read_input(name))
                for record in handmade_records():
                    archive.add(record)
            _cleanup_later(tmp)
            _ARCHIVE = db
        return _ARCHIVE


def _cleanup_later(tmp: Path) -> None:
    import atexit

    atexit.register(shutil.rmtree, tmp, True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving `app` on 127.0.0.1 in a thread, on a socket bound before it starts."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60  # start-up guard, not a timing assertion
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()


def need_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium chromium-driver)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("browser tests need the playwright Python package (pip install playwright)")
