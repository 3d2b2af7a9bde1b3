"""The `vnnews` command line: one sub-module per group of sub-commands."""
from __future__ import annotations

import argparse
import sys

from . import archive, crawl, extract, serve

GROUPS = (extract, crawl, archive, serve)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="vnnews",
        description="Mine Vietnamese provincial news: crawl, extract, archive, search.",
    )
    parser.add_argument("--version", action="version", version=f"vnnews {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("vnnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
