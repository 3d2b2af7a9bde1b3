"""`vnnews serve --db archive.db [--host 127.0.0.1] [--port 8000]`: the web page over the archive."""
from __future__ import annotations

import argparse
import socket
import sys

from .messages import fail


def register(sub: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the `vnnews` parser."""
    p = sub.add_parser("serve", help="serve a web page (search, directives, articles, officials) over an archive",
                       description="Serve the archive's search page and JSON API. The database is opened "
                                   "read-only; the page makes no external requests.")
    p.add_argument("--db", required=True, metavar="PATH",
                   help="the archive (built by `vnnews archive build`): a file, or a postgresql:// URL")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level (default: info)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..web import ArchiveUnavailable, create_app
    except ImportError as e:  # pragma: no cover - fastapi/uvicorn are declared dependencies
        return fail("serve", f"{e.name} is not installed (pip install fastapi uvicorn jinja2)")
    if not 0 <= args.port <= 65535:
        return fail("serve", f"--port {args.port}: must be between 0 and 65535", 2)
    try:
        app = create_app(args.db)
    except ArchiveUnavailable as e:
        return fail("serve", str(e))
    # Bind first, so a busy port is one line before anything is announced (and `--port 0`
    # announces the port it got).
    try:
        sock = listen(args.host, args.port)
    except OSError as e:
        return fail("serve", f"cannot listen on {args.host}:{args.port}: {e.strerror or e}")
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    from ..corpus.postgres import display_url

    print(f"vnnews serve: {display_url(args.db)} at http://{shown}:{port}/ (Ctrl+C stops)", file=sys.stderr,
          flush=True)
    config = uvicorn.Config(app, log_level=args.log_level, server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (`OSError` when the port is taken or the address is bad)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restart right away
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
