"""The output contract of `vnnews extract` (shared spec, sections 1 and 2)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vnnews
from vnnews.inputs import parse_txt
from vnnews.models import Record

EXAMPLE = Path(vnnews.__file__).parent / "data" / "example.txt"
RECORD_KEYS = {"schema", "input", "article", "text", "officials", "locations", "figures", "directives"}
ARTICLE_KEYS = {"url", "source", "title", "published", "author"}
KEYS = {
    "officials": {"name", "title", "role", "organization", "mentions"},
    "locations": {"name", "level", "parent", "mentions"},
    "figures": {"text", "value", "value_max", "total", "unit", "quantity", "span"},
}
DOCUMENT_KEYS = {"kind", "doc_type", "number", "issuer", "name", "mentions"}
INSTRUCTION_KEYS = {"kind", "speaker", "speaker_title", "verb", "text", "span"}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnnews", "extract", *args],
                          input=stdin, capture_output=True)


def check_record(data: dict) -> None:
    assert RECORD_KEYS <= set(data)
    assert data["schema"] == "vnnews.record/1"
    assert ARTICLE_KEYS <= set(data["article"])
    text = data["text"]
    for cat, keys in KEYS.items():
        for item in data[cat]:
            assert keys <= set(item), (cat, item)
    for o in data["officials"]:
        assert o["mentions"], o
        for s, e in o["mentions"]:
            assert o["name"].endswith(text[s:e]) or text[s:e] == o["name"]
    for loc in data["locations"]:
        written = {loc["name"].casefold(), *(a.casefold() for a in loc.get("aliases", []))}
        for s, e in loc["mentions"]:
            assert text[s:e].casefold() in written, (loc, text[s:e])
    for f in data["figures"]:
        assert text[f["span"][0]:f["span"][1]] == f["text"]
    for d in data["directives"]:
        if d["kind"] == "document":
            assert DOCUMENT_KEYS <= set(d)
            assert all(text[s:e] for s, e in d["mentions"])
        else:
            assert INSTRUCTION_KEYS <= set(d)
            assert text[d["span"][0]:d["span"][1]] == d["text"]


def test_example_article_gives_a_full_record():
    proc = run(str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    check_record(data)
    assert data["article"]["published"] == "2025-07-14T16:20:00+07:00"
    assert data["article"]["title"].startswith("Xã Phú Túc")
    assert not data["text"].startswith("URL:")       # the header is metadata, not body
    assert {o["name"] for o in data["officials"]} >= {"Trần Văn Hậu", "Lê Thị Ngọc Hân"}
    assert any(d["kind"] == "document" and d["number"] == "05-CT/TU" for d in data["directives"])
    assert any(d["kind"] == "instruction" and d["speaker"] == "Trần Văn Hậu" for d in data["directives"])
    assert any(f["value"] == 12.5e9 and f["unit"] == "đồng" for f in data["figures"])


def test_dev_articles_satisfy_the_contract(dev_dir):
    files = sorted(str(p) for p in dev_dir.glob("*.txt"))
    proc = run(*files, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert [json.loads(x)["input"] for x in lines] == files      # input order
    for line in lines:
        check_record(json.loads(line))


def test_nfd_input_is_normalised_and_offsets_index_the_nfc_text(dev_dir):
    import unicodedata

    raw = (dev_dir / "013.txt").read_text(encoding="utf-8")
    assert raw != unicodedata.normalize("NFC", raw)                # it really is NFD
    data = json.loads(run(str(dev_dir / "013.txt"), "--format", "json").stdout)
    assert data["text"] == unicodedata.normalize("NFC", data["text"])
    check_record(data)


def test_stdin_and_several_formats(tmp_path):
    body = EXAMPLE.read_bytes()
    proc = run("-", "--format", "jsonl", stdin=body)
    assert proc.returncode == 0
    (line,) = proc.stdout.decode().splitlines()
    assert json.loads(line)["input"] == "-"
    article = vnnews.Article(text="Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung xây dựng nông thôn mới.",
                             title="Tin ngắn")
    jpath = tmp_path / "a.json"
    jpath.write_text(json.dumps(article.to_dict(), ensure_ascii=False), encoding="utf-8")
    data = json.loads(run(str(jpath), "--format", "json").stdout)
    assert data["article"]["title"] == "Tin ngắn" and data["officials"][0]["name"] == "Phan Song Toàn"
    table = run(str(EXAMPLE), "--format", "table").stdout.decode()
    assert "Officials (" in table and "Trần Văn Hậu" in table


def test_bad_inputs_are_named_and_the_good_ones_still_printed(tmp_path):
    bad_bytes = tmp_path / "latin1.txt"
    bad_bytes.write_bytes("Bí thư".encode("utf-16"))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    header_only = tmp_path / "header.txt"
    header_only.write_text("TITLE: x\nDATE: unknown\n---\n", encoding="utf-8")
    not_article = tmp_path / "menu.html"
    not_article.write_text("<html><body><ul><li><a href='/'>Trang chủ</a></li></ul></body></html>", encoding="utf-8")
    broken_json = tmp_path / "broken.json"
    broken_json.write_text("{\"text\": ", encoding="utf-8")
    no_articles = tmp_path / "folder"  # a folder is read as `archive build` reads it: this one holds none
    no_articles.mkdir()
    (no_articles / "notes.md").write_text("not an article", encoding="utf-8")
    inputs = ["missing.txt", str(EXAMPLE), str(bad_bytes), str(empty), str(header_only),
              str(not_article), str(broken_json), str(no_articles)]
    proc = run(*inputs, "--format", "jsonl")
    assert proc.returncode != 0
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [r["input"] for r in out] == [str(EXAMPLE)]
    errors = proc.stderr.decode().strip().splitlines()
    assert len(errors) == len(inputs) - 1                       # one line per bad input
    for name, line in zip([i for i in inputs if i != str(EXAMPLE)], errors):
        assert name in line


def test_txt_header_values_that_do_not_parse_become_null():
    art = parse_txt("URL: unknown\nTITLE: Tin\nDATE: unknown\nSOURCE: Báo X\n---\nNội dung bài.")
    assert art.url is None and art.published is None and art.title == "Tin" and art.text == "Nội dung bài."
    art = parse_txt("DATE: 05/09/2022 - 07:10\n---\nNội dung.")
    assert (art.published.month, art.published.day) == (9, 5)       # day first, not May 9
    assert art.published.utcoffset().total_seconds() == 7 * 3600
    assert parse_txt("Không có tiêu đề: chỉ là văn bản.").text == "Không có tiêu đề: chỉ là văn bản."


def test_record_round_trips_through_json():
    rec = vnnews.extract(vnnews.Article(text=EXAMPLE.read_text(encoding="utf-8").split("---\n", 1)[1]))
    data = json.loads(json.dumps(rec.to_dict(), ensure_ascii=False))
    assert Record.from_dict(data).to_dict() == data
    art = parse_txt(EXAMPLE.read_text(encoding="utf-8"))
    assert vnnews.Article.from_dict(json.loads(json.dumps(art.to_dict()))) == art


def test_extract_rejects_other_types():
    with pytest.raises(TypeError):
        vnnews.extract(42)  # type: ignore[arg-type]


def test_a_pipeline_of_chosen_components():
    from vnnews.nlp import Pipeline, figures, officials

    nlp = Pipeline([("officials", officials.annotate), ("figures", figures.annotate)])
    doc = nlp("Bí thư Huyện ủy Phan Song Toàn cho biết huyện có 15 xã.")
    assert nlp.names == ["officials", "figures"]
    assert [o.name for o in doc.officials] == ["Phan Song Toàn"]
    assert [(f.value, f.unit) for f in doc.figures] == [(15, "xã")]
    assert doc.locations == [] and doc.directives == []
