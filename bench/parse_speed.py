"""Parse time per fixture page: vnnews site adapters vs `trafilatura.extract`, side by side.

    python bench/parse_speed.py [--repeat N] [--quality] [--before DIR]

All parse the same decoded page text (str) in the same process, taking turns run by run; the
ratio trafilatura/adapter is printed per page and overall. Targets: adapters and the generic
extractor >= 3x faster than trafilatura. `--before DIR` (a checkout of the code before a
change) times `parse_html` of that code and of this checkout, each in a child process, taking
turns run by run, and prints the ratio before/after.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's vnnews, not whichever one is installed
FIXTURES = ROOT.parent / "shared" / "fixtures" / "html"
PAGES = ["baocantho-article.html", "baolaocai-article.html", "vtcnews-article.html", "znews-article.html"]


def medians_ms(fns, repeat: int) -> list[float]:
    """Median wall time of `repeat` runs of each fn(), in milliseconds. The functions take turns
    within each round, so a load change on a shared machine slows them all alike and the
    ratios stay fair."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, ts in zip(fns, times):
            t = time.perf_counter()
            fn()
            ts.append((time.perf_counter() - t) * 1000)
    return [sorted(ts)[len(ts) // 2] for ts in times]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--quality", action="store_true",
                    help="also compare the generic extractor with trafilatura on body paragraphs and metadata")
    ap.add_argument("--before", type=Path, help="a checkout of the code before a change: compare parse_html")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child)
    if args.before:
        return before_after(args.before, args.repeat)
    if not FIXTURES.exists():
        print(f"needs {FIXTURES}", file=sys.stderr)
        return 2
    try:
        import trafilatura
    except ImportError as e:
        print(f"needs trafilatura ({e})", file=sys.stderr)
        return 2
    from vnnews.scrapers import parse_html
    from vnnews.scrapers.adapters import generic

    print(f"{'page':<26} {'KB':>5} {'adapter ms':>11} {'generic ms':>11} {'trafilatura ms':>15} {'ratio':>6}")
    tot_a = tot_g = tot_t = 0.0
    for name in PAGES:
        raw = (FIXTURES / name).read_bytes()
        text = raw.decode("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        parse_html(text, url), trafilatura.extract(text, url=url)  # warm-up (imports, caches)
        a, g, t = medians_ms([lambda: parse_html(text, url), lambda: generic.parse_article(text, url),
                              lambda: trafilatura.extract(text, url=url, with_metadata=True)], args.repeat)
        tot_a, tot_g, tot_t = tot_a + a, tot_g + g, tot_t + t
        print(f"{name:<26} {len(raw) // 1024:>5} {a:>11.2f} {g:>11.2f} {t:>15.2f} {t / a:>5.1f}x")
    print(f"{'all pages':<26} {'':>5} {tot_a:>11.2f} {tot_g:>11.2f} {tot_t:>15.2f} {tot_t / tot_a:>5.1f}x")
    print(f"adapters are {tot_t / tot_a:.1f}x faster than trafilatura.extract (target >= 3x); "
          f"generic extractor {tot_t / tot_g:.1f}x (target >= 3x)")
    if args.quality:
        quality(trafilatura)
    return 0


def child(root: Path) -> int:
    """Time `parse_html` of the code in `root`: read `page` lines, answer milliseconds."""
    sys.path.insert(0, str(root.resolve()))
    from vnnews.scrapers import parse_html

    for line in sys.stdin:
        text = (FIXTURES / line.strip()).read_text("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        t = time.perf_counter()
        parse_html(text, url)
        print(f"{(time.perf_counter() - t) * 1000:.4f}", flush=True)
    return 0


def before_after(root: Path, repeat: int) -> int:
    """`parse_html` of the code in `root` and of this checkout, each in a child process, taking turns."""
    procs = [subprocess.Popen([sys.executable, __file__, "--child", str(r)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for r in (root, ROOT)]

    def timed(proc: subprocess.Popen, name: str) -> float:
        proc.stdin.write(name + "\n")
        proc.stdin.flush()
        return float(proc.stdout.readline())

    print(f"{'page':<26} {'before ms':>10} {'after ms':>10} {'before/after':>13}")
    tot_b = tot_a = 0.0
    for name in PAGES:
        for proc in procs:
            timed(proc, name)  # warm-up
        times: list[list[float]] = [[], []]
        for i in range(repeat):
            order = (0, 1) if i % 2 == 0 else (1, 0)  # who goes first alternates
            for k in order:
                times[k].append(timed(procs[k], name))
        b, a = (sorted(ts)[repeat // 2] for ts in times)
        tot_b, tot_a = tot_b + b, tot_a + a
        print(f"{name:<26} {b:>10.2f} {a:>10.2f} {b / a:>12.2f}x")
    for proc in procs:
        proc.stdin.close()
        proc.wait()
    print(f"{'all pages':<26} {tot_b:>10.2f} {tot_a:>10.2f} {tot_b / tot_a:>12.2f}x")
    print(f"before/after: {tot_b / tot_a:.2f} (1.00: the same speed; above 1: faster now)")
    return 0


def _norm(p: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", p).split())


def quality(trafilatura) -> None:
    """Paragraph precision/recall of the generic extractor and of trafilatura against the site
    adapter's body paragraphs (for baocantho these equal dev article 002, the hand-checked text),
    and whether title, date (to the minute) and author agree with the adapter's."""
    from vnnews.scrapers import parse_html
    from vnnews.scrapers.adapters import generic

    print()
    print(f"{'page':<26} {'extractor':<12} {'paras':>5} {'prec':>5} {'recall':>6}  title date author")
    for name in PAGES:
        text = (FIXTURES / name).read_text("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        ref = parse_html(text, url)
        gold = {_norm(p) for p in ref.text.split("\n\n")}
        gen = generic.parse_article(text, url)
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True)
        doc = doc.as_dict() if hasattr(doc, "as_dict") else doc
        traf_paras = [p for p in (doc.get("text") or "").split("\n") if p.strip()]
        rows = [
            ("generic", gen.text.split("\n\n"), gen.title, gen.published.strftime("%Y-%m-%d %H:%M") if gen.published else None, gen.author),
            ("trafilatura", traf_paras, doc.get("title"), doc.get("date"), doc.get("author")),
        ]
        ref_date = ref.published.strftime("%Y-%m-%d %H:%M")
        for label, paras, title, date, author in rows:
            got = [_norm(p) for p in paras if _norm(p)]
            prec = sum(p in gold for p in got) / max(len(got), 1)
            rec = sum(p in set(got) for p in gold) / len(gold)
            print(f"{name:<26} {label:<12} {len(got):>5} {prec:>5.2f} {rec:>6.2f}  "
                  f"{'yes' if title == ref.title else 'no ':<5} {'yes' if date == ref_date else 'no ':<4} "
                  f"{'yes' if author == ref.author else 'no'}  ({date}; {author})")


if __name__ == "__main__":
    sys.exit(main())
