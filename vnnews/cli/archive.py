"""`vnnews archive build|stats|export|reextract|optimize` and the top-level `vnnews search`."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any, Callable, Iterable, Iterator, TextIO

from .messages import fail, say

DEFAULT_DB = "archive.db"
KINDS = ("article", "document", "instruction", "official", "location", "figure", "directive")


def _progress(args: argparse.Namespace) -> bool:
    """A progress bar only on a terminal: in a log file it would be lines of carriage returns."""
    return not args.quiet and sys.stderr.isatty()


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=os.environ.get("VNNEWS_DB", DEFAULT_DB), metavar="PATH",
                   help=f"archive: an SQLite file, or a postgresql:// URL (default: $VNNEWS_DB or {DEFAULT_DB})")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `vnnews archive ...` and `vnnews search` to the `vnnews` parser."""
    p = sub.add_parser("archive", help="build and inspect the searchable archive",
                       description="Build and inspect the searchable SQLite archive.")
    asub = p.add_subparsers(dest="archive_command", metavar="COMMAND")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    b = asub.add_parser("build", help="add articles (JSONL corpus, .txt/.html/.json files, folders) to the archive",
                        description="Add articles to the archive, extracting their records. Incremental: "
                                    "articles already stored (same canonical URL or body) are skipped.")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="corpus .jsonl (articles or records), article .txt/.html/.json, a folder, or - for stdin")
    _db_arg(b)
    b.add_argument("--workers", type=int, default=None, metavar="N",
                   help="use N processes: N extract and prepare rows while this one writes (without "
                        "extraction, or when every input is a JSONL of records, N-1 prepare rows: the writer "
                        "keeps a core to itself); default 1: all in "
                        "this process; with --dask and no address: N local Dask workers, default 2")
    b.add_argument("--dask", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="extract on a Dask cluster: the scheduler's tcp://host:8786, or none for a local "
                        "cluster of --workers processes (pip install 'vnnews[scale]')")
    b.add_argument("--no-extract", action="store_true", help="store articles without extracting records")
    b.add_argument("--no-link", action="store_true", help="skip syndicated-duplicate detection")
    b.add_argument("--batch-size", type=int, default=200, metavar="N",
                   help="articles per batch of work (default 200); batches are committed together, every 100,000 articles or 2 minutes (10 s while extracting)")
    b.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="bytes that are not UTF-8 in a text/JSON article: reject the article (strict, the "
                        "default) or replace them with U+FFFD and keep it")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar (shown on a terminal only) or summary")
    b.set_defaults(func=run_build)

    s = asub.add_parser("stats", help="counts of articles, records, duplicates, sources")
    _db_arg(s)
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.set_defaults(func=run_stats)

    e = asub.add_parser("export", help="write the archive's articles (or records) as JSONL",
                        description="Export articles (default) or extracted records to a JSONL file, or - for stdout.")
    e.add_argument("output", metavar="OUT.jsonl", help="JSONL file to append to (existing articles skipped), or -")
    _db_arg(e)
    e.add_argument("--records", action="store_true", help="export extracted records instead of articles")
    e.set_defaults(func=run_export)

    r = asub.add_parser("reextract", help="run the current extractor again over every stored article")
    _db_arg(r)
    r.add_argument("--workers", type=int, default=1, metavar="N")
    r.add_argument("--quiet", "-q", action="store_true")
    r.set_defaults(func=run_reextract)

    o = asub.add_parser("optimize", help="merge the search index into one piece (faster searches; after a big build)",
                        description="Merge the full-text index into one segment and refresh the query planner's "
                                    "statistics. Searches of a large archive get faster; it takes minutes at a "
                                    "million articles and holds the write lock meanwhile (readers go on).")
    _db_arg(o)
    o.set_defaults(func=run_optimize)

    register_entities(asub)

    q = sub.add_parser("search", help="search the archive (diacritic-insensitive)",
                       description="Search the archive. Diacritics are optional (dong khoi finds Đồng Khởi); "
                                   "document numbers are searched as written (01-CT/TU); word* is a prefix search; "
                                   '"..." is a phrase.')
    q.add_argument("query", nargs="*", metavar="QUERY", help="words to find (none: list by date)")
    _db_arg(q)
    q.add_argument("--kind", choices=KINDS, action="append",
                   help="only this kind of result (repeatable; directive = document + instruction)")
    q.add_argument("--issuer", help="documents whose issuer contains this")
    q.add_argument("--speaker", help="instructions whose speaker name or title contains this")
    q.add_argument("--province", help="articles about this province (Bến Tre, ben tre)")
    q.add_argument("--source", help="articles whose source name or URL contains this")
    q.add_argument("--since", metavar="DATE", help="published on or after DATE (YYYY-MM-DD)")
    q.add_argument("--until", metavar="DATE", help="published on or before DATE (YYYY-MM-DD)")
    q.add_argument("--limit", type=int, default=20, help="results to show (default 20, at most 1000)")
    q.add_argument("--offset", type=int, default=0, help="skip this many results (at most 1,000,000)")
    q.add_argument("--all-copies", action="store_true", help="don't collapse syndicated copies")
    q.add_argument("--format", choices=("table", "json", "csv"), default="table")
    q.set_defaults(func=run_search)


