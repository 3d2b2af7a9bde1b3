"""`vnnews serve --db archive.db [--host 127.0.0.1] [--port 8000]`: the web page over the archive."""
from __future__ import annotations

import argparse
import sys


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

        from ..web import StoreError, create_app
    except ImportError as e:  # pragma: no cover - fastapi/uvicorn are declared dependencies
        print(f"vnnews serve: {e.name} is not installed (pip install fastapi uvicorn jinja2)", file=sys.stderr)
        return 1
    try:
        app = create_app(args.db)
    except StoreError as e:
        print(f"vnnews serve: {e}", file=sys.stderr)
        return 1
    from ..corpus.postgres import display_url

    print(f"vnnews serve: {display_url(args.db)} at http://{args.host}:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    except OSError as e:
        print(f"vnnews serve: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    return 0
