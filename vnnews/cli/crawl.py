"""`vnnews crawl`, `vnnews fetch`, `vnnews parse`, `vnnews sites`."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .messages import fail, say
from .options import positive


def register(sub: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the `vnnews` parser."""
    p = sub.add_parser("crawl", help="crawl a news site (or a feed/sitemap) into a JSONL corpus",
                       description="Crawl TARGET politely and append its articles to a JSONL file, one "
                                   "Article per line. Run the same command again to resume.")
    p.add_argument("target", metavar="TARGET",
                   help="a site name (see `vnnews sites`), a home or category URL, a feed URL or a sitemap URL")
    p.add_argument("--since", metavar="DATE", help="only articles published on or after DATE (YYYY-MM-DD or DD/MM/YYYY)")
    p.add_argument("--until", metavar="DATE", help="only articles published on or before DATE")
    p.add_argument("--max", type=int, metavar="N", help="stop when the output holds N articles")
    p.add_argument("--out", default="corpus.jsonl", metavar="FILE", help="output JSONL (default: corpus.jsonl)")
    _fetch_options(p)
    p.add_argument("--max-pages", type=int, default=50, metavar="N",
                   help="list pages to follow per start URL (default: 50)")
    p.add_argument("--workers", type=int, default=4, metavar="N", help="concurrent fetches across hosts (default: 4)")
    p.add_argument("--cache", metavar="DIR", help="HTTP cache directory for conditional GETs "
                                                  "(default: FILE.cache beside the output)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.set_defaults(func=run_crawl)

    p = sub.add_parser("fetch", help="fetch one article and print it as JSON",
                       description="Fetch URL politely and print the parsed Article.")
    p.add_argument("url", metavar="URL")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format (default: json)")
    _fetch_options(p)
    p.set_defaults(func=run_fetch)

    p = sub.add_parser("parse", help="parse a saved HTML page into an article",
                       description="Parse a saved page offline with the adapter URL selects (generic otherwise).")
    p.add_argument("file", metavar="FILE.html", help="saved page, or - for stdin")
    p.add_argument("--url", help="the page's URL (selects the site adapter; default: the page's own canonical URL)")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format (default: json)")
    p.add_argument("--max-bytes", type=positive(int), default=None, metavar="N",
                   help="largest page accepted (default: 10 MB, as for fetch)")
    p.add_argument("--spec", metavar="SPEC.toml",
                   help="read the page with this site spec (an adapter being written) instead of the "
                        "registered adapter; no generic fall-back")
    p.set_defaults(func=run_parse)

    p = sub.add_parser("sites", help="list the sites with a dedicated adapter",
                       description="List registered sites: name (a crawl TARGET), adapter, hosts, start page.")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run_sites)


def _fetch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--delay", type=float, default=1.0, metavar="S", help="seconds between requests to one host (default: 1)")
    p.add_argument("--timeout", type=positive(float), default=30.0, metavar="S",
                   help="read timeout in seconds (default: 30)")
    p.add_argument("--retries", type=int, default=3, metavar="N", help="retries on errors, 429 and 5xx (default: 3)")
    p.add_argument("--max-bytes", type=positive(int), default=10 * 1024 * 1024, metavar="N",
                   help="largest page body accepted (default: 10 MB)")
    p.add_argument("--contact", metavar="EMAIL_OR_URL", help="contact address added to the User-Agent")


def _fetcher(args: argparse.Namespace, cache: str | None = None):
    from ..scrapers.fetcher import Fetcher

    return Fetcher(delay=max(0.0, args.delay), timeout=(min(10.0, args.timeout), args.timeout),
                   retries=max(0, args.retries), backoff=min(1.0, max(args.delay, 0.05)),
                   max_bytes=args.max_bytes, contact=args.contact, cache_dir=cache)


def _date(value: str | None, end: bool, prog: str) -> datetime | None:
    from ..dates import parse_date

    if value is None:
        return None
    dt = parse_date(value)
    if dt is None:
        raise SystemExit(f"vnnews {prog}: {value}: not a date (use YYYY-MM-DD or DD/MM/YYYY)")
    return dt + timedelta(days=1) - timedelta(microseconds=1) if end and dt.hour == dt.minute == 0 else dt


