"""The officials component on sentences written the way provincial papers write them."""
from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings, strategies as st

import cases
import vnnews
from vnnews.nlp import officials as officials_module
from vnnews.nlp.officials import ATTACH_RULES, NAME_RULES, expand_org
from vnnews.nlp.rules import names as rule_names


def officials(text: str) -> dict[str, vnnews.Official]:
    return {o.name: o for o in vnnews.extract(text).officials}


def test_title_before_name_splits_role_and_organisation():
    o = officials("Phó bí thư Thường trực Đảng ủy xã An Khánh Nguyễn Thị Kim Thoa cho biết thêm.")
    thoa = o["Nguyễn Thị Kim Thoa"]
    assert thoa.title == "Phó bí thư Thường trực Đảng ủy xã An Khánh"
    assert thoa.role == "Phó bí thư Thường trực"
    assert thoa.organization == "Đảng ủy xã An Khánh"


def test_apposition_chain_is_kept_whole():
    text = ("Sáng 1/4, đồng chí Hồ Quốc Dũng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, "
            "Chủ tịch HĐND tỉnh chủ trì buổi làm việc.")
    dung = officials(text)["Hồ Quốc Dũng"]
    assert dung.title == "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"
    assert [p["role"] for p in dung.extra["positions"]] == ["Ủy viên", "Bí thư", "Chủ tịch"]


def test_dash_apposition_and_shared_list_title():
    text = ("Dự có đồng chí Nguyễn Văn An - Phó Bí thư Thường trực Tỉnh ủy; các đồng chí Phó Bí thư "
            "Tỉnh ủy: Trần Văn Bình – Chủ tịch UBND tỉnh; Lê Quang Huy, Phạm Minh Châu.")
    o = officials(text)
    assert o["Nguyễn Văn An"].title == "Phó Bí thư Thường trực Tỉnh ủy"
    assert o["Trần Văn Bình"].title == "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"
    assert o["Lê Quang Huy"].title == "Phó Bí thư Tỉnh ủy"
    assert o["Phạm Minh Châu"].title == "Phó Bí thư Tỉnh ủy"


def test_short_mentions_join_the_official():
    text = ("Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung. "
            "Đồng chí Toàn cũng lưu ý công tác dân vận. Ông Phan Song Toàn nói thêm.")
    rec = vnnews.extract(text)
    (toan,) = rec.officials
    assert [rec.text[s:e] for s, e in toan.mentions] == ["Phan Song Toàn", "Toàn", "Phan Song Toàn"]


def test_former_position_keeps_nguyen_and_aside_is_skipped():
    text = ("Bổ nhiệm ông Nguyễn Tiến Dũng, sinh ngày 18/4/1968, nguyên Giám đốc Trung tâm Y tế "
            "huyện Gia Bình, giữ chức Giám đốc Bệnh viện huyện.")
    assert officials(text)["Nguyễn Tiến Dũng"].title == "nguyên Giám đốc Trung tâm Y tế huyện Gia Bình"


def test_held_position_when_nothing_else_is_attached():
    text = "Đại tá Huỳnh Thanh Mộng giữ chức Phó Giám đốc Công an tỉnh Vĩnh Long."
    assert officials(text)["Huỳnh Thanh Mộng"].title == "Phó Giám đốc Công an tỉnh Vĩnh Long"


def test_not_officials_bylines_bare_names_and_acronyms():
    text = ("MTTQ và các đoàn thể xã tập trung xây dựng NTM. Ông Nguyễn Văn Tư, người dân ấp 3, "
            "phấn khởi.\n\nBÌNH LUẬN\n\nBài, ảnh: P. Tuyết")
    assert vnnews.extract(text).officials == []


def test_old_and_new_tone_placement_match_the_same_lexicon():
    a = officials("Phó Bí thư Thành uỷ Trương Cảnh Tuyên dự họp.")
    b = officials("Phó Bí thư Thành ủy Trương Cảnh Tuyên dự họp.")
    assert a["Trương Cảnh Tuyên"].title == "Phó Bí thư Thành uỷ"   # as written
    assert b["Trương Cảnh Tuyên"].title == "Phó Bí thư Thành ủy"


def test_expand_org_abbreviations():
    assert expand_org("UBND tỉnh") == "Ủy ban nhân dân tỉnh"
    assert expand_org("Sở KH&CN") == "Sở Khoa học và Công nghệ"


