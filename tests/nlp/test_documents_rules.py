"""The documents grammar as data: `(rule, text, expected documents)`, run with the rule name as
test id. `expected` lists `(doc_type, number, name)` of the documents reported. Sentences
written for these tests."""
from __future__ import annotations

import pytest

import vnnews
from vnnews.nlp import documents

CASES = [
    ("not_a_reported_type", "UBND tỉnh trình Báo cáo số 123/BC-UBND và Nghị quyết số 10/2017/NQ-HĐND.",
     [("Nghị quyết", "10/2017/NQ-HĐND", "Nghị quyết số 10/2017/NQ-HĐND")]),
    ("a_verb_opening_a_clause", "Viện trưởng có các quyền sau: Quyết định thành lập các Viện Công tố và kiểm sát "
     "xét xử phúc thẩm; quy định tổ chức bộ máy của Văn phòng.", []),
    ("a_verb_opening_a_clause", "Ủy ban có nhiệm vụ tổ chức hội nghị. Quy định về phạm vi thẩm quyền theo lãnh thổ "
     "của các tòa án khu vực.", []),
    ("a_verb_opening_a_clause", "Quyết định thành lập Ban chỉ đạo bầu cử trưởng thôn đã được công bố.",
     [("Quyết định", None, "Quyết định thành lập Ban chỉ đạo bầu cử trưởng thôn")]),
    ("a_verb_opening_a_clause", "Quyết định thành lập thị xã Phú Mỹ\nSáng nay, tỉnh tổ chức lễ công bố.",
     [("Quyết định", None, "Quyết định thành lập thị xã Phú Mỹ")]),
    ("a_paper_of_a_business", "Văn phòng UBND tỉnh nhận được đề nghị của Tập đoàn FLC. Công văn số 789/FLC-BĐT2 "
     "của FLC đề xuất giới thiệu địa điểm.", []),
    ("a_paper_of_a_business", "UBND tỉnh có Công văn số 789/UBND-KT gửi Tập đoàn FLC về dự án.",
     [("Công văn", "789/UBND-KT", "Công văn số 789/UBND-KT")]),
    ("a_paper_of_a_mass_organisation", "Tại chương trình, Hội Nông dân xã đã công bố Quyết định thành lập Tổ Hội "
     "nông dân nghề nghiệp.", []),
    ("a_paper_of_a_mass_organisation", "UBND tỉnh và Ủy ban MTTQ tỉnh ban hành Nghị quyết liên tịch số "
     "05/NQLT-UBND-MTTQ.", [("Nghị quyết liên tịch", "05/NQLT-UBND-MTTQ", "Nghị quyết liên tịch số 05/NQLT-UBND-MTTQ")]),
    ("a_document_yet_to_be_issued", "Sở Giáo dục nghiên cứu, tham mưu UBND tỉnh ra chỉ thị về tăng cường các biện "
     "pháp bảo đảm an toàn cho học sinh.", []),
    ("a_document_yet_to_be_issued", "UBND tỉnh vừa ra chỉ thị về tăng cường các biện pháp bảo đảm an toàn cho học sinh.",
     [("Chỉ thị", None, "chỉ thị về tăng cường các biện pháp bảo đảm an toàn cho học sinh")]),
    ("a_heading_for_a_list", "Kỳ họp thông qua Nghị quyết về thực hiện chính sách cho các đối tượng như: mức hỗ "
     "trợ đóng bảo hiểm y tế; mức chi cho nạn nhân.", []),
    ("a_heading_for_a_list", "Kỳ họp thông qua Nghị quyết về thực hiện chính sách cho người cao tuổi: mức hỗ trợ tăng.",
     [("Nghị quyết", None, "Nghị quyết về thực hiện chính sách cho người cao tuổi")]),
    ("an_apposition_to_a_cited_number", "Văn phòng Chính phủ có Thông báo số 110/TB-VPCP ngày 20/3, thông báo kết "
     "luận của Phó Thủ tướng Vũ Đức Đam tại cuộc họp.", [("Thông báo", "110/TB-VPCP", "Thông báo số 110/TB-VPCP")]),
    ("an_apposition_to_a_cited_number", "UBND tỉnh ban hành Quyết định số 12/QĐ-UBND ngày 3/1; Quyết định thành "
     "lập Ban chỉ đạo bầu cử được công bố sau đó.", [("Quyết định", "12/QĐ-UBND", "Quyết định số 12/QĐ-UBND"),
                         ("Quyết định", None, "Quyết định thành lập Ban chỉ đạo bầu cử")]),
    ("another_years_number", "Chính phủ đã ban hành Nghị quyết số 02/NQ-CP năm 2020. Dự thảo Nghị quyết 02/NQ-CP "
     "năm 2021 về cải thiện môi trường kinh doanh được trình. Nghị quyết 02/2021 ngắn gọn hơn.",
     [("Nghị quyết", "02/NQ-CP", "Nghị quyết số 02/NQ-CP"), ("Nghị quyết", "02/NQ-CP", "Nghị quyết 02/NQ-CP")]),
    ("another_years_number", "Chính phủ ban hành Nghị quyết số 02/NQ-CP năm 2021. Nghị quyết 02/NQ-CP có hiệu lực.",
     [("Nghị quyết", "02/NQ-CP", "Nghị quyết số 02/NQ-CP")]),
    ("short_form_of_a_cited_number", "Văn phòng Chính phủ có công văn số 10745/VPCP-V.I gửi UBND tỉnh. "
     "Công văn số 10745/VPCP ngày 10/10 nêu rõ yêu cầu.",
     [("Công văn", "10745/VPCP-V.I", "công văn số 10745/VPCP-V.I")]),
    ("short_form_of_a_cited_number", "Chính phủ ban hành Nghị quyết 02/NQ-CP năm 2021 về môi trường kinh doanh. "
     "Nghị quyết 02/2021 ngắn gọn hơn.",
     [("Nghị quyết", "02/NQ-CP", "Nghị quyết 02/NQ-CP")]),
    ("short_form_of_a_cited_number", "Chính phủ ban hành Nghị quyết 02/NQ-CP năm 2021. Nghị quyết 02/2020 đã hết hiệu lực.",
     [("Nghị quyết", "02/NQ-CP", "Nghị quyết 02/NQ-CP"), ("Nghị quyết", "02/2020", "Nghị quyết 02/2020")]),
    ("number_of_an_amending_law", "Luật sửa đổi, bổ sung một số điều của Bộ luật Tố tụng hình sự số 99/2025/QH15 "
     "có hiệu lực.",
     [("Luật", "99/2025/QH15", "Luật sửa đổi, bổ sung một số điều của Bộ luật Tố tụng hình sự số 99/2025/QH15"),
      ("Bộ luật", None, "Bộ luật Tố tụng hình sự")]),
    ("number_of_an_amending_law", "Theo Luật Đất đai số 31/2024/QH15, người dân được cấp sổ.",
     [("Luật", "31/2024/QH15", "Luật Đất đai số 31/2024/QH15")]),
]