def _open(path: str, readonly: bool):
    from ..corpus.archive import Archive

    return Archive(path, readonly=readonly)


def run_build(args: argparse.Namespace) -> int:
    from ..corpus.archive import ArchiveError
    from ..corpus.build import build

    if args.workers is not None and args.workers < 1:
        return fail("archive build", "--workers must be at least 1")
    missing = [p for p in args.inputs if p != "-" and not os.path.exists(p)]
    if len(missing) == len(args.inputs):  # nothing to read: don't create an empty archive
        for p in missing:
            say("archive build", f"{p}: no such file")
        return 1
    new_db = not os.path.exists(args.db)
    try:
        archive = _open(args.db, readonly=False)
    except ArchiveError as e:
        return fail("archive build", str(e))
    def skipped(message: str) -> None:
        say("archive build", f"{message} (skipped)")

    def notice(message: str) -> None:
        say("archive build", message + ("" if "replaced with U+FFFD" in message else " (skipped)"))

    with archive:
        try:
            if args.dask is not None and not args.no_extract:
                from ..corpus import distributed

                report = distributed.build(archive, args.inputs, address=args.dask or None,
                                           workers=args.workers or 2,
                                           batch_size=max(1, min(args.batch_size, 100)), progress=_progress(args),
                                           link=not args.no_link, on_error=skipped,
                                           on_notice=None if args.quiet else notice, errors=args.errors)
            else:
                report = build(archive, args.inputs, workers=args.workers or 1, extract=not args.no_extract,
                               batch_size=max(1, args.batch_size), progress=_progress(args), link=not args.no_link,
                               on_error=skipped, on_notice=None if args.quiet else notice, errors=args.errors)
        except RuntimeError as e:  # the Dask cluster can't be reached or can't run the tasks
            return fail("archive build", " ".join(str(e).split()))
        except ArchiveError as e:
            return fail("archive build", str(e))
    if new_db and not report.read and report.errors:  # every input was bad: leave no empty archive
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(args.db + suffix)
            except OSError:
                pass
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return 1 if report.errors else 0