def test_mentions_index_the_text_on_the_dev_set(dev_dir):
    from vnnews.inputs import read_input

    for path in sorted(dev_dir.glob("*.txt")):
        rec = vnnews.extract(read_input(str(path)))
        for o in rec.officials:
            short = o.name.split()[-1]
            for s, e in o.mentions:
                assert rec.text[s:e] in (o.name, short) or o.name.endswith(rec.text[s:e]), path.name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ĐđƯươôăâêÂBTCHUNDaeiouy ,.:;-–()“”\n") + ["Bí thư ", "Nguyễn ", "Tỉnh ủy ", "Văn ", "ông ", "đề nghị"]), max_size=80).map("".join) | st.text(max_size=200))
def test_never_crashes_on_arbitrary_text(text):
    rec = vnnews.extract(text) if text.strip() else None
    if rec:
        for o in rec.officials:
            assert all(0 <= s < e <= len(rec.text) for s, e in o.mentions)


def test_honorific_like_word_inside_an_organisation_name():
    o = officials("Dự lễ có đồng chí Lê Văn Hòa - Tổng Biên tập Báo Tin Tức, Chủ tịch Hội nhà báo Việt Nam.")
    assert set(o) == {"Lê Văn Hòa"}
    assert o["Lê Văn Hòa"].title.endswith("Chủ tịch Hội nhà báo Việt Nam")


def _officials(expected: str) -> dict:
    return dict(p.split(" = ", 1) for p in cases.items(expected) if " = " in p)


# Sentences written in the style of provincial papers (tests/data/officials/sentences.tsv):
# the officials each names, with their titles; `only`: no other official is found,
# `absent`: names that are no officials.
def _sentence_cases() -> list:
    out = []
    for case, text, expected, checks in cases.table("officials", "sentences", columns=4):
        titles = _officials(expected)
        expect: dict = {}
        for check in cases.items(checks):
            if check == "only":
                expect["only"] = set(titles)
            elif check.startswith("absent: "):
                expect["absent"] = check.removeprefix("absent: ").split(", ")
            else:
                raise ValueError(f"{case}: unknown check {check!r}")
        out.append(pytest.param(text, titles, expect, id=case))
    return out


CASES = _sentence_cases()


@pytest.mark.parametrize("text, titles, expect", CASES)
def test_titles(text: str, titles: dict, expect: dict):
    o = officials(text)
    for name, title in titles.items():
        assert o[name].title == title
    if "only" in expect:
        assert set(o) == expect["only"]
    for name in expect.get("absent", []):
        assert name not in o


# Cases as data: (rule, text, expected officials) from tests/data/officials/cases.tsv, one
# test per case with the rule's name as its id; the rule must appear in the explain trace.
RULE_NAMES = set(rule_names(NAME_RULES)) | set(rule_names(ATTACH_RULES)) | {
    "no_title", "same_person_fuller_name", "name_inside_a_title", "byline_name"}


@pytest.mark.parametrize("rule, text, want", cases.params("officials", _officials))
def test_rule_cases(rule: str, text: str, want: dict):
    assert rule in RULE_NAMES, f"unknown rule {rule}"
    rec = vnnews.extract(text, explain=True)
    assert {o.name: o.title for o in rec.officials} == want
    # a case that keeps an official shows its rule in the trace; a case with no official is
    # either the rule's drop or a look-alike the rule does not take (tests/nlp/test_rules.py
    # checks that every rule has both kinds)
    if want:
        assert rule in {d.rule for d in rec.explain if d.component == "officials"}


def test_explain_says_which_rule_kept_and_dropped_each_name():
    rec = vnnews.extract("Ông Lê Văn Tư, nông dân, cho biết. Bà Trần Thị Năm được bầu làm Chủ tịch Hội "
                         "Nông dân xã.", explain=True)
    steps = {(d.rule, d.action, d.text) for d in rec.explain if d.component == "officials"}
    assert ("no_title", "drop", "Lê Văn Tư") in steps
    assert ("title_taken_by_verb", "keep", "Trần Thị Năm") in steps
    assert [o.name for o in rec.officials] == ["Trần Thị Năm"]


def test_rules_are_ordered_tuples_of_documented_functions():
    for rule in NAME_RULES + ATTACH_RULES:
        assert rule.__doc__ and "`" in rule.__doc__, rule.__name__   # each names its examples
    failures, tried = doctest.testmod(officials_module)
    assert tried > 0 and failures == 0


def test_one_official_named_thousands_of_times_keeps_one_record_with_every_mention():
    # the shape that made `_dedup` and the mention joins quadratic: one official, many mentions
    para = ("Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung. Ông Phan Song Toàn, Chủ tịch UBND "
            "huyện, cho biết thêm. Ông Toàn nói.\n")
    rec = vnnews.extract(para * 2000)
    (toan,) = rec.officials
    assert len(toan.mentions) == 3 * 2000
    assert {(p["role"], p["organization"]) for p in toan.extra["positions"]} == {
        ("Bí thư", "Huyện ủy"), ("Chủ tịch", "UBND huyện")}
