"""`vnnews extract PATH... --format json|jsonl|table`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, Iterator, TextIO

from ..inputs import InputError, read_input
from ..models import Article, Record
from .messages import say
from .options import positive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract officials, locations, figures and directives from articles",
                       description="Extract records from article files (.txt, .json, .html) or - for stdin.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article file (.txt, .json, .html), a folder of them (as for `archive build`), or - for stdin")
    p.add_argument("--format", choices=("json", "jsonl", "table"), default=None,
                   help="output format (default: table on a terminal, else json for one input, jsonl for several)")
    p.add_argument("--explain", action="store_true",
                   help="add an \"explain\" list: which named rule kept, dropped or changed each candidate")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="bytes that are not UTF-8 in a .txt/.json article: reject the article (strict, the default) "
                        "or replace them with U+FFFD and keep it (a note on stderr says how many)")
    p.add_argument("--max-bytes", type=positive(int), default=None, metavar="N",
                   help="largest .html page accepted (default: 10 MB, as for `vnnews parse`)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import extract

    folders = [p for p in args.paths if p != "-" and Path(p).is_dir()]
    single = len(args.paths) == 1 and not folders
    fmt = args.format or ("table" if sys.stdout.isatty() else "json" if single else "jsonl")
    if fmt == "json" and not single:
        fmt = "jsonl"
    status = 0

    def error(message: str) -> None:
        nonlocal status
        say("extract", message)
        status = 1

    def note(message: str) -> None:
        say("extract", message)

    for name, article in _articles(args, error, note):
        write_record(extract(article, input=name, explain=args.explain), fmt, sys.stdout)
        sys.stdout.flush()
    return status


def _articles(args: argparse.Namespace, error: Callable[[str], None],
              note: Callable[[str], None]) -> Iterator[tuple[str, Article]]:
    """(name, article) for each input; a folder is read as `vnnews archive build` reads it
    (its .txt/.html/.json articles and .jsonl corpora, recursively). Bad inputs go to `error`."""
    for name in args.paths:
        if name != "-" and Path(name).is_dir():
            from ..corpus.archive import article_from_record
            from ..corpus.build import iter_inputs

            for item_name, item in iter_inputs([name], error, note, args.errors):
                yield item_name, article_from_record(item) if isinstance(item, Record) else item
            continue
        try:
            yield name, read_input(name, errors=args.errors, max_bytes=args.max_bytes, on_notice=note)
        except InputError as e:
            error(str(e))


def write_record(record: Record, fmt: str, out: TextIO) -> None:
    data = record.to_dict()
    if fmt == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(record) + "\n")


def format_table(record: Record) -> str:
    """A readable terminal view of one record."""
    lines: list[str] = []
    title = record.article.get("title") or record.input or "(untitled)"
    lines.append(f"== {title}")
    meta = [record.article.get(k) for k in ("source", "published", "url")]
    if any(meta):
        lines.append("   " + " | ".join(str(m) for m in meta if m))

    def section(name: str, rows: list[str]) -> None:
        lines.append(f"\n{name} ({len(rows)})")
        lines.extend(f"  {r}" for r in rows)

    section("Officials", [f"{o.name:<28} {o.title or ''}" for o in record.officials])
    section("Locations", [f"{x.name:<22} {x.level or '?':<10} {('in ' + x.parent) if x.parent else ''}"
                          for x in record.locations])
    section("Figures", [f"{f.text:<32} = {_num(f.value)}{'–' + _num(f.value_max) if f.value_max is not None else ''}"
                        f"{'/' + _num(f.total) if f.total is not None else ''} {f.unit or ''}"
                        for f in record.figures])
    section("Documents", [f"{d.doc_type or '':<12} {d.number or d.name or ''}"
                          f"{'  (' + d.issuer + ')' if d.issuer else ''}" for d in record.documents])
    section("Instructions", [f"{d.speaker or d.speaker_title or '?'} {d.verb}: {_short(d.text or '')}"
                             for d in record.instructions])
    return "\n".join(lines)


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _short(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