def _rules() -> set[str]:
    return {r.__name__ for r in documents.DOCUMENT_RULES} | {
        documents.short_form_of_a_cited_number.__name__, documents.number_of_an_amending_law.__name__,
        documents.an_apposition_to_a_cited_number.__name__, documents.another_years_number.__name__}


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_case(rule, text, expected):
    assert rule in _rules()
    rec = vnnews.extract(text, explain=True)
    got = [(d.doc_type, d.number, d.name) for d in rec.directives if d.kind == "document"]
    assert got == expected, rec.explain
    if rule in {r.__name__ for r in documents.DOCUMENT_RULES}:   # the drop, if any, is this rule's
        dropped = [d.rule for d in rec.explain if d.component == "documents" and d.action == "drop"]
        assert set(dropped) <= {rule} and (dropped or expected), rec.explain


def test_every_rule_has_a_docstring_example_and_a_case():
    covered = {c[0] for c in CASES}
    for name in _rules():
        rule = getattr(documents, name)
        assert rule.__doc__ and "`" in rule.__doc__, name
        assert name in covered, name


def test_a_drop_is_explained():
    rec = vnnews.extract("Viện trưởng có quyền: Quyết định thành lập các Viện Công tố và kiểm sát xét xử phúc thẩm.",
                         explain=True)
    (d,) = [d for d in rec.explain if d.component == "documents"]
    assert (d.rule, d.action, d.text) == ("a_verb_opening_a_clause", "drop",
                                          "Quyết định thành lập các Viện Công tố và kiểm sát xét xử phúc thẩm")
