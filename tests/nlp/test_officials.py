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


# Sentences written in the style of provincial papers: the officials each names, with
# their titles; `only` lists every official expected, `absent` names that are no officials.
CASES = [
    pytest.param(
        "Bà Nguyễn Thị Hồng, vợ ông Nguyễn Văn Nghị, Chủ tịch xã Nhân Trạch lại được đưa vào đề án.",
        {"Nguyễn Văn Nghị": "Chủ tịch xã Nhân Trạch"},
        {"only": {"Nguyễn Văn Nghị"}},
        id='adverbs_end_an_organisation_phrase'),
    pytest.param(
        'Phó Trưởng Ban Dân vận Tỉnh ủy Tiền Giang Lê Minh Tùng và Phó trưởng ban Dân vận Tỉnh ủy Bùi Văn Hản Em dự họp.',
        {'Lê Minh Tùng': 'Phó Trưởng Ban Dân vận Tỉnh ủy Tiền Giang', 'Bùi Văn Hản Em': 'Phó trưởng ban Dân vận Tỉnh ủy'},
        {},
        id='four_syllable_and_commoner_surname_split'),
    pytest.param(
        "Tham dự có bà H'Yim Kđoh, Phó Chủ tịch HĐND tỉnh Đắk Lắk, và đồng chí Thạch Phước Bình, Phó Bí thư Tỉnh ủy. Theo ông Nguyễn Văn An, chủ tịch UBND xã Phú Hòa, xã đạt chuẩn.",
        {"H'Yim Kđoh": 'Phó Chủ tịch HĐND tỉnh Đắk Lắk', 'Thạch Phước Bình': 'Phó Bí thư Tỉnh ủy', 'Nguyễn Văn An': 'chủ tịch UBND xã Phú Hòa'},
        {},
        id='minority_names_and_lower_case_titles'),
    pytest.param(
        'Giám đốc Sở Y tế tỉnh, ông Nguyễn Văn Em, cho biết ngành đã chuẩn bị đủ thuốc.',
        {'Nguyễn Văn Em': 'Giám đốc Sở Y tế tỉnh'},
        {},
        id='title_then_honorific_and_name_after_a_comma'),
    pytest.param(
        'Dự có Hồ Thị Hoàng Yến - Ủy viên Ban Thường vụ Tỉnh ủy; Chủ tịch UBND tỉnh Hà Nam Lê Minh.',
        {'Hồ Thị Hoàng Yến': 'Ủy viên Ban Thường vụ Tỉnh ủy', 'Lê Minh': 'Chủ tịch UBND tỉnh Hà Nam'},
        {},
        id='whole_name_sized_run_is_one_name_unless_it_starts_with_a_place'),
    pytest.param(
        'Dự họp có ông Trần Văn Nam, Giám đốc Sở Y tế Thái Bình, và Phó Giám đốc Công an Lâm Đồng.',
        {'Trần Văn Nam': 'Giám đốc Sở Y tế Thái Bình'},
        {'only': {'Trần Văn Nam'}},
        id='place_names_after_an_organisation_are_not_persons'),
    pytest.param(
        'Ông Trần Văn Tám - nguyên Giám đốc Sở Công Thương, đã nghỉ hưu từ ngày 1/3.',
        {'Trần Văn Tám': 'nguyên Giám đốc Sở Công Thương'},
        {'only': {'Trần Văn Tám'}},
        id='organisation_named_like_a_person_is_not_an_official'),
    pytest.param(
        'Phó Chủ tịch UBND huyện Tân Phú (tỉnh Đồng Tháp) Nguyễn Văn Lâm cho biết đã xảy ra cháy.',
        {'Nguyễn Văn Lâm': 'Phó Chủ tịch UBND huyện Tân Phú (tỉnh Đồng Tháp)'},
        {},
        id='place_in_parentheses_between_title_and_name'),
    pytest.param(
        'Trưởng phòng Cảnh sát giao thông Công an tỉnh Lê Văn Nghĩa báo cáo. Dự có ông Trần Minh Đức - Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch; Giám đốc Sở Tài chính Võ Văn Hải thừa ủy quyền Chủ tịch UBND tỉnh trình tờ trình.',
        {'Lê Văn Nghĩa': 'Trưởng phòng Cảnh sát giao thông Công an tỉnh', 'Trần Minh Đức': 'Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch', 'Võ Văn Hải': 'Giám đốc Sở Tài chính'},
        {},
        id='compound_nouns_and_commas_inside_organisation_names'),
    pytest.param(
        'Thượng tá Nguyễn Văn Sơn, Phó phòng Cảnh sát hình sự Công an tỉnh, cho biết thêm.',
        {'Nguyễn Văn Sơn': 'Phó phòng Cảnh sát hình sự Công an tỉnh'},
        {},
        id='positions_starting_with_a_prefix_word'),
    pytest.param(
        'Phát biểu kết luận, đồng chí Lê Thành Vinh Phó bí thư Huyện ủy, Chủ tịch UBND huyện, đánh giá cao xã.',
        {'Lê Thành Vinh': 'Phó bí thư Huyện ủy, Chủ tịch UBND huyện'},
        {},
        id='title_right_after_the_name_without_separator'),
    pytest.param(
        'Chủ tịch Ủy ban nhân dân (UBND) tỉnh Trần Văn Hùng dự họp.',
        {'Trần Văn Hùng': 'Chủ tịch Ủy ban nhân dân (UBND) tỉnh'},
        {},
        id='abbreviation_in_parentheses_inside_an_organisation'),
    pytest.param(
        'Đồng chí Lê Thị Nhàn, Bí thư Huyện ủy triển khai Chỉ thị số 35 của Bộ Chính trị.',
        {'Lê Thị Nhàn': 'Bí thư Huyện ủy'},
        {},
        id='verbs_end_an_organisation_phrase'),
    pytest.param(
        'Đồng chí Trần Văn Thi – TUV, Chủ tịch HND tỉnh (giữa) trao kỷ niệm chương cho các đồng chí. Đồng chí Lê Quốc Đoàn, Chủ tịch Ban Chấp hành Trung ương Hội Nông dân Việt Nam gợi mở 6 vấn đề.',
        {'Trần Văn Thi': 'TUV, Chủ tịch HND tỉnh', 'Lê Quốc Đoàn': 'Chủ tịch Ban Chấp hành Trung ương Hội Nông dân Việt Nam'},
        {},
        id='abbreviated_positions_and_predicate_verbs_after_long_organisations'),
    pytest.param(
        'Giám đốc Ban Quản lý dự án Đầu tư xây dựng tỉnh Trần Văn Lộc dự họp.',
        {'Trần Văn Lộc': 'Giám đốc Ban Quản lý dự án Đầu tư xây dựng tỉnh'},
        {},
        id='project_management_board_keeps_du_an'),
    pytest.param(
        'Thầy Nguyễn Văn Cường, Hiệu trưởng Trường THPT Lê Quý Đôn chia sẻ về kỳ thi.',
        {'Nguyễn Văn Cường': 'Hiệu trưởng Trường THPT Lê Quý Đôn'},
        {'only': {'Nguyễn Văn Cường'}},
        id='school_named_after_a_person_is_not_an_official'),
    pytest.param(
        'Dự có các đồng chí: Hà Văn Hải, Vụ trưởng Vụ Tổng hợp, Ban Tuyên giáo Trung ương; Lê Văn An, Trưởng phòng Tổ chức, Sở Nội vụ, Bí thư Chi bộ.',
        {'Hà Văn Hải': 'Vụ trưởng Vụ Tổng hợp, Ban Tuyên giáo Trung ương', 'Lê Văn An': 'Trưởng phòng Tổ chức, Sở Nội vụ, Bí thư Chi bộ'},
        {},
        id='parent_organisation_after_a_comma_belongs_to_the_title'),
    pytest.param(
        'Bác sĩ CKII Nguyễn Văn Tâm, Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh cho biết. Ông Lê Văn An, Trưởng phòng Nghiệp vụ, Công an tỉnh cũng có mặt.',
        {'Nguyễn Văn Tâm': 'Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh', 'Lê Văn An': 'Trưởng phòng Nghiệp vụ, Công an tỉnh'},
        {},
        id='hospital_and_police_parent_units_after_a_comma'),
    pytest.param(
        'Cùng dự có Trưởng Công an huyện Thượng tá Nguyễn Quang Thành. Dưới sự chủ trì của các đồng chí: Đỗ Minh Tâm, Phó Bí thư Tỉnh ủy; Trịnh Văn Sinh, Phó Bí thư Tỉnh ủy, Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ tỉnh đã được tổ chức.',
        {'Nguyễn Quang Thành': 'Trưởng Công an huyện', 'Trịnh Văn Sinh': 'Phó Bí thư Tỉnh ủy'},
        {},
        id='rank_between_title_and_name_and_events_are_no_parent_organisation'),
    pytest.param(
        'Ông Nguyễn Văn An (thứ hai từ trái sang), Giám đốc Sở Y tế trao quà cho bệnh nhân. Bà Trần Thị Cúc (ngụ ấp 3, xã An Hiệp), hộ nghèo được hỗ trợ nhà.',
        {'Nguyễn Văn An': 'Giám đốc Sở Y tế'},
        {'only': {'Nguyễn Văn An'}},
        id='caption_aside_between_name_and_title'),
    pytest.param(
        'Giám đốc Sở Tài nguyên và Môi trường Lê Văn Ba phát biểu. Tham dự có đồng chí Trần Văn An, Phó Chủ tịch UBND tỉnh và đại diện lãnh đạo các sở, ngành. Đồng chí Lê Văn Năm, Chủ tịch UBND xã nhiều năm liền đạt danh hiệu chiến sĩ thi đua.',
        {'Lê Văn Ba': 'Giám đốc Sở Tài nguyên và Môi trường', 'Trần Văn An': 'Phó Chủ tịch UBND tỉnh', 'Lê Văn Năm': 'Chủ tịch UBND xã'},
        {},
        id='environment_department_is_no_school_and_conjuncts_end_the_title'),
    pytest.param(
        'Viện trưởng Ban Nghiên cứu phát triển Lê Văn Minh phát biểu.',
        {'Lê Văn Minh': 'Viện trưởng Ban Nghiên cứu phát triển'},
        {},
        id='a_longer_position_starting_earlier_wins'),
    pytest.param(
        'Đại hội bầu Ban Chấp hành gồm 27 thành viên. Đồng chí Lê Hoàng Ân tái đắc cử Bí thư Đoàn trường. Đồng chí Trần Văn Bình được bầu giữ chức Chủ tịch UBND huyện nhiệm kỳ 2021 - 2026. Anh Nguyễn Văn Út được bầu vào Ban Chấp hành Đoàn xã.',
        {'Lê Hoàng Ân': 'Bí thư Đoàn trường', 'Trần Văn Bình': 'Chủ tịch UBND huyện'},
        {'absent': ['Nguyễn Văn Út']},
        id='positions_taken_by_election_or_appointment'),
    pytest.param(
        'Đồng chí Lê Văn Hai - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch HĐND tỉnh và đồng chí Trần Thị Ba - Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh đồng chủ trì kỳ họp. Cùng dự có Võ Văn Tư, Trưởng Ban Pháp chế HĐND tỉnh và đại biểu Đỗ Văn Năm.',
        {'Lê Văn Hai': 'Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch HĐND tỉnh', 'Trần Thị Ba': 'Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh', 'Võ Văn Tư': 'Trưởng Ban Pháp chế HĐND tỉnh'},
        {'absent': ['Đỗ Văn Năm']},
        id='and_before_the_next_person_ends_the_title'),
    pytest.param(
        'Dự có ông Phan Văn Sáu – Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Long An, bà Ngô Thị Bảy – Phó Chủ tịch Trung ương Hội Nông dân Việt Nam.',
        {'Phan Văn Sáu': 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Long An', 'Ngô Thị Bảy': 'Phó Chủ tịch Trung ương Hội Nông dân Việt Nam'},
        {},
        id='title_before_a_comma_belongs_to_the_previous_person'),
    pytest.param(
        'Đồng chí Huỳnh Văn Tám giữ chức Bí thư Huyện ủy Mỏ Cày Nam\nHội nghị đã thống nhất cao.',
        {'Huỳnh Văn Tám': 'Bí thư Huyện ủy Mỏ Cày Nam'},
        {},
        id='a_title_stops_at_a_line_break'),
    pytest.param(
        'Ngày 5/3, dưới sự chủ trì của đồng chí Lò Văn Hai - Bí thư Tỉnh ủy, Ban Thường vụ Tỉnh ủy đã tổ chức hội nghị. Dự có đồng chí Sầm Thị Ba, Vụ trưởng Vụ Địa phương, Ban Tổ chức Trung ương.',
        {'Lò Văn Hai': 'Bí thư Tỉnh ủy', 'Sầm Thị Ba': 'Vụ trưởng Vụ Địa phương, Ban Tổ chức Trung ương'},
        {},
        id='a_body_of_the_same_organisation_after_a_comma_is_no_parent'),
    pytest.param(
        'Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh – Trần Văn Một, Phó Bí thư Thường trực Tỉnh ủy - Lê Thanh Hai, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh – Võ Văn Út chủ trì hội nghị. Dự có bà Ngô Thị Ba, Giám đốc Văn phòng khu vực Đông Á - Thái Bình Dương dẫn đầu đoàn.',
        {'Trần Văn Một': 'Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh', 'Lê Thanh Hai': 'Phó Bí thư Thường trực Tỉnh ủy', 'Võ Văn Út': 'Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh', 'Ngô Thị Ba': 'Giám đốc Văn phòng khu vực Đông Á - Thái Bình Dương'},
        {'absent': ['Thái Bình Dương']},
        id='a_list_of_title_dash_name'),
    pytest.param(
        'Ông Lê Văn Sáu - Chủ tịch UBND tỉnh, Trưởng Ban chỉ đạo phòng, chống dịch bệnh tỉnh chủ trì cuộc họp. Dự có đồng chí Phạm Thị Bảy ủy viên ban thường vụ huyện ủy, phó chủ tịch UBND huyện.',
        {'Lê Văn Sáu': 'Chủ tịch UBND tỉnh, Trưởng Ban chỉ đạo phòng, chống dịch bệnh tỉnh', 'Phạm Thị Bảy': 'ủy viên ban thường vụ huyện ủy, phó chủ tịch UBND huyện'},
        {},
        id='lower_case_body_names_and_positions_after_an_honorific_and_name'),
    pytest.param(
        'Dự có Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQVN Đỗ Văn Tám\nTại điểm cầu tỉnh, có ông Nguyễn Quốc Chín, UVTW Đảng, Phó Bí thư Thường trực Tỉnh ủy tham dự.',
        {'Đỗ Văn Tám': 'Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQVN', 'Nguyễn Quốc Chín': 'UVTW Đảng, Phó Bí thư Thường trực Tỉnh ủy'},
        {},
        id='a_name_stops_at_a_line_break_and_abbreviated_central_committee_member'),
    pytest.param(
        'Ngày 17/12, bà Ngô Thị Mười, Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam và Đoàn đại biểu Quốc hội tỉnh đã tiếp xúc cử tri. Giám đốc Sở Khoa học và Công nghệ Lê Văn Một dự.',
        {'Ngô Thị Mười': 'Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam', 'Lê Văn Một': 'Giám đốc Sở Khoa học và Công nghệ'},
        {},
        id='a_second_subject_after_va_is_no_part_of_the_organisation'),
    pytest.param(
        'Bộ Chính trị phân công đồng chí Trần Văn Năm, Phó Bí thư Thành ủy, Chủ tịch UBND TP. Cần Thơ nay giữ chức Bí thư Thành ủy. Bị can Lê Văn Sáu (cựu Bí thư Tỉnh ủy Bến Tre) bị tạm giam. Phát biểu khai mạc, Bí thư Thành ủy nhiệm kỳ 2020-2025, đồng chí Đỗ Văn Bảy, nhấn mạnh ý nghĩa của đại hội.',
        {'Trần Văn Năm': 'Phó Bí thư Thành ủy, Chủ tịch UBND TP. Cần Thơ', 'Lê Văn Sáu': 'cựu Bí thư Tỉnh ủy Bến Tre', 'Đỗ Văn Bảy': 'Bí thư Thành ủy'},
        {},
        id='abbreviated_city_with_a_dot_former_and_a_term_before_the_name'),
    pytest.param(
        'Phó Trưởng ban Thường trực Ban Tuyên giáo Tỉnh ủy Tân Văn Tư đề nghị các cơ quan báo chí tuyên truyền.',
        {'Tân Văn Tư': 'Phó Trưởng ban Thường trực Ban Tuyên giáo Tỉnh ủy'},
        {'only': {'Tân Văn Tư'}},
        id='a_rare_family_name_before_van_or_thi'),
    pytest.param(
        'Thủ tướng phê chuẩn bầu Ủy viên UBND tỉnh đối với ông Lê Văn Chín, Đại tá, Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh.',
        {'Lê Văn Chín': 'Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh'},
        {},
        id='a_rank_between_name_and_title_after_commas'),
]


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
def _officials(expected: str) -> dict:
    return dict(p.split(" = ", 1) for p in cases.items(expected) if " = " in p)


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