def run_stats(args: argparse.Namespace) -> int:
    from ..corpus.archive import ArchiveError

    try:
        with _open(args.db, readonly=True) as archive:
            st = archive.stats()
    except ArchiveError as e:
        return fail("archive stats", str(e))
    if args.format == "json":
        print(json.dumps(st.to_dict(), ensure_ascii=False, indent=2))
        return 0
    rows = [("archive", f"{st.path} (schema {st.schema_version}, {st.size_bytes / 1e6:.1f} MB)"),
            ("articles", f"{st.articles} ({st.extracted} extracted, {st.duplicates} syndicated duplicates)"),
            ("dates", f"{st.first_date or '?'} .. {st.last_date or '?'}"),
            ("officials", f"{st.officials} mentions of {st.people} people"),
            ("locations", str(st.locations)), ("figures", str(st.figures)),
            ("documents", str(st.documents)), ("instructions", str(st.instructions))]
    for k, v in rows:
        print(f"{k:<13} {v}")
    for title, counts in (("sources", st.sources), ("provinces", st.provinces)):
        if counts:
            print(f"{title}:")
            for name, n in list(counts.items())[:15]:
                print(f"  {n:>8}  {name}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..corpus.archive import ArchiveError
    from ..corpus.jsonl import JsonlStore
    from ..corpus.store import copy_articles

    try:
        with _open(args.db, readonly=True) as archive:
            if args.output == "-":
                items = archive.records() if args.records else archive.articles()
                n = 0
                for item in items:
                    sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                    n += 1
                print(f"exported {n}", file=sys.stderr)
                return 0
            added, skipped = copy_articles(archive, JsonlStore(args.output), records=args.records)
    except ArchiveError as e:
        return fail("archive export", str(e))
    except OSError as e:
        return fail("archive export", f"{args.output}: {e.strerror}")
    print(f"exported {added} to {args.output} ({skipped} already there)", file=sys.stderr)
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from ..corpus.archive import ArchiveError
    from ..corpus.build import reextract

    try:
        with _open(args.db, readonly=False) as archive:
            n = reextract(archive, workers=max(1, args.workers), progress=_progress(args))
    except ArchiveError as e:
        return fail("archive reextract", str(e))
    if not args.quiet:
        print(f"re-extracted {n} articles", file=sys.stderr)
    return 0


def run_optimize(args: argparse.Namespace) -> int:
    import time

    from ..corpus.archive import ArchiveError

    if "://" not in args.db and not os.path.exists(args.db):
        return fail("archive optimize", f"{args.db}: no such archive")
    started = time.perf_counter()
    try:
        with _open(args.db, readonly=False) as archive:
            archive.optimize()
    except ArchiveError as e:
        return fail("archive optimize", str(e))
    print(f"optimized {args.db} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


def run_search(args: argparse.Namespace) -> int:
    from ..corpus.archive import ArchiveError
    from ..corpus.query import parse_query

    query = " ".join(args.query)
    for note in parse_query(query).notes:
        say("search", note)
    try:
        with _open(args.db, readonly=True) as archive:
            results = archive.search(query, kind=args.kind, issuer=args.issuer, speaker=args.speaker,
                                     province=args.province, source=args.source, since=args.since,
                                     until=args.until, limit=args.limit, offset=args.offset,
                                     collapse=not args.all_copies)
    except (ArchiveError, ValueError) as e:  # ValueError: a bad date or kind
        return fail("search", str(e))
    out = sys.stdout
    if args.format == "json":
        out.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        write_csv(results, out)
    else:
        write_table(results, out)
    return 0


def summary(r: Any) -> str:
    """One line saying what a result is."""
    f = r.fields
    if r.kind == "article":
        return f.get("title") or "(untitled article)"
    if r.kind == "document":
        s = " ".join(x for x in (f.get("doc_type"), f.get("number")) if x) or f.get("name") or ""
        if f.get("name") and f.get("number") and f["number"] not in f["name"]:
            s = f"{f['name']} ({f['number']})"
        return s + (f" — {f['issuer']}" if f.get("issuer") else "")
    if r.kind == "instruction":
        who = f.get("speaker") or f.get("speaker_title") or "?"
        if f.get("speaker") and f.get("speaker_title"):
            who = f"{f['speaker_title']} {f['speaker']}"
        return f"{who} {f.get('verb') or ''}".strip()
    if r.kind == "official":
        return f"{f.get('name')}" + (f", {f['title']}" if f.get("title") else "")
    if r.kind == "location":
        return f"{f.get('level') or ''} {f.get('name')}".strip() + (f" ({f['parent']})" if f.get("parent") else "")
    return f"{f.get('text')}" + (f" — {f['quantity']}" if f.get("quantity") else "")


def write_table(results: Any, out: TextIO) -> None:
    for r in results:
        a = r.article
        dup = f"  (+{r.duplicates} syndicated)" if r.duplicates else ""
        out.write(f"{r.kind:<11} {a.date or '----------'}  {summary(r)}{dup}\n")
        if r.kind != "article":
            out.write(f"{'':<23}in: {a.title or '(untitled)'} — {a.source or '?'}\n")
        else:
            out.write(f"{'':<23}{a.source or '?'}{'  ' + a.url if a.url else ''}\n")
        if r.snippet.text and (r.kind in ("article", "instruction") or r.snippet.text not in summary(r)):
            out.write(f"{'':<23}{r.snippet.marked('[', ']')}\n")
        out.write("\n")
    shown = f"{results.offset + 1}-{results.offset + len(results)}" if len(results) else "none"
    more = "" if getattr(results, "total_exact", True) else "+"
    out.write(f"{results.total}{more} result{'s' if results.total != 1 else ''} (showing {shown})\n")


CSV_COLUMNS = ("kind", "id", "summary", "matched", "snippet", "exact", "duplicates", "article_id",
               "article_title", "article_date", "article_source", "article_url")


def write_csv(results: Any, out: TextIO) -> None:
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for r in results:
        a = r.article
        w.writerow([r.kind, r.id, summary(r), " ".join(r.matched), r.snippet.marked("[", "]"), int(r.exact),
                    r.duplicates, a.id, a.title or "", a.date or "", a.source or "", a.url or ""])


# -- `vnnews archive documents` / `vnnews archive officials` ----------------------------------

DOC_COLUMNS = ("id", "doc_type", "number", "issuer", "issuer_code", "scope", "province", "unit", "citations",
               "first_cited", "last_cited")
PERSON_COLUMNS = ("id", "name", "province", "scope", "articles", "first_seen", "last_seen", "positions")


def register_entities(asub: argparse._SubParsersAction) -> None:
    """Add `archive documents` and `archive officials`."""
    d = asub.add_parser("documents", help="documents cited in the archive, most cited first",
                        description="List documents as entities (type, number, issuer scoped by province), "
                                    "most cited first, or one document with the articles citing it (--id).")
    _db_arg(d)
    d.add_argument("--province", help="local documents of this province (national: the national ones)")
    d.add_argument("--number", help="documents with this number (as written: 01-CT/TU)")
    _listing_args(d, "documents", "one document: its citing articles and citations per month")
    d.set_defaults(func=run_documents)

    o = asub.add_parser("officials", help="persons named in the archive with their positions over time",
                        description="List persons (a name in one province; national offices apart), most "
                                    "mentioned first, with the positions they held over time, or one person "
                                    "with their instructions (--id, a person id).")
    _db_arg(o)
    o.add_argument("--province", help="persons serving in this province (national: national offices)")
    o.add_argument("--name", help="persons whose name contains this (diacritics optional)")
    _listing_args(o, "persons", "one person: positions, articles and instructions")
    o.set_defaults(func=run_officials)


def _listing_args(p: argparse.ArgumentParser, plural: str, one_help: str) -> None:
    p.add_argument("--id", help=one_help)
    p.add_argument("--limit", type=int, default=50, help=f"{plural} to list (default 50)")
    p.add_argument("--offset", type=int, default=0, help="skip this many")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")


def _entity_id(cmd: str, value: str) -> int | None:
    try:
        n = int(value)
    except ValueError:
        fail(cmd, f"--id {value!r} is not a number")
        return None
    return n


def _bad_paging(cmd: str, args: argparse.Namespace) -> bool:
    if args.limit < 0 or args.offset < 0:
        fail(cmd, "--limit and --offset must be 0 or more")
        return True
    return False


def _run_entities(args: argparse.Namespace, cmd: str, noun: str, fetch_one: Callable[[Any, int], Any],
                  print_one: Callable[[Any, str], int], fetch_many: Callable[[Any], list],
                  print_many: Callable[[list, str], None]) -> int:
    """The skeleton of `archive documents` and `archive officials`: one entity by --id, or a page of them."""
    from ..corpus.archive import ArchiveError

    if _bad_paging(cmd, args):
        return 1
    try:
        with _open(args.db, readonly=True) as archive:
            if args.id is not None:
                n = _entity_id(cmd, args.id)
                if n is None:
                    return 1
                one = fetch_one(archive, n)
                if one is None:
                    return fail(cmd, f"no {noun} with id {args.id} in {args.db}")
                return print_one(one, args.format)
            rows = fetch_many(archive)
    except ArchiveError as e:
        return fail(cmd, str(e))
    print_many(rows, args.format)
    if args.format == "table":
        plural = "persons" if noun == "person" else f"{noun}s"
        print(f"{len(rows)} {noun if len(rows) == 1 else plural} (from {args.offset + 1})" if rows
              else f"no {plural}")
    return 0


def run_documents(args: argparse.Namespace) -> int:
    return _run_entities(
        args, "archive documents", "document", lambda ar, n: ar.document(n), _print_document,
        lambda ar: ar.documents(province=args.province, number=args.number, limit=args.limit, offset=args.offset),
        _print_documents)


def _emit(fmt: str, payload: Any, header: Iterable[str], rows: Iterable[Iterable], lines: Iterable[str]) -> int:
    """Print one listing as json (`payload`), csv (`header` + `rows`) or a table (`lines`)."""
    if fmt == "json":
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(header)
        w.writerows(rows)
    else:
        for line in lines:
            print(line)
    return 0


def _where(entity: Any, *places: str | None) -> str:
    return "toàn quốc" if entity.scope == "national" else ", ".join(x for x in places if x) or "?"


def _print_documents(docs: list, fmt: str) -> None:
    _emit(fmt, [d.to_dict() for d in docs], DOC_COLUMNS,
          ([getattr(d, c) if getattr(d, c) is not None else "" for c in DOC_COLUMNS] for d in docs),
          (f"{d.id:>7}  {' '.join(x for x in (d.doc_type, d.number) if x) or '(no number)':<30} "
           f"{(d.issuer or '')[:32]:<32}  {_where(d, d.unit, d.province)[:24]:<24} "
           f"{d.citations:>6} cited  {d.first_cited or '?'} .. {d.last_cited or '?'}" for d in docs))


def _document_lines(doc: Any) -> Iterator[str]:
    d = doc.document
    yield f"{' '.join(x for x in (d.doc_type, d.number) if x)} — {d.issuer or '?'} ({_where(d, d.unit, d.province)})"
    yield f"cited by {d.citations} articles, {d.first_cited or '?'} .. {d.last_cited or '?'}"
    for m, n in doc.by_month:
        yield f"  {m}  {'#' * min(n, 60)} {n}"
    for c in doc.citing:
        yield f"  {c.article.date or '----------'}  {c.article.title or '(untitled)'} — {c.article.source or '?'}"


def _print_document(doc: Any, fmt: str) -> int:
    return _emit(fmt, doc.to_dict(),
                 ("document_id", "article_id", "article_date", "article_title", "article_source", "article_url"),
                 ((doc.document.id, c.article.id, c.article.date or "", c.article.title or "", c.article.source or "",
                   c.article.url or "") for c in doc.citing),
                 _document_lines(doc))


def run_officials(args: argparse.Namespace) -> int:
    return _run_entities(
        args, "archive officials", "person", lambda ar, n: ar.person(n), _print_person,
        lambda ar: ar.persons(province=args.province, name=args.name, limit=args.limit, offset=args.offset),
        _print_persons)


def _person_lines(people: list) -> Iterator[str]:
    for p in people:
        yield (f"{p.id:>7}  {p.name:<28} {_where(p, p.province):<20} {p.articles:>5} articles  "
               f"{p.first_seen or '?'} .. {p.last_seen or '?'}")
        for t in p.positions:
            yield f"{'':>9}{t.first_seen or '?'} .. {t.last_seen or '?'}  {t.title}"


def _print_persons(people: list, fmt: str) -> None:
    _emit(fmt, [p.to_dict() for p in people], PERSON_COLUMNS,
          ([p.id, p.name, p.province or "", p.scope, p.articles, p.first_seen or "", p.last_seen or "",
            "; ".join(f"{t.title} ({t.first_seen or '?'}..{t.last_seen or '?'})" for t in p.positions)]
           for p in people),
          _person_lines(people))


def _one_person_lines(p: Any) -> Iterator[str]:
    yield f"{p.name} ({_where(p, p.province)}): {p.articles} articles, {p.first_seen or '?'} .. {p.last_seen or '?'}"
    yield "positions:"
    for t in p.titles:
        yield f"  {t.first_seen or '?'} .. {t.last_seen or '?'}  {t.title}  ({t.articles} articles)"
    if p.instructions:
        yield "instructions:"
        for d in p.instructions:
            text = " ".join((d.directive.text or "").split())
            yield f"  {d.article.date or '----------'}  {d.directive.verb or ''}: {text[:110]}"


def _print_person(p: Any, fmt: str) -> int:
    return _emit(fmt, p.to_dict(), ("person_id", "title", "first_seen", "last_seen", "articles"),
                 ((p.person_id, t.title, t.first_seen or "", t.last_seen or "", t.articles) for t in p.titles),
                 _one_person_lines(p))
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(("person_id", "title", "first_seen", "last_seen", "articles"))
        for t in p.titles:
            w.writerow((p.person_id, t.title, t.first_seen or "", t.last_seen or "", t.articles))
        return 0
    where = "toàn quốc" if p.scope == "national" else p.province or "?"
    print(f"{p.name} ({where}): {p.articles} articles, {p.first_seen or '?'} .. {p.last_seen or '?'}")
    print("positions:")
    for t in p.titles:
        print(f"  {t.first_seen or '?'} .. {t.last_seen or '?'}  {t.title}  ({t.articles} articles)")
    if p.instructions:
        print("instructions:")
        for d in p.instructions:
            text = " ".join((d.directive.text or "").split())
            print(f"  {d.article.date or '----------'}  {d.directive.verb or ''}: {text[:110]}")
    return 0
