"""Parse time per fixture page: vnnews site adapters vs `trafilatura.extract`, side by side.

    python bench/parse_speed.py [--repeat N]

Both parse the same decoded page text (str) in the same process; the ratio
trafilatura/adapter is printed per page and overall. Target: adapters >= 3x faster.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "html"
PAGES = ["baocantho-article.html", "baolaocai-article.html", "vtcnews-article.html", "znews-article.html"]


def best_of(fn, repeat: int) -> float:
    """Median wall time of `repeat` runs of fn(), in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    if not FIXTURES.exists():
        print(f"needs {FIXTURES}", file=sys.stderr)
        return 2
    try:
        import trafilatura
    except ImportError as e:
        print(f"needs trafilatura ({e})", file=sys.stderr)
        return 2
    from vnnews.scrapers import parse_html
    from vnnews.scrapers import generic

    print(f"{'page':<26} {'KB':>5} {'adapter ms':>11} {'generic ms':>11} {'trafilatura ms':>15} {'ratio':>6}")
    tot_a = tot_g = tot_t = 0.0
    for name in PAGES:
        raw = (FIXTURES / name).read_bytes()
        text = raw.decode("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        parse_html(text, url), trafilatura.extract(text, url=url)  # warm-up (imports, caches)
        a = best_of(lambda: parse_html(text, url), args.repeat)
        g = best_of(lambda: generic.parse_article(text, url), args.repeat)
        t = best_of(lambda: trafilatura.extract(text, url=url, with_metadata=True), args.repeat)
        tot_a, tot_g, tot_t = tot_a + a, tot_g + g, tot_t + t
        print(f"{name:<26} {len(raw) // 1024:>5} {a:>11.2f} {g:>11.2f} {t:>15.2f} {t / a:>5.1f}x")
    print(f"{'all pages':<26} {'':>5} {tot_a:>11.2f} {tot_g:>11.2f} {tot_t:>15.2f} {tot_t / tot_a:>5.1f}x")
    print(f"adapters are {tot_t / tot_a:.1f}x faster than trafilatura.extract (target >= 3x); "
          f"generic extractor {tot_t / tot_g:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
