"""Document numbers: the three grammars, code tables, tolerance of spacing and look-alikes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnnews import resources
from vnnews.nlp.docnumbers import NUMBER_RE, find_numbers, normalize_number, parse_number
from vnnews.nlp.documents import parse_number as reexported


@pytest.mark.parametrize(
    "number, grammar, doc_type, serial, year, issuer",
    [
        # Party: serial-TYPE/ISSUER
        ("01-CT/TU", "party", "Chỉ thị", "01", None, "Tỉnh ủy"),
        ("36-HD/VPTW", "party", "Hướng dẫn", "36", None, "Văn phòng Trung ương Đảng"),
        ("18-NQ/TW", "party", "Nghị quyết", "18", None, "Trung ương Đảng"),
        ("118-KL/TW", "party", "Kết luận", "118", None, "Trung ương Đảng"),
        ("08-QĐi/TW", "party", "Quy định", "08", None, "Trung ương Đảng"),
        ("01-CTr/TU", "party", "Chương trình", "01", None, "Tỉnh ủy"),
        ("8011-CV/BTCTW", "party", "Công văn", "8011", None, "Ban Tổ chức Trung ương"),
        ("12-NQ/HU", "party", "Nghị quyết", "12", None, "Huyện ủy"),
        # State administrative: serial/TYPE-ISSUER, and the công văn serial/ISSUER-UNIT
        ("15/CT-TTg", "state", "Chỉ thị", "15", None, "Thủ tướng Chính phủ"),
        ("1234/QĐ-UBND", "state", "Quyết định", "1234", None, "Ủy ban nhân dân"),
        ("23/KH-UBND", "state", "Kế hoạch", "23", None, "Ủy ban nhân dân"),
        ("123/UBND-VX", "state", "Công văn", "123", None, "Ủy ban nhân dân"),
        ("5382/BTC-QLCS", "state", "Công văn", "5382", None, "Bộ Tài chính"),
        # legal normative: serial/YEAR/TYPE-ISSUER
        ("24/2022/NĐ-CP", "legal", "Nghị định", "24", 2022, "Chính phủ"),
        ("10/2023/TT-BTC", "legal", "Thông tư", "10", 2023, "Bộ Tài chính"),
        ("12/2021/NQ-HĐND", "legal", "Nghị quyết", "12", 2021, "Hội đồng nhân dân"),
        ("34/2014/QĐ-TTg", "legal", "Quyết định", "34", 2014, "Thủ tướng Chính phủ"),
    ],
)
def test_three_grammars(number, grammar, doc_type, serial, year, issuer):
    p = parse_number(number)
    assert p is not None
    assert (p.grammar, p.doc_type, p.serial, p.year, p.issuer) == (grammar, doc_type, serial, year, issuer)
    assert p.text == number


def test_reexported_from_documents():
    assert reexported is parse_number
    assert reexported("24/2022/NĐ-CP").doc_type == "Nghị định"


def test_tt_collision_party_thong_tri_state_thong_tu():
    assert parse_number("05-TT/TW").doc_type == "Thông tri"
    assert parse_number("10/2023/TT-BTC").doc_type == "Thông tư"
    assert parse_number("01/2021/TTLT-BTC-BNV").doc_type == "Thông tư liên tịch"


def test_bct_collision_party_and_state():
    assert parse_number("12-TB/BCT").issuer == "Bộ Chính trị"
    assert parse_number("45/QĐ-BCT").issuer == "Bộ Công Thương"


def test_joint_issuers_and_units():
    p = parse_number("01/2021/TTLT-BTC-BNV")
    assert p.issuer_code == "BTC-BNV"
    assert p.issuer == "Bộ Tài chính - Bộ Nội vụ"
    assert parse_number("123/UBND-VX").units == ("Khối Văn xã",)


def test_law_number_has_no_type_code():
    p = parse_number("45/2019/QH14")
    assert (p.doc_type, p.issuer, p.year) == (None, "Quốc hội", 2019)


@pytest.mark.parametrize("written", ["40 – CT/TW", "40 - CT / TW", "40—CT/TW", "40‑CT/TW"])
def test_spaces_and_dash_variants_as_written(written):
    p = parse_number(written)
    assert p.doc_type == "Chỉ thị" and p.serial == "40" and p.issuer_code == "TW"
    assert p.text == written  # kept as written
    assert normalize_number(written) == "40-CT/TW"


def test_eth_lookalike_and_capitals():
    assert parse_number("1234/QÐ-UBND").doc_type == "Quyết định"  # U+00D0
    assert parse_number("24/2022/NÐ-CP").doc_type == "Nghị định"
    assert parse_number("34/2014/QĐ-TTG").issuer == "Thủ tướng Chính phủ"


@pytest.mark.parametrize("text", ["19/9", "19/09/2022", "2020-2025", "4/3", "Covid-19", "789/GP-BTTTT",
                                  "123/XYZ-ABC", "KT-XH", "", "   ", "quý II/2025"])
def test_not_document_numbers(text):
    assert parse_number(text) is None


def test_find_numbers_offsets_index_the_text():
    text = "theo Chỉ thị 40 – CT/TW, số 1234/QÐ-UBND ngày 19/9/2022; 4/3 đảng viên; 2020 - 2025."
    found = list(find_numbers(text))
    assert [text[s:e] for s, e, _ in found] == ["40 – CT/TW", "1234/QÐ-UBND"]


def test_number_inside_a_longer_token_is_not_split():
    assert list(find_numbers("mã A12-NQ/TU và 3.618-CT/TU")) == []


_TYPES = [r for r in resources.table("documents/types.tsv")]
_ISSUERS = [r for r in resources.table("documents/issuers.tsv")]


def _codes(scope):
    types = [(c, n) for c, s, n in _TYPES if s in (scope, "*")]
    issuers = [(r[0], r[2]) for r in _ISSUERS if r[1] in (scope, "*")]
    return types, issuers


@settings(max_examples=150, deadline=None)
@given(data=st.data(), grammar=st.sampled_from(["party", "state", "legal"]),
       serial=st.integers(1, 99999), year=st.integers(1990, 2035), spaced=st.booleans())
def test_generated_numbers_decode_back(data, grammar, serial, year, spaced):
    types, issuers = _codes("party" if grammar == "party" else "state")
    code, doc_type = data.draw(st.sampled_from(types))
    icode, iname = data.draw(st.sampled_from(issuers))
    dash = " – " if spaced else "-"
    if grammar == "party":
        written = f"{serial}{dash}{code}/{icode}"
    elif grammar == "state":
        written = f"{serial}/{code}{dash}{icode}"
    else:
        written = f"{serial}/{year}/{code}{dash}{icode}"
    p = parse_number(written)
    assert p is not None, written
    assert p.doc_type == doc_type
    assert p.serial == str(serial)
    assert p.issuer == iname
    assert p.year == (year if grammar == "legal" else None)
    # and it is found whole in running text
    text = f"Thực hiện văn bản số {written} ngày 19/9/2022."
    spans = [(m.start(), m.end()) for m in NUMBER_RE.finditer(text)]
    assert (text.index(written), text.index(written) + len(written)) in spans


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_number_never_crashes(text):
    p = parse_number(text)
    assert p is None or p.serial.isalnum()
    for s, e, _ in find_numbers(text):
        assert 0 <= s < e <= len(text)


def test_unit_after_a_dot():
    n = parse_number("10/CT-UBND.TH")
    assert (n.doc_type, n.issuer_code, n.units) == ("Chỉ thị", "UBND", ("Khối Tổng hợp",))


def test_state_serial_with_a_thousands_dot():
    assert [n.text for _, _, n in find_numbers("Công văn số 1.234/UBND-KT; có 1.234/1.500 hộ.")] == ["1.234/UBND-KT"]
    assert parse_number("2.500/QĐ-UBND").doc_type == "Quyết định"