def run_crawl(args: argparse.Namespace) -> int:
    from ..scrapers.crawl import crawl
    from ..scrapers.errors import ScraperError

    since, until = _date(args.since, False, "crawl"), _date(args.until, True, "crawl")
    if args.max is not None and args.max < 1:
        return fail("crawl", "--max must be at least 1", 2)
    out = Path(args.out)
    cache = args.cache or str(out.with_name(out.name + ".cache"))
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=args.max, unit="art", desc="crawl", file=sys.stderr, dynamic_ncols=True)

    def progress(r) -> None:
        if bar is not None:
            bar.n = r.stored
            bar.set_postfix(found=r.found, fetched=r.fetched, skipped=r.skipped, failed=r.failed, refresh=False)
            bar.refresh()

    try:
        fetcher = _fetcher(args, cache)
    except OSError as e:
        if bar is not None:
            bar.close()
        return fail("crawl", f"{cache}: cannot create the cache directory ({e.strerror or e})", 2)
    try:
        report = crawl(args.target, out, fetcher=fetcher, since=since, until=until, max_articles=args.max,
                       max_pages=args.max_pages, workers=args.workers, progress=progress)
    except ScraperError as e:
        return fail("crawl", str(e), 2)
    except OSError as e:
        return fail("crawl", f"{e.filename or args.out}: {e.strerror or e}", 2)
    finally:
        if bar is not None:
            bar.close()
        fetcher.close()
    for f in report.failures:
        print(f"failed: {f.url}: {f.reason}", file=sys.stderr)
    say("crawl", report.summary(args.out))
    return 1 if report.failed and not report.stored and not report.already else 0


def _print_article(article, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    print(f"== {article.title or '(untitled)'}")
    meta = [article.source, article.published.isoformat() if article.published else None, article.author, article.url]
    print("   " + " | ".join(m for m in meta if m))
    print()
    print(article.text)
    captions = [img.caption for img in article.images if img.caption]
    if captions:
        print()
        for caption in captions:
            print(f"[ảnh] {caption}")


def run_fetch(args: argparse.Namespace) -> int:
    from ..scrapers import parse_html
    from ..scrapers.errors import FetchError, ParseError

    fetcher = _fetcher(args)
    try:
        resp = fetcher.get(args.url)
        article = parse_html(resp.text, resp.url, max_bytes=None)  # the fetcher capped the body
    except FetchError as e:
        return fail("fetch", str(e))
    except ParseError as e:
        return fail("fetch", f"{args.url}: {e}")
    finally:
        fetcher.close()
    article.fetched_at = datetime.now(timezone.utc)
    _print_article(article, args.format)
    return 0


def run_parse(args: argparse.Namespace) -> int:
    from ..scrapers import MAX_PAGE_BYTES, parse_html, parse_with_spec
    from ..scrapers.adapters.spec import SpecError
    from ..scrapers.errors import ParseError

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except FileNotFoundError:
        return fail("parse", f"{args.file}: no such file")
    except IsADirectoryError:
        return fail("parse", f"{args.file}: is a directory, not an HTML file")
    except OSError as e:
        return fail("parse", f"{args.file}: cannot read ({e.strerror})")
    try:
        if args.spec:
            article = parse_with_spec(data, args.url, args.spec, max_bytes=args.max_bytes or MAX_PAGE_BYTES)
        else:
            article = parse_html(data, args.url, max_bytes=args.max_bytes or MAX_PAGE_BYTES)
    except SpecError as e:
        return fail("parse", str(e))
    except ParseError as e:
        return fail("parse", f"{args.file}: {e}")
    _print_article(article, args.format)
    return 0


def run_sites(args: argparse.Namespace) -> int:
    from ..scrapers.sites import all_sites

    sites = all_sites()
    if args.format == "json":
        print(json.dumps([{"name": s.name, "adapter": s.adapter, "source": s.source, "hosts": list(s.hosts),
                           "home": s.home, "feeds": list(s.feeds), "categories": list(s.categories)}
                          for s in sites], ensure_ascii=False, indent=2))
        return 0
    print(f"{'NAME':<14} {'ADAPTER':<10} {'SOURCE':<16} HOSTS")
    for s in sites:
        print(f"{s.name:<14} {s.adapter:<10} {s.source:<16} {', '.join(s.hosts)}")
    print("(any other site: the generic extractor)")
    return 0
