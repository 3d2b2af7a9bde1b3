"""Unit tests of the web page's HTML rendering of untrusted article text (no server, no browser)."""
from __future__ import annotations

import re

from vnnews.web.render import Span, entity_html, highlight_html, match_ranges, paragraphs, snippet_html


def _strip_tags(html: str) -> str:
    html = re.sub(r'<span class="ent-label">[^<]*</span>', "", html)
    html = re.sub(r"<br>", "\n", html)
    html = re.sub(r"</p>\n<p>", "\n\n", html)
    return (re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
            .replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&"))


TEXT = ("Bí thư Huyện ủy Phan Song Toàn đề nghị xã An Khánh thực hiện Chỉ thị số 01-CT/TU.\n\n"
        "Xã có 82 hộ dân; <script>alert('x')</script> & <img src=x onerror=alert(1)>.")


def test_entities_are_marked_in_place_and_text_is_kept():
    i_off = TEXT.index("Phan Song Toàn")
    i_loc = TEXT.index("An Khánh")
    i_doc = TEXT.index("Chỉ thị số 01-CT/TU")
    i_fig = TEXT.index("82 hộ")
    ents = [Span(i_off, i_off + 14, "official", "/official/1", "Bí thư", "o1"),
            Span(i_loc, i_loc + 8, "location", None, None, "l1"),
            Span(i_doc, i_doc + 19, "document", "/directive/2", None, "d2"),
            Span(i_fig, i_fig + 5, "figure")]
    ins = [Span(i_off, TEXT.index(".") + 1, "instruction", ref="d3")]
    html = str(entity_html(TEXT, ents, ins))
    assert html.count("<p>") == 2
    assert '<mark class="ent ent-official" data-kind="official" id="o1" tabindex="-1" data-ref="o1" title="Bí thư">' \
           '<a href="/official/1">' \
           'Phan Song Toàn</a><span class="ent-label">Cán bộ</span></mark>' in html
    assert 'data-ref="d3"' in html and html.index('class="ins"') < html.index("ent-official")
    assert "ent-location" in html and "ent-document" in html and "ent-figure" in html
    assert _strip_tags(html) == TEXT


def test_the_first_mark_of_each_record_is_its_anchor():
    """`/article/...#l1` scrolls to the record's first mention: one id per record, on its
    first mark; a record whose only span was dropped (overlapped) gets none."""
    a = TEXT.index("An Khánh")
    ents = [Span(a, a + 8, "location", ref="l1"), Span(a, a + 3, "location", ref="l2"),
            Span(TEXT.index("82"), TEXT.index("82") + 2, "figure", ref="f0"),
            Span(a, a + 8, "location", ref="l1")]
    anchored: set[str] = set()
    html = str(entity_html(TEXT + " An Khánh", ents + [Span(len(TEXT) + 1, len(TEXT) + 9, "location", ref="l1")],
                           [Span(0, 10, "instruction", ref="d3")], anchored=anchored))
    assert anchored == {"l1", "f0", "d3"}
    assert html.count('id="l1"') == 1 and html.count('data-ref="l1"') == 2
    assert html.index('id="l1"') < html.index('data-ref="l1"', html.index('id="l1"') + 1)
    assert 'id="l2"' not in html and 'id="d3"' in html


def test_untrusted_text_is_escaped():
    html = str(entity_html(TEXT, [Span(0, 6, "official", title='"><script>x</script>')]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    snip = str(snippet_html(TEXT, "script"))
    assert "<script>" not in snip and '<mark class="hit">script</mark>' in snip


def test_overlapping_and_bad_spans_do_not_break_the_markup():
    ents = [Span(0, 20, "official"), Span(5, 30, "location"), Span(-5, 3, "figure"), Span(50, 40, "figure"),
            Span(10_000, 10_010, "document"), Span("x", None, "figure")]  # type: ignore[arg-type]
    ins = [Span(15, 120, "instruction"), Span(100, 140, "instruction")]
    html = str(entity_html(TEXT, ents, ins))
    assert html.count("<mark") == html.count("</mark>")
    assert html.count("<span") == html.count("</span>")
    assert _strip_tags(html) == TEXT


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("a\nb\n\n  c \n \n\nd") == [(0, 3), (7, 8), (13, 14)]
    assert entity_html("", []) == ""


def test_query_matches_ignore_diacritics_and_d():
    text = "Báo Đồng Khởi: đồng khởi mới, Đông Khởi, dongkhoi"
    got = " ".join(text[a:b] for a, b in match_ranges(text, "dong khoi")).split()
    assert got == ["Đồng", "Khởi", "đồng", "khởi", "Đông", "Khởi"]
    assert str(highlight_html("01-CT/TU số", "01-CT/TU")) == '<mark class="hit">01-CT/TU</mark> số'
    assert [text[a:b] for a, b in match_ranges(text, "khở*")] == ["Khởi", "khởi", "Khởi"]
    assert str(highlight_html("a <b> Đồng", "dong")) == 'a &lt;b&gt; <mark class="hit">Đồng</mark>'
    assert match_ranges("abc", "") == [] and match_ranges("", "x") == []


def test_snippet_is_a_window_around_the_match():
    text = "mở đầu " * 100 + "Chỉ thị 01-CT/TU về Đồng Khởi mới " + "kết thúc " * 100
    snip = str(snippet_html(text, "dong khoi", width=120))
    assert snip.startswith("… ") and snip.endswith(" …")
    assert re.search(r'<mark class="hit">Đồng(</mark> <mark class="hit">| )Khởi</mark>', snip)
    assert len(_strip_tags(snip)) < 140


def test_only_http_links_to_originals():
    from vnnews.web.app import is_http_link

    assert is_http_link("https://baodongkhoi.vn/a.html") and is_http_link("HTTP://x.vn/")
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example/", "file:///etc/passwd",
                "https://x.vn/a b", None, 3):
        assert not is_http_link(bad)


def test_a_long_article_with_many_entities_renders_whole():
    para = "Ông Nguyễn Văn A đề nghị xã An Khánh làm 12 việc theo Chỉ thị 01-CT/TU. "
    text = "\n\n".join(para * 5 for _ in range(400))  # 2,000 sentences, 8,000 entities
    spans, ins, pos = [], [], 0
    while True:
        i = text.find("Nguyễn Văn A", pos)
        if i < 0:
            break
        sentence = para[para.index("Nguyễn"):]

        def at(part: str) -> int:
            return i + sentence.index(part)

        spans += [Span(i, i + 12, "official"), Span(at("An Khánh"), at("An Khánh") + 8, "location"),
                  Span(at("12 việc"), at("12 việc") + 7, "figure"),
                  Span(at("Chỉ thị"), at("Chỉ thị") + 16, "document")]
        ins.append(Span(at("xã An"), at("01-CT/TU") + 9, "instruction"))
        pos = i + 1
    html = str(entity_html(text, spans, ins))
    assert html.count("<mark") == len(spans) == html.count("</mark>")
    assert html.count('class="ins"') == len(ins)
    same = _strip_tags(html) == "\n\n".join(p.strip() for p in text.split("\n\n"))  # paragraphs are trimmed
    assert same
