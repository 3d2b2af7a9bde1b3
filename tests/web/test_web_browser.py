"""End-to-end tests of `vnnews serve` in headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright's Python sync API), against a live server on 127.0.0.1 over an
archive built from ../shared/eval/dev.

The run saves screenshots of the pages under `screenshots/` at the repository root
(git-ignored) for review: see docs/web.md.
"""
from __future__ import annotations

import re

import pytest

from websupport import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, LiveServer, build_archive, need_chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def server(dev_dir):
    need_chromium()
    from vnnews.web import create_app

    with LiveServer(create_app(build_archive(dev_dir))) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """Everything a page did that it must not: requests off this server, script errors,
    console errors (a CSP violation is one), and dialogs (an `alert` that got through)."""

    def __init__(self, server) -> None:
        self.server = server
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def attach(self, context, page) -> None:
        def route(r):
            if r.request.url.startswith(self.server.url + "/"):
                r.continue_()
            else:
                self.external.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def allow(self, prefix: str) -> None:
        """Forget the console errors starting with `prefix` so far (an expected 404)."""
        self.errors = [e for e in self.errors if not e.startswith("console: " + prefix)]

    def check(self) -> None:
        assert self.external == [], f"the page asked for external resources: {self.external}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a script ran: {self.dialogs}"


@pytest.fixture
def page(browser, server, request):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    pg = context.new_page()
    watch = Watch(server)
    watch.attach(context, pg)
    pg.watch = watch
    yield pg
    context.close()
    watch.check()


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    pg = context.new_page()
    watch = Watch(server)
    watch.attach(context, pg)
    yield pg
    context.close()
    watch.check()


