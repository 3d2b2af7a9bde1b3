"""Compare what the site adapters make of every page, before and after a change.

    git archive HEAD | (mkdir -p /tmp/before && tar -x -C /tmp/before)   # the code before
    ... change a spec or an adapter ...
    python scripts/compare_adapters.py --before /tmp/before [--show 20]

For every page in ../shared/fixtures/html and tests/data/scrapers, both trees parse: each
article page with `parse_html` (its URL, no URL, a mirror URL) and with every family's
adapter, each list page with every family's `parse_list`, and variants of each page with one
element the specs read removed (the first match, then all matches of each XPath in the
current specs, plus meta tags, JSON-LD, `<base>`), so the fall-backs are compared too. Every
Article field must be identical; the differences are listed. Exit status 1 when any differ.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "html"
SITE_PAGES = ROOT / "tests" / "data" / "scrapers" / "site"
EXTRA_PROBES = ["//meta", "//script[@type='application/ld+json']", "//base", "//link[@rel='canonical']",
                "//meta[@property='og:description']", "//time", "//article", "//p[1]", "//h1//span", "//strong"]


def probes() -> list[str]:
    """Every XPath the current specs read (named extras too), then the page-metadata probes."""
    sys.path.insert(0, str(ROOT))
    from vnnews.scrapers.adapters import spec

    out: list[str] = []
    for name in spec.names():
        the = spec.load(name)
        for sources in [*the.article.values(), *the.xpaths.values(), the.next, [the.scope or ""]]:
            for s in sources:
                s = s[4:] if s.startswith("all ") else s
                if spec.is_xpath(s):
                    s = "/" + s[1:] if s.startswith(".//") else s  # a relative XPath: its matches in the page
                    out.append(re.sub(r"/@[\w-]+$", "", s))
    return list(dict.fromkeys(out + EXTRA_PROBES))


def dump(root: str, probe_list: list[str], out: str) -> None:
    """Run in a tree (`root` first on sys.path): write every result as JSON to `out`."""
    sys.path.insert(0, root)
    from lxml import etree
    from lxml import html as lhtml

    from vnnews.scrapers import adapters, parse_html, parse_list
    from vnnews.scrapers.sites import all_sites

    families = sorted({s.adapter for s in all_sites()})

    def article(fn):
        try:
            return fn().to_dict()
        except Exception as e:  # noqa: BLE001 - the kind of failure is compared too
            return {"error": type(e).__name__}

    def links(fn):
        try:
            return fn()
        except Exception as e:  # noqa: BLE001
            return {"error": type(e).__name__}

    def variants(text):
        yield "original", text
        for xp in probe_list:
            try:
                if not lhtml.fromstring(text).xpath(xp):
                    continue
            except etree.XPathError:
                continue
            for how in ("first", "all"):
                tree = lhtml.fromstring(text)
                hits = tree.xpath(xp)
                for el in hits[:1] if how == "first" else hits:
                    if isinstance(el, etree._Element) and el.getparent() is not None:
                        el.getparent().remove(el)
                yield f"{how} {xp}", etree.tostring(tree, encoding="unicode")

    results = {}
    for path in sorted(FIXTURES.glob("*.html")) if FIXTURES.exists() else []:
        text = path.read_text("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        own = adapters.for_url(url)[1].adapter
        key = path.name
        if "article" in path.name:
            for label, u in (("url", url), ("none", None), ("mirror", "http://127.0.0.1:8000/saved.html")):
                results[f"{key} parse_html {label}"] = article(lambda: parse_html(text, u))
            for f in families:
                results[f"{key} {f}"] = article(lambda: adapters.module(f).parse_article(text, url))
            for name, v in variants(text):
                results[f"{key} [{name}] {own}"] = article(lambda: adapters.module(own).parse_article(v, url))
                results[f"{key} [{name}] parse_html"] = article(lambda: parse_html(v, url))
        else:
            for name, v in variants(text):
                results[f"{key} [{name}] list {own}"] = links(lambda: adapters.module(own).parse_list(v, url))
        for f in families:
            results[f"{key} list {f}"] = links(lambda: adapters.module(f).parse_list(text, url))
            results[f"{key} is_article {f}"] = adapters.module(f).is_article_url(url)
    for path in sorted(SITE_PAGES.rglob("*.html")):
        raw = path.read_bytes()
        rel = path.relative_to(SITE_PAGES).as_posix()
        for base in ["http://127.0.0.1:8000/", *(s.home for s in all_sites())]:
            results[f"site {rel} {base} article"] = article(lambda: parse_html(raw, base + rel))
            results[f"site {rel} {base} list"] = links(lambda: parse_list(raw, base + rel))
    Path(out).write_text(json.dumps(results, ensure_ascii=False, sort_keys=True, default=str), "utf-8")


def run(root: Path, probe_list: list[str], tmp: Path, label: str) -> dict:
    out, plist = tmp / f"{label}.json", tmp / "probes.json"
    plist.write_text(json.dumps(probe_list))
    subprocess.run([sys.executable, __file__, "--dump", str(root), str(plist), str(out)], check=True, cwd=tmp)
    return json.loads(out.read_text("utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, help="a checkout of the code before the change")
    ap.add_argument("--after", type=Path, default=ROOT, help="the code after (default: this checkout)")
    ap.add_argument("--show", type=int, default=20, help="differences to print (default 20)")
    ap.add_argument("--dump", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        dump(args.dump[0], json.loads(Path(args.dump[1]).read_text()), args.dump[2])
        return 0
    if not args.before:
        ap.error("--before DIR is needed (a checkout of the code before the change)")
    if not FIXTURES.exists():
        print(f"note: {FIXTURES} is absent; only tests/data/scrapers pages are compared", file=sys.stderr)
    probe_list = probes()
    with tempfile.TemporaryDirectory() as tmp:
        before = run(args.before.resolve(), probe_list, Path(tmp), "before")
        after = run(args.after.resolve(), probe_list, Path(tmp), "after")
    keys = sorted(set(before) | set(after))
    differ = [k for k in keys if before.get(k) != after.get(k)]
    articles = sum(1 for k in keys if isinstance(after.get(k), dict) and "text" in after[k])
    print(f"{len(keys)} results ({articles} articles, {len(probe_list)} probe XPaths): "
          f"{len(keys) - len(differ)} identical, {len(differ)} differ")
    for k in differ[:args.show]:
        a, b = before.get(k), after.get(k)
        if isinstance(a, dict) and isinstance(b, dict):
            fields = [f for f in sorted(set(a) | set(b)) if a.get(f) != b.get(f)]
            print(f"  {k}: {', '.join(fields)}")
            for f in fields[:3]:
                print(f"      before {str(a.get(f))[:120]!r}\n      after  {str(b.get(f))[:120]!r}")
        else:
            print(f"  {k}:\n      before {str(a)[:160]!r}\n      after  {str(b)[:160]!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