def shot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_search_and_filter(page, server):
    # search "dong khoi" from the front page
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#q", "dong khoi")
    page.click(".searchbar button[type=submit]")
    page.wait_for_selector("#total")
    total = int(page.get_attribute("#total", "data-total"))
    assert total >= 1
    assert page.locator("li.hit").count() >= 1
    # the matches are highlighted, whatever their diacritics
    marks = page.locator("li.hit mark.hit").all_inner_texts()
    assert any(re.fullmatch(r"(?i)[đd][ồôo]ng", m) for m in marks), marks
    assert page.locator(".tabs .tab.active").get_attribute("data-kind") == "all"
    shot(page, "search-dong-khoi")

    # apply a filter from the filter panel: a date range
    if not page.locator("details.filters").evaluate("d => d.open"):
        page.click("details.filters summary")
    page.fill("#f-since", "2022-09-01")
    page.fill("#f-until", "2022-09-30")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"since=2022-09-01"))
    in_range = int(page.get_attribute("#total", "data-total"))
    assert 1 <= in_range < total
    dates = page.locator("li.hit time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert len(dates) == page.locator("li.hit").count()
    assert all(d.startswith("2022-09-") for d in dates), dates
    assert page.locator("details.filters").evaluate("d => d.open")  # active filters stay visible

    # and the kind, which submits on change
    page.select_option("#f-kind", "article")
    page.wait_for_url(re.compile(r"kind=article"))
    kinds = set(page.locator("li.hit").evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert kinds == {"article"}
    assert page.locator(".tabs .tab.active").get_attribute("data-kind") == "article"
    assert "since=2022-09-01" in page.url
    shot(page, "search-filtered")

    # a dev-set article from the filtered results, as the extractor sees it today
    page.locator("li.hit .hit-title").first.click()
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text p").count() >= 1
    shot(page, "article-dev")


def test_directive_then_its_article(page, server):
    # a document number as written
    page.goto(server.url + "/?q=01-CT%2FTU")
    page.click(".tabs .tab[data-kind=document]")
    page.wait_for_url(re.compile(r"kind=document"))
    assert set(page.locator("li.hit").evaluate_all("els => els.map(e => e.dataset.kind)")) == {"document"}
    assert "01-CT/TU" in page.locator("li.hit .hit-title").first.inner_text()

    # open the directive: its issuer, its article, the other articles citing the number
    page.locator("li.hit .hit-title").first.click()
    page.wait_for_selector("#directive-title")
    assert re.search(r"/a/[0-9a-f]{16}/d\d+$", page.url), page.url
    assert "01-CT/TU" in page.inner_text("#directive-title")
    assert "Ban Thường vụ Tỉnh ủy" in page.inner_text("article.directive")
    assert page.locator("#citing li").count() >= 1
    source_title = page.inner_text("#article-link")
    shot(page, "directive")

    # open its article: the entities are highlighted in place, the records listed beside
    page.click("#article-link")
    page.wait_for_selector("#article-text")
    assert re.search(r"/a/[0-9a-f]{16}#d\d+$", page.url), page.url
    assert page.inner_text("#article-title") == source_title
    marks = page.locator("#article-text mark.ent")
    assert marks.count() >= 1
    docs = page.locator("#article-text mark.ent[data-kind=document]")
    assert docs.count() >= 1 and "01-CT/TU" in docs.first.inner_text()
    assert docs.first.locator(".ent-label").text_content() == "Văn bản"
    assert page.locator("#records li").count() >= 1
    # pointing at a record beside the text flashes its marks in the text
    ref = page.locator("#records li[data-ref^=d]").first.get_attribute("data-ref")
    page.hover(f"#records li[data-ref='{ref}']")
    assert page.locator(f"#article-text [data-ref='{ref}'].flash").count() >= 1
    page.hover("#article-title")
    assert page.locator("#article-text .flash").count() == 0
    shot(page, "article")


def test_script_in_an_article_renders_inert(page, server):
    page.goto(server.url + "/?q=pwned&kind=article")
    page.wait_for_selector("li.hit")
    # the hostile title is shown as text in the results
    assert "<script>" in page.locator("li.hit .hit-title").first.inner_text()
    page.locator("li.hit .hit-title").first.click()
    page.wait_for_selector("#article-text")
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 'body'</script>" in text
    assert "<img src=\"x\" onerror=" in text
    assert "<script>" in page.inner_text("#article-title")
    assert "<b onmouseover" in page.inner_text(".meta .source") or "Báo Kiểm Thử" in page.inner_text(".meta")
    # nothing from the article became markup, and nothing ran
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.hover(".meta")
    assert page.evaluate("window.__pwned") is None
    # entities are still highlighted around the inert text
    assert page.locator("#article-text mark.ent").count() >= 1
    shot(page, "article-script-inert")


def test_official_page(page, server):
    page.goto(server.url + "/?q=nguyen+van+thu&kind=official")
    page.wait_for_selector("li.hit")
    page.locator("li.hit .hit-title").first.click()
    page.wait_for_selector("#official-name")
    assert page.inner_text("#official-name") == "Nguyễn Văn Thử"
    assert "Chủ tịch UBND tỉnh" in page.inner_text("#titles")
    assert page.locator("#instructions li").count() == 1
    assert page.locator("#mentions li").count() >= 1
    shot(page, "official")
    # the instruction opens its directive page, which links back to the speaker
    page.locator("#instructions li a").first.click()
    page.wait_for_selector("#directive-title")
    assert "yêu cầu" in page.inner_text("#directive-title")
    shot(page, "directive-instruction")
    page.click("article.directive a[href^='/official/']")
    page.wait_for_selector("#official-name")


def test_pages_fit_a_phone_screen(phone, server):
    phone.goto(server.url + "/?q=dong+khoi")
    phone.wait_for_selector("li.hit")
    assert no_horizontal_scroll(phone)
    shot(phone, "phone-search", full_page=False)
    phone.click(".tabs .tab[data-kind=article]")
    phone.wait_for_url(re.compile(r"kind=article"))
    phone.locator("li.hit .hit-title").first.click()
    phone.wait_for_selector("#article-text")
    assert no_horizontal_scroll(phone)
    # the records list goes below the text on a phone
    text_box = phone.locator("#article-text").bounding_box()
    records_box = phone.locator("#records").bounding_box()
    assert records_box["y"] >= text_box["y"] + text_box["height"] - 1
    shot(phone, "phone-article")


def test_error_page_in_the_browser(page, server):
    resp = page.goto(server.url + "/article/999999")
    assert resp.status == 404
    assert "Không tìm thấy" in page.inner_text("main")
    page.watch.allow("Failed to load resource")
    page.click("text=Về trang tìm kiếm")
    page.wait_for_selector("#q")


# ---------------------------------------------------------------- issue 13: the archive page


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
                                     return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def test_a_mention_link_scrolls_to_the_mark(page, server):
    # a figure found by a search opens its article at the figure, highlighted
    page.goto(server.url + "/?kind=figure")
    page.locator("li.hit .hit-title").first.click()
    page.wait_for_selector("#article-text")
    assert re.search(r"/a/[0-9a-f]{16}#f\d+$", page.url), page.url
    target = page.evaluate("(() => { const t = document.querySelector(':target'); "
                           "return t && [t.tagName, t.dataset.kind, t.id]; })()")
    assert target[0] == "MARK" and target[1] == "figure" and page.url.endswith("#" + target[2])
    # the last figure of a long article: the page scrolls down to it
    refs = page.locator("#records li[data-ref^=f]").evaluate_all("els => els.map(e => e.dataset.ref)")
    base = page.url.split("#")[0]
    page.goto(base + "#" + refs[-1])
    page.wait_for_selector(f"#article-text [id='{refs[-1]}']")
    assert in_viewport(page, f"[id='{refs[-1]}']")
    if len(refs) > 3:
        assert page.evaluate("window.scrollY") > 0
    shot(page, "article-anchor", full_page=False)


def test_keyboard_skip_link_and_records(page, server):
    page.goto(server.url + "/article/1")  # the old address lands on the permalink
    page.wait_for_selector("#article-text")
    assert re.search(r"/a/[0-9a-f]{16}$", page.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # a record takes the keyboard focus, which flashes its marks; Enter goes to the first one
    ref = page.locator("#records li[data-ref^=l]").first.get_attribute("data-ref")
    page.focus(f"#records li[data-ref='{ref}']")
    assert page.locator(f"#article-text [data-ref='{ref}'].flash").count() >= 1
    shot(page, "article-keyboard", full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{ref}$"))
    page.keyboard.press("Tab")  # on to the next focusable thing: the old record's flash ends
    assert page.locator(f"#article-text [data-ref='{ref}'].flash").count() == 0


def test_facets_sort_chart_and_export(page, server):
    import csv
    import io

    page.goto(server.url + "/?q=dong+khoi")
    assert page.locator(".tabs [aria-current=page]").get_attribute("data-kind") == "all"
    assert page.locator("label[for=q]").count() == 1
    # the chart of results over time is an SVG drawn by the server
    bars = page.locator("#results-chart svg.chart rect.bar")
    assert bars.count() == int(page.get_attribute("#results-chart svg", "data-bars")) >= 1
    assert page.locator("#results-chart svg title").first.text_content().startswith("Số kết quả")
    before = int(page.get_attribute("#total", "data-total"))
    # the hostile source among the facet values is text: nothing became markup, nothing ran
    assert "<b onmouseover" in page.inner_text("#facets [data-facet=source]")
    assert page.locator("main script, main img, main b").count() == 0
    page.hover("#facets [data-facet=source]")
    assert page.evaluate("window.__pwned") is None
    shot(page, "search-facets")
    # a facet link adds its filter
    link = page.locator("#facets [data-facet=province] a").first
    province = link.get_attribute("title")
    link.click()
    page.wait_for_url(re.compile(r"province="))
    assert page.locator("#facets [data-facet=province] [aria-current]").inner_text() == province
    assert page.input_value("#f-province") == province
    assert int(page.get_attribute("#total", "data-total")) < before
    # newest first
    page.goto(server.url + "/?q=dong+khoi")
    page.click("#sort a")
    page.wait_for_url(re.compile(r"sort=date"))
    dates = page.locator("li.hit .hit-article time").evaluate_all("els => els.map(e => e.dateTime.slice(0, 10))")
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2
    # export all the results, as a file
    with page.expect_download() as dl:
        page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) == before and dl.value.suggested_filename == "vnnews-dong-khoi.csv"
    assert [r["date"] for r in rows if r["date"]] == sorted((r["date"] for r in rows if r["date"]), reverse=True)
    with page.expect_download() as dl:
        page.click("#export-json")
    import json

    assert json.load(open(dl.value.path(), encoding="utf-8"))["count"] == before


def test_numbered_pages(page, server):
    page.goto(server.url + "/?kind=figure")
    assert page.locator(".pager [aria-current=page]").inner_text() == "1"
    page.click(".pager .pages a:text-is('3')")
    page.wait_for_url(re.compile(r"page=3"))
    assert page.locator(".pager [aria-current=page]").inner_text() == "3"
    assert page.locator("ol.results").get_attribute("start") == "41"
    shot(page, "search-pages")
    last = page.locator(".pager .pages a").last.inner_text()
    page.goto(server.url + "/?kind=figure&page=499")  # past the end: the last page
    assert page.url.endswith(f"page={last}")
    assert page.locator(".pager [aria-current=page]").inner_text() == last
    assert page.locator("li.hit").count() >= 1


def test_home_page(page, server):
    page.goto(server.url + "/")
    assert page.locator("#most-cited li").count() >= 1
    assert page.locator("#latest-instructions li").count() >= 1
    assert page.locator("#home-chart svg.chart").count() == 1
    shot(page, "home")
    # the most cited document: its page, chart and citing articles linked to the passages
    page.locator("#most-cited li a").first.click()
    page.wait_for_selector("#document-title")
    assert page.locator("#citations-chart svg rect.bar").count() >= 1
    assert page.locator("#citing li").count() >= 2
    shot(page, "document")
    page.locator("#citing li a.small").first.click()
    page.wait_for_selector("#directive-title")
    assert re.search(r"/a/[0-9a-f]{16}/d\d+$", page.url)
    assert page.locator("#citations-chart svg rect.bar").count() >= 1
    assert page.locator("#document-link").count() == 1
    shot(page, "directive-citations")
    # an instruction: its passage, and a link to its place in the article
    page.goto(server.url + "/")
    page.locator("#latest-instructions li a").first.click()
    page.wait_for_selector("#directive-title")
    assert page.locator("#context mark.here").count() == 1
    shot(page, "directive-instruction-context")
    page.click("#in-article")
    page.wait_for_selector("#article-text")
    # the fragment is applied after load; waited for by selector (the page's CSP forbids the
    # eval that wait_for_function polls with when the first check fails)
    page.wait_for_selector(":target", state="attached")
    assert page.evaluate("document.querySelector(':target').className") == "ins"
    assert in_viewport(page, ":target")


def test_home_and_facets_fit_a_phone(phone, server):
    phone.goto(server.url + "/")
    assert no_horizontal_scroll(phone)
    shot(phone, "phone-home", full_page=False)
    phone.goto(server.url + "/?q=dong+khoi")
    assert no_horizontal_scroll(phone)
    facets = phone.locator("#facets").bounding_box()
    results = phone.locator("ol.results").bounding_box()
    assert facets["y"] >= results["y"] + results["height"] - 1  # below the results on a phone
