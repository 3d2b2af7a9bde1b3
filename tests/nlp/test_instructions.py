"""The instructions component: directive verbs, speakers and statement extents."""
from __future__ import annotations

import vnnews


def instructions(text: str) -> list[vnnews.Directive]:
    return vnnews.extract(text).instructions


def test_title_name_verb_colon_runs_to_paragraph_end():
    text = ("Bí thư Huyện ủy Phan Song Toàn đề nghị: Đảng bộ xã tập trung xây dựng nông thôn mới. "
            "Phát huy khối đoàn kết nội bộ.\n\nĐoạn sau không thuộc lời chỉ đạo.")
    (ins,) = instructions(text)
    assert (ins.speaker, ins.speaker_title, ins.verb) == ("Phan Song Toàn", "Bí thư Huyện ủy", "đề nghị")
    assert ins.text == "Đảng bộ xã tập trung xây dựng nông thôn mới. Phát huy khối đoàn kết nội bộ."
    rec = vnnews.extract(text)
    assert rec.text[ins.span[0]:ins.span[1]] == ins.text


def test_title_only_speaker_resolves_to_the_official_with_that_title():
    text = ("Phó Thủ tướng Thường trực Nguyễn Hòa Bình dự hội nghị. Phó Thủ tướng Thường trực lưu ý, "
            "ngành Thanh tra cần triển khai nhiều cuộc thanh tra có trọng tâm.")
    (ins,) = instructions(text)
    assert ins.speaker == "Nguyễn Hòa Bình"
    assert ins.text.startswith("ngành Thanh tra cần triển khai")


def test_title_without_a_named_official_goes_to_speaker_title():
    (ins,) = instructions("Chủ tịch UBND tỉnh giao Sở Giáo dục và Đào tạo kiểm tra, xử lý nghiêm các sai phạm.")
    assert ins.speaker is None and ins.speaker_title == "Chủ tịch UBND tỉnh"


def test_body_speaker_and_its_fullest_name():
    text = ("Ngày 6-2, UBND TP Hà Nội ban hành kế hoạch.\n\nUBND thành phố giao thủ trưởng các sở, ngành "
            "tổ chức triển khai kế hoạch, định kỳ báo cáo kết quả.")
    (ins,) = instructions(text)
    assert ins.speaker == "UBND TP Hà Nội"


def test_sentence_initial_verb_continues_the_last_speaker():
    text = ("Tổng Bí thư Tô Lâm yêu cầu các cấp ủy phải xác định quyết tâm chính trị cao nhất.\n\n[img]\n\n"
            "Đại biểu dự hội nghị\n\nĐề nghị cán bộ, đảng viên tập trung lãnh đạo với quyết tâm cao nhất.")
    ins = instructions(text)
    assert [i.speaker for i in ins] == ["Tô Lâm", "Tô Lâm"]
    assert ins[1].text.startswith("cán bộ, đảng viên")


def test_quotation_then_attribution():
    text = ("“Đảng bộ xã cần đoàn kết, thống nhất, quyết tâm thực hiện thắng lợi việc xây dựng nông thôn mới”.\n\n"
            "(Trưởng ban Tuyên giáo Tỉnh ủy Cao Văn Dũng nhấn mạnh tại buổi làm việc)")
    (ins,) = instructions(text)
    assert ins.speaker == "Cao Văn Dũng" and ins.verb == "nhấn mạnh"
    assert ins.text.startswith("Đảng bộ xã cần đoàn kết")


def test_opinions_nouns_and_statements_are_not_instructions():
    text = ("Bí thư Đảng ủy xã An Khánh Lê Minh Lợi cho rằng: cần tạo sự đồng thuận. "
            "Theo đề nghị của Sở Tài chính, dự án được điều chỉnh. Trước yêu cầu mới, tỉnh đã chuẩn bị. "
            "Giám đốc Sở Xây dựng Võ Hữu Thiện nhấn mạnh quý II là thời điểm quan trọng. "
            "Hội nghị quán triệt Chỉ thị số 45-CT/TW của Bộ Chính trị. Các hộ dân bàn giao mặt bằng, "
            "giao thông thông suốt.")
    assert instructions(text) == []


def test_instruction_spans_index_the_text_on_the_dev_set(dev_dir):
    from vnnews.inputs import read_input

    for path in sorted(dev_dir.glob("*.txt")):
        rec = vnnews.extract(read_input(str(path)))
        for ins in rec.instructions:
            assert rec.text[ins.span[0]:ins.span[1]] == ins.text, path.name
            assert ins.speaker or ins.speaker_title


def test_a_directive_verb_inside_a_list_of_nouns_is_not_an_instruction():
    text = ("Chủ tịch UBND tỉnh Trần Văn An đánh giá hệ thống phục vụ công tác nắm bắt, chỉ đạo, điều hành "
            "của lãnh đạo tỉnh, vì vậy, đề nghị các đơn vị phối hợp hoàn thiện hệ thống.")
    (ins,) = instructions(text)
    assert (ins.speaker, ins.verb) == ("Trần Văn An", "đề nghị")
    assert ins.text == "các đơn vị phối hợp hoàn thiện hệ thống."


def test_a_body_speaks_through_the_document_it_issued():
    (a,) = instructions("Ngày 5/3, Sở Y tế có Công văn số 45/SYT-NV đề nghị các bệnh viện chủ động "
                        "chuẩn bị thuốc, vật tư y tế.")
    assert (a.speaker, a.verb) == ("Sở Y tế", "đề nghị")
    (b,) = instructions("UBND tỉnh vừa ban hành Công văn số 1234/UBND-KT yêu cầu các sở, ngành tăng cường "
                        "phòng chống dịch bệnh.")
    assert b.speaker == "UBND tỉnh"


def test_straight_quotation_then_attribution():
    text = ('Giám đốc Công an tỉnh Nguyễn Văn Nam dự buổi gặp mặt.\n\n"Thời gian tới, rất mong nhân dân '
            'tiếp tục cung cấp thông tin về an ninh trật tự" - đại tá Nam đề nghị.')
    (ins,) = instructions(text)
    assert ins.speaker == "Nguyễn Văn Nam"
    assert ins.text.startswith("Thời gian tới, rất mong nhân dân")


def test_sentence_initial_verb_phrase_before_a_body_subject_is_adverbial():
    text = ("Phó Giám đốc Công an tỉnh Trần Văn Ngọc phát biểu.\n\nQuán triệt nghiêm túc chỉ đạo của Thủ tướng "
            "Chính phủ tại Chỉ thị 10/CT-TTg, UBND tỉnh đã ban hành Kế hoạch số 328/KH-UBND để triển khai.")
    assert instructions(text) == []


def test_a_capitalised_body_after_the_verb_is_no_compound():
    (ins,) = instructions("Bí thư Huyện ủy Trần Văn Tư đề nghị Ban Thường vụ Đảng ủy xã nghiêm túc tiếp thu "
                          "các ý kiến góp ý.")
    assert ins.speaker == "Trần Văn Tư" and ins.text.startswith("Ban Thường vụ Đảng ủy xã")


def test_title_only_document_issuer_and_implicit_organisation():
    (a,) = instructions("Chủ tịch Ủy ban nhân dân (UBND) tỉnh vừa ban hành chỉ thị yêu cầu Thủ trưởng các sở, "
                        "ngành quyết liệt triển khai các nhiệm vụ phòng, chống dịch.")
    assert (a.speaker, a.speaker_title) == (None, "Chủ tịch Ủy ban nhân dân (UBND) tỉnh")
    text = ("Sáng 9/3, đồng chí Ung Văn Tâm, Phó Bí thư Thường trực, Chủ tịch HĐND huyện chủ trì cuộc họp. "
            "Đồng chí Phó Bí thư Thường trực Huyện ủy đề nghị các cơ quan tham mưu cần nhanh chóng chuẩn bị hội thi.")
    (b,) = instructions(text)
    assert b.speaker == "Ung Văn Tâm"


def test_connective_after_a_statement_continues_the_speaker():
    text = ("Kết luận cuộc họp, đồng chí Lê Văn Hòa – Phó Chủ tịch UBND tỉnh đánh giá cao hệ thống. "
            "Đây là nền tảng quan trọng, vì vậy, đề nghị các đơn vị phối hợp hoàn thiện các chức năng.")
    (ins,) = instructions(text)
    assert ins.speaker == "Lê Văn Hòa" and ins.text.startswith("các đơn vị phối hợp")


def test_a_document_named_as_subject_speaks_for_its_issuer():
    text = ("Ngày 8/9, Chủ tịch UBND TP Cần Thơ ban hành Công văn số 3784/UBND-NC về phân công ứng trực.\n\n"
            "Công văn số 3784/UBND-NC yêu cầu: Chủ tịch UBND các quận, huyện ứng trực 24/24 giờ để theo dõi "
            "tình hình dịch bệnh.")
    (ins,) = instructions(text)
    assert (ins.speaker, ins.speaker_title) == (None, "Chủ tịch UBND TP Cần Thơ")
    assert ins.text.startswith("Chủ tịch UBND các quận, huyện ứng trực")


def test_unnamed_lower_case_members_are_no_speaker():
    assert instructions("Để tránh phát sinh chi phí, đại biểu Quốc hội đề nghị giữ nguyên quy định hiện hành "
                        "về tòa án nhân dân cấp huyện.") == []


def test_second_predicate_after_va_keeps_the_subject():
    text = ("Thay mặt lãnh đạo tỉnh, Phó Chủ tịch UBND tỉnh Trần Thị Hoa biểu dương thành tích của ngành giáo dục "
            "và yêu cầu ngành tiếp tục nâng cao chất lượng dạy và học.")
    (ins,) = instructions(text)
    assert (ins.speaker, ins.verb) == ("Trần Thị Hoa", "yêu cầu")


def test_quoted_statement_after_colon_drops_the_quotation_marks():
    (ins,) = instructions('Phó Chủ tịch UBND tỉnh Trần Văn Hải nhấn mạnh: "Các địa phương phải chủ động '
                          'phương án ứng phó với triều cường".')
    assert ins.text == "Các địa phương phải chủ động phương án ứng phó với triều cường"


def test_body_with_an_unnumbered_letter_requests():
    (ins,) = instructions("Trước đó, UBND tỉnh đã có văn bản đề nghị Bộ Giao thông vận tải hỗ trợ vốn.")
    assert ins.speaker == "UBND tỉnh"
    assert instructions("Sở đã nhận được văn bản đề nghị của UBND huyện về việc hỗ trợ vốn.") == []


def test_allocation_is_no_instruction_and_agreement_words_sit_before_the_verb():
    assert instructions("UBND huyện Ba Tri giao đất cho 20 hộ dân tái định cư tại ấp An Thạnh.") == []
    (a,) = instructions("Hội nghị thống nhất đề nghị Ban Thường vụ Tỉnh ủy xem xét kỷ luật đảng viên vi phạm.")
    assert a.speaker == "Hội nghị"
    (b,) = instructions("Chủ tịch UBND tỉnh Trần Văn Tám có ý kiến chỉ đạo các sở tập trung tháo gỡ khó khăn "
                        "cho doanh nghiệp.")
    assert b.speaker == "Trần Văn Tám"


def test_requests_to_review_or_support_count_after_a_weak_verb():
    (ins,) = instructions("Chủ tịch UBND huyện Nguyễn Văn Tâm đề xuất tỉnh xem xét, hỗ trợ kinh phí nạo vét kênh mương.")
    assert (ins.speaker, ins.verb) == ("Nguyễn Văn Tâm", "đề xuất")
    text = ("Chủ tịch HĐND tỉnh Hồ Văn Dũng nhấn mạnh: Với tinh thần trách nhiệm, HĐND tỉnh kịp thời tổ chức "
            "các kỳ họp chuyên đề để tháo gỡ khó khăn.")
    assert instructions(text) == []


def test_a_named_inspection_team_or_abbreviated_committee_speaks():
    text = ("Đoàn đã kiểm tra thực tế tại các ấp. Đoàn kiểm tra đề nghị các thành viên Ban Chỉ đạo xã "
            "nâng cao tinh thần trách nhiệm.\n\nUBKT Huyện ủy Giồng Trôm cũng đề nghị Ban Thường vụ Đảng ủy xã "
            "kiểm điểm, rút kinh nghiệm nghiêm túc.")
    ins = instructions(text)
    assert [i.speaker for i in ins] == ["Đoàn kiểm tra", "UBKT Huyện ủy Giồng Trôm"]
    assert ins[1].text.startswith("Ban Thường vụ Đảng ủy xã kiểm điểm")


def test_a_minority_family_name_is_a_speaker_not_part_of_the_title():
    text = "Đồng chí Bí thư Tỉnh ủy Chẩu Văn Tám quán triệt các cấp ủy tập trung lãnh đạo đại hội."
    (ins,) = instructions(text)
    assert ins.speaker == "Chẩu Văn Tám"


def test_a_purpose_or_past_act_is_no_directive_content_after_a_weak_verb():
    text = ("Bí thư Tỉnh ủy Trần Văn Hai nhấn mạnh: “Việc luân chuyển cán bộ lần này nhằm hỗ trợ huyện "
            "phát triển nhanh hơn”. Chủ tịch UBND tỉnh Lê Văn Ba nhấn mạnh, thời gian qua các ngành đã "
            "tập trung giải ngân vốn đầu tư công.")
    assert instructions(text) == []


def test_an_unnamed_speaker_with_a_colon_stops_the_carried_speaker():
    text = ("Dự có Phó Chủ tịch UBND tỉnh Nguyễn Văn Tư.\n\nPhát biểu tại buổi họp mặt, lãnh đạo Hội Nông dân "
            "tỉnh nhấn mạnh: năm nay là năm cuối nhiệm kỳ. Do đó, đề nghị các cấp Hội tập trung hoàn thành "
            "các chỉ tiêu đã đề ra.")
    assert [i.speaker for i in instructions(text)] == []


def test_a_verb_inside_a_lower_case_body_name_is_no_instruction():
    text = ("Ông Lê Văn Sáu - Chủ tịch UBND tỉnh, Trưởng ban chỉ đạo phòng, chống dịch bệnh tỉnh chủ trì "
            "cuộc họp trực tuyến với các huyện.")
    assert instructions(text) == []


def test_a_shared_title_right_after_a_name_speaks_for_that_official():
    text = ("Dự có đồng chí Lê Văn Một, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh.\n\nTại lễ phát động, đồng chí "
            "Trần Văn Hai, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh đã kêu gọi cán bộ, công chức hãy cùng chung tay "
            "góp sức giúp đồng bào vùng lũ.")
    (ins,) = instructions(text)
    assert ins.speaker == "Trần Văn Hai"


def test_a_party_body_assigns_a_lower_case_body():
    text = ("Bộ Chính trị, Ban Bí thư giao ban thường vụ các tỉnh ủy, thành ủy khẩn trương hoàn thành đề án "
            "thành lập đảng bộ xã. Sau giao ban, các đơn vị về triển khai.")
    (ins,) = instructions(text)
    assert ins.speaker == "Bộ Chính trị, Ban Bí thư" and ins.verb == "giao"
    assert ins.text.startswith("ban thường vụ các tỉnh ủy")


def test_a_name_then_comma_speaks_and_a_later_verb_in_the_sentence_keeps_it():
    text = ("Phát biểu khai mạc đại hội, Bí thư Huyện ủy nhiệm kỳ 2020-2025, đồng chí Võ Văn Hai, nhấn mạnh: đây "
            "là đại hội của đoàn kết, đồng thời đề nghị các đại biểu phát huy trí tuệ, đề xuất giải pháp thiết thực.")
    (ins,) = instructions(text)
    assert ins.speaker == "Võ Văn Hai" and ins.text.startswith("các đại biểu phát huy trí tuệ")


def test_a_pronoun_refers_to_the_subject_of_the_previous_sentence():
    text = ("Chủ tịch UBND tỉnh Lê Văn Ba cho biết ông Trần Văn Bốn, Giám đốc Sở Nội vụ, được đào tạo bài bản. "
            "Ông đề nghị tập thể lãnh đạo sở đoàn kết, tạo điều kiện để tân giám đốc hoàn thành nhiệm vụ.")
    (ins,) = instructions(text)
    assert ins.speaker == "Lê Văn Ba"


def test_a_police_director_speaks_through_his_directive_cable():
    text = ("Ngày 2-4, Giám đốc Công an tỉnh Long An đã có Điện chỉ đạo số 15 yêu cầu các đơn vị công an "
            "trong tỉnh triển khai quyết liệt các biện pháp phòng ngừa tội phạm.")
    (ins,) = instructions(text)
    assert ins.speaker is None and ins.speaker_title == "Giám đốc Công an tỉnh Long An"
    assert ins.text.startswith("các đơn vị công an")


def test_a_verb_in_a_series_continues_the_official_who_opens_the_clause():
    text = ("Ngay sau khi tiếp nhận nhiều nguồn thông tin phản ánh về tình trạng khai thác cát trái phép, trong "
            "sáng 1/12, ông Nguyễn Văn Bình – Chủ tịch UBND huyện Ba Tri trực tiếp đến hiện trường, "
            "chỉ đạo các lực lượng phối hợp kiểm tra, xử lý vi phạm.")
    (ins,) = instructions(text)
    assert ins.speaker == "Nguyễn Văn Bình" and ins.verb == "chỉ đạo"


def test_a_count_of_addressees_after_the_verb_is_an_instruction_but_not_a_count_of_land():
    text = ("Chủ tịch UBND huyện Lê Văn Hai chỉ đạo 3 tổ công tác phối hợp kiểm tra, xử lý vi phạm. "
            "Năm qua, tỉnh giao 5 ha đất cho hợp tác xã.")
    (ins,) = instructions(text)
    assert ins.speaker == "Lê Văn Hai" and ins.text.startswith("3 tổ công tác")


# -- the grammar as data: (rule, text, action, what) -------------------------------------------
# `what` is the speaker for a `keep`, the verb for a `drop`. Sentences written for these tests.
from vnnews.nlp import instructions as ins_mod  # noqa: E402

CASES = [
    ("inside_the_last_statement", "Bí thư Huyện ủy Lê Văn Tám đề nghị các xã rà soát hộ nghèo, yêu cầu báo cáo sớm.",
     "drop", "yêu cầu"),
    ("inside_the_last_statement", "Bí thư Huyện ủy Lê Văn Tám phát biểu. Nhiều cử tri đề nghị các bộ, ngành chủ động "
     "theo dõi sát tình hình; kịp thời chỉ đạo công tác ứng phó với bão.", "drop", "chỉ đạo"),
    ("part_of_a_name", "Hôm qua, Ban Chỉ đạo phòng chống thiên tai tỉnh họp trực tuyến với các huyện.", "drop", "Chỉ đạo"),
    ("inside_a_body_name", "Ông Lê Văn Sáu, Trưởng ban chỉ đạo phòng, chống dịch bệnh tỉnh chủ trì cuộc họp.",
     "drop", "chỉ đạo"),
    ("followed_by_a_number", "Năm qua, UBND huyện giao 12 ha đất cho hợp tác xã trồng rau sạch.", "drop", "giao"),
    ("a_noun_after_a_head", "Bí thư Tỉnh ủy Ngô Văn Hải đánh giá cao công tác chỉ đạo của huyện trong năm qua.",
     "drop", "chỉ đạo"),
    ("a_noun_after_a_head", "Hội Nông dân tỉnh thi đua lập thành tích chào mừng 70 năm Ngày Chủ tịch Hồ Chí Minh ra "
     "Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2018).", "drop", "kêu gọi"),
    ("a_noun_after_a_head", "Theo đề nghị của Sở Tài chính, dự án được điều chỉnh tổng mức đầu tư.", "drop", "đề nghị"),
    ("a_compound_word", "Chủ tịch UBND tỉnh Trần Văn Lâm dự lễ khánh thành công trình giao thông nông thôn.",
     "drop", "giao"),
    ("runs_an_event", "Đồng chí Trần Văn Bình, Bí thư Huyện ủy đã chỉ đạo hết Đại hội Đảng bộ các xã.",
     "drop", "chỉ đạo"),
    ("runs_an_event", "Ban Thường vụ Huyện ủy chỉ đạo điểm đại hội chi bộ ở thôn Đông.", "drop", "chỉ đạo"),
    ("a_plan_of_the_speaker", "Cuối tuần, UBND xã sẽ tổng hợp báo cáo cấp trên, đề xuất biện pháp khắc phục sạt "
     "lở đất.", "drop", "đề xuất"),
    ("a_compound_word", "Chủ tịch UBND tỉnh Lê Tiến Hai yêu cầu tiếp tục thực hiện nghiêm công tác tiêu độc khử "
     "trùng.", "keep", "Lê Tiến Hai"),
    ("a_noun_after_a_head", "Xã Yên Thọ thành lập Tổ chỉ đạo chung và 29 Tổ công tác phụ trách ở các thôn.",
     "drop", "chỉ đạo"),
    ("subject_before_the_verb", "Sáng 20/7, Văn phòng Bộ Công an cho biết, lãnh đạo Bộ Công an vừa chỉ đạo Tổng cục "
     "Chính trị phối hợp với các cơ quan báo chí tăng cường tuyên truyền.", "keep", "lãnh đạo Bộ Công an"),
    ("subject_before_the_verb", "Các đại biểu chủ động tham gia các đoàn công tác của BTV thành ủy chỉ đạo thực hiện "
     "nhiệm vụ chính trị tại địa phương.", "drop", "chỉ đạo"),
    ("subject_before_the_verb", "Tại buổi làm việc, các đoàn công tác của Ban Thường vụ Thành ủy chỉ đạo các xã thực "
     "hiện nhiệm vụ chính trị.", "keep", "đoàn công tác của Ban Thường vụ Thành ủy"),
    ("subject_before_the_verb", "Cử tri xã An Bình, huyện Châu Thành đề nghị tỉnh sớm nâng cấp tuyến đường liên xã.",
     "drop", "đề nghị"),
    ("subject_before_the_verb", "Người dân thôn 3, xã Ea Kao đề nghị cơ quan chức năng kiểm tra việc khai thác cát.",
     "drop", "đề nghị"),
    ("subject_before_the_verb", "Bộ trưởng các bộ liên quan chỉ đạo, hỗ trợ UBND tỉnh Lạng Sơn thực hiện tốt các "
     "nhiệm vụ trên.", "drop", "chỉ đạo"),
    ("subject_before_the_verb", "Để tăng cường xử lý sau thanh tra của Thanh tra Chính phủ, Thanh tra các bộ, ngành "
     "khác, Bộ GTVT yêu cầu các đơn vị triển khai nghiêm túc.", "keep", "Bộ GTVT"),
    ("subject_before_the_verb", "Bộ GTVT đã họp với các cục. Để thực hiện tốt việc này, Bộ yêu cầu các đơn vị "
     "định kỳ gửi báo cáo.", "keep", "Bộ GTVT"),
    ("subject_before_the_verb", "Qua kiểm tra, lãnh đạo xã đã chỉ đạo các thôn tập trung huy động lực lượng thu "
     "hoạch lúa.", "keep", "lãnh đạo xã"),
    ("before_another_verb", "Về việc này, Thủ tướng Chính phủ Trần Văn Năm có ý kiến chỉ đạo yêu cầu UBND tỉnh "
     "báo cáo việc khai thác cát trái phép.", "drop", "chỉ đạo"),
    ("subject_before_the_verb", "Văn bản của Văn phòng Cơ quan Cảnh sát điều tra (CSĐT) Bộ Công an gửi UBND tỉnh "
     "Quảng Nam đề nghị rà soát, cung cấp thông tin.", "keep", "Văn phòng Cơ quan Cảnh sát điều tra (CSĐT) Bộ Công an"),
    ("subject_before_the_verb", "UBND tỉnh chấp thuận, có văn bản gửi Bộ Công Thương đề nghị thẩm định, bổ sung dự án "
     "vào quy hoạch.", "keep", "UBND tỉnh"),
    ("subject_before_the_verb", "Hiện Sở Quy hoạch Kiến trúc đang gấp rút chỉ đạo Trung tâm Nghiên cứu Kiến trúc "
     "hoàn tất đồ án.", "keep", "Sở Quy hoạch Kiến trúc"),
    ("subject_before_the_verb", "Liên quan đến vụ án, CQĐT đề nghị truy tố cựu Thứ trưởng Hoàng Văn Vượng.",
     "keep", "CQĐT"),
    ("one_noun_of_a_list", "Các địa phương phải giải quyết thủ tục hành chính và chỉ đạo, điều hành của hệ thống "
     "chính quyền các cấp.", "drop", "chỉ đạo"),
    ("runs_an_event", "Sáng 22/9, lãnh đạo xã đã trực tiếp đi kiểm tra và chỉ đạo công tác thu hoạch lúa vụ mùa.",
     "drop", "chỉ đạo"),
    ("runs_an_event", "Chủ tịch UBND tỉnh Lê Văn Mười yêu cầu công tác tuyên truyền phải đi trước một bước.",
     "keep", "Lê Văn Mười"),
    ("subject_before_the_verb", "Tại phiên họp, Chánh án Tòa án nhân dân tối cao đề nghị Ủy ban Thường vụ Quốc hội "
     "phê chuẩn việc thành lập các tòa phúc thẩm.", "keep", "Chánh án Tòa án nhân dân tối cao"),
    ("subject_before_the_verb", "Thường trực HĐND tỉnh đề nghị HĐND tỉnh xem xét, miễn nhiệm chức danh Phó Chủ tịch "
     "HĐND tỉnh.", "keep", "Thường trực HĐND tỉnh"),
    ("a_noun_after_a_head", "Bộ trưởng Lê Văn Ba đánh giá cao đề nghị của tỉnh về dự án cao tốc.", "drop", "đề nghị"),
    ("one_noun_of_a_list", "Chủ tịch UBND tỉnh Trần Văn An đánh giá hệ thống phục vụ công tác nắm bắt, chỉ đạo, "
     "điều hành của tỉnh.", "drop", "chỉ đạo"),
    ("subject_before_the_verb", "UBND TP Hà Nội giao Sở Xây dựng chủ trì rà soát các dự án chậm tiến độ.",
     "keep", "UBND TP Hà Nội"),
    ("subject_before_the_verb", "Thanh tra Chính phủ giao Cục Giải quyết khiếu nại kiểm tra lại toàn bộ hồ sơ vụ việc.",
     "keep", "Thanh tra Chính phủ"),
    ("subject_before_the_verb", "Phòng GD-ĐT quận Hai Bà Trưng yêu cầu các trường không thu thêm khoản nào ngoài "
     "quy định.", "keep", "Phòng GD-ĐT quận Hai Bà Trưng"),
    ("subject_before_the_verb", "Sở GD-ĐT TP.HCM yêu cầu hiệu trưởng các trường rà soát lại các khoản thu đầu năm.",
     "keep", "Sở GD-ĐT TP.HCM"),
    ("subject_before_the_verb", "Quyết định nêu rõ Giám đốc Sở Y tế có trách nhiệm chỉ đạo các bệnh viện bảo đảm "
     "đủ thuốc cho người bệnh.", "keep", "Giám đốc Sở Y tế"),
    ("subject_before_the_verb", "Chủ tịch UBND tỉnh Nguyễn Văn Út vừa ký Quyết định giao Sở Tài chính chủ trì thẩm "
     "định phương án giá.", "keep", "Nguyễn Văn Út"),
    ("subject_before_the_verb", "Chủ tịch Quốc hội Lê Văn Ba cho biết ông Trần Văn Bốn đã về hưu. Ông đề nghị các "
     "đại biểu tập trung thảo luận.", "keep", "Lê Văn Ba"),
    ("subject_before_the_verb", "Để tránh phát sinh chi phí, đại biểu Quốc hội đề nghị giữ nguyên quy định hiện hành.",
     "drop", "đề nghị"),
    ("subject_of_an_earlier_verb", "Bí thư Huyện ủy Võ Văn Hai nhấn mạnh: đây là đại hội của đoàn kết, đồng thời đề "
     "nghị các đại biểu phát huy trí tuệ.", "keep", "Võ Văn Hai"),
    ("subject_opening_the_sentence", "Các thành viên đoàn công tác WB đánh giá cao tiến độ dự án; đồng thời đề nghị "
     "tỉnh sớm hoàn tất thủ tục đền bù.", "keep", "đoàn công tác WB"),
    ("subject_opening_the_clause", "Sau khi nhận nhiều phản ánh của người dân về nạn khai thác cát trái phép "
     "trên sông, sáng 1/12, ông Nguyễn Văn Bình – Chủ tịch UBND huyện Ba Tri trực tiếp đến hiện "
     "trường, chỉ đạo các lực lượng phối hợp kiểm tra, xử lý vi phạm.", "keep", "Nguyễn Văn Bình"),
    ("adverbial_opening", "Phó Giám đốc Công an tỉnh Trần Văn Ngọc phát biểu.\n\nQuán triệt nghiêm túc chỉ đạo của "
     "Thủ tướng, UBND tỉnh đã ban hành kế hoạch triển khai.", "drop", "Quán triệt"),
    ("previous_speaker", "Tổng Bí thư Tô Lâm phát biểu tại hội nghị.\n\nĐề nghị cán bộ, đảng viên tập trung lãnh "
     "đạo với quyết tâm cao nhất.", "keep", "Tô Lâm"),
    ("previous_speaker", "Cục trưởng Cục Xuất nhập khẩu Nguyễn Văn Hải thông tin về phân cấp.\n\nSố hồ sơ ở nhiều "
     "địa phương lớn. Do vậy đề nghị các tỉnh cân nhắc nguồn nhân lực để phân công cán bộ.", "keep", "Nguyễn Văn Hải"),
    ("no_speaker", "Đề nghị cán bộ, đảng viên tập trung lãnh đạo với quyết tâm cao nhất.", "drop", "Đề nghị"),
    ("solicits_resources", "Tỉnh đang đẩy mạnh thu hút, kêu gọi đầu tư vào các khu công nghiệp trên địa bàn.",
     "drop", "kêu gọi"),
    ("solicits_resources", "UBND tỉnh Quảng Nam tiếp tục kêu gọi nguồn lực xã hội hóa cho du lịch sinh thái.",
     "drop", "kêu gọi"),
    ("solicits_resources", "Chủ tịch UBND tỉnh Lê Văn Năm kêu gọi các doanh nghiệp đầu tư vào vùng nguyên liệu.",
     "keep", "Lê Văn Năm"),
    ("the_document_speaks", "UBND tỉnh vừa ban hành Công văn số 1234/UBND-KT về phòng chống dịch. Công văn nêu rõ, "
     "yêu cầu Sở Y tế tăng cường kiểm tra.", "keep", "UBND tỉnh"),
    ("the_issuer_of_a_document_before", "Phòng Văn hóa huyện vừa ban hành Công văn số 12/PVH về việc tổ chức Tết "
     "an toàn. Theo đó, đề nghị UBND các xã tăng cường kiểm tra.", "keep", "Phòng Văn hóa huyện"),
    ("a_nomination", "Căn cứ tiêu chuẩn, Ban Chỉ đạo huyện thống nhất 9 làng đủ điều kiện, đề nghị xét công nhận "
     "danh hiệu làng văn hóa.", "drop", "đề nghị"),
    ("a_nomination", "Hội đồng thi đua huyện đề nghị Chủ tịch UBND huyện Lê Văn Năm khen thưởng 5 tập thể.",
     "keep", "Hội đồng thi đua huyện"),
    ("too_short", "Chủ tịch UBND tỉnh Lê Văn Năm yêu cầu vậy.", "drop", "yêu cầu"),
    ("only_a_circumstance", "Phó Chủ tịch UBND tỉnh Lê Văn Năm chỉ đạo tại buổi làm việc với huyện Đông Hải.",
     "drop", "chỉ đạo"),
    ("conveys_a_text", "Đồng chí Trần Tuấn Hai, Phó Chủ tịch UBND tỉnh quán triệt nội dung triển khai thực hiện "
     "Chỉ thị số 10/CT-TTg.", "drop", "quán triệt"),
    ("conveys_a_text", "Chủ tịch UBND tỉnh Nguyễn Văn Tâm nhấn mạnh tầm quan trọng của công tác tuyên truyền, "
     "đẩy mạnh chuyển đổi số.", "drop", "nhấn mạnh"),
    ("no_order_after_a_weak_verb", "Phát biểu, ông Lê Văn Cường, Chủ tịch UBND tỉnh nhấn mạnh thời gian tới tỉnh sẽ "
     "tập trung phát triển hạ tầng giao thông.", "drop", "nhấn mạnh"),
    ("no_order_after_a_weak_verb", "Giám đốc Sở Xây dựng Võ Hữu Thiện nhấn mạnh quý II là thời điểm quan trọng.",
     "drop", "nhấn mạnh"),
    ("no_order_after_a_weak_verb", "Ông Lê Văn Minh, Phó Chủ tịch UBND tỉnh nhấn mạnh năm qua, dù gặp nhiều khó khăn "
     "do thời tiết và dịch bệnh kéo dài, kinh tế tỉnh vẫn tăng trưởng khá, nhờ các ngành tập trung triển khai nhiều "
     "giải pháp.", "drop", "nhấn mạnh"),
    ("no_order_after_a_weak_verb", "Chủ tịch UBND tỉnh Nguyễn Văn Tâm nhấn mạnh sự cần thiết của việc chuyển đổi số "
     "trong cơ quan nhà nước.", "drop", "nhấn mạnh"),
    ("conveys_a_text", "Chủ tịch UBND tỉnh Nguyễn Văn Tâm nhấn mạnh vai trò của kinh tế tư nhân trong việc "
     "thực hiện các mục tiêu tăng trưởng.", "drop", "nhấn mạnh"),
    ("no_order_after_a_weak_verb", "Chủ tịch UBND tỉnh Nguyễn Văn Tâm nhấn mạnh phong trào lan tỏa mạnh mẽ, góp phần "
     "nâng cao đời sống nhân dân.", "drop", "nhấn mạnh"),
    ("reports_a_result", "Từ đầu năm đến nay, UBND tỉnh đã chỉ đạo xử lý, giải quyết được 15 điểm đen giao thông; "
     "không để xảy ra ùn tắc kéo dài.", "drop", "chỉ đạo"),
    ("reports_a_result", "Trong nhiệm kỳ qua, Đảng bộ xã đã lãnh đạo, chỉ đạo toàn diện công tác phát triển kinh tế "
     "đạt nhiều kết quả quan trọng.", "drop", "chỉ đạo"),
    ("reports_a_result", "Năm qua, Sở Nông nghiệp đã chỉ đạo các địa phương chuyển đổi được hơn 300 ha lúa kém hiệu "
     "quả sang cây ăn quả.", "drop", "chỉ đạo"),
    ("followed_by_a_number", "Cục trưởng Cục Xuất nhập khẩu Lê Văn Hải đề nghị 34 tỉnh, thành phố khẩn trương "
     "thành lập các tổ cấp C/O.", "keep", "Lê Văn Hải"),
    ("followed_by_a_number", "Chủ tịch UBND huyện Lê Văn Hải yêu cầu 100% cán bộ, công chức chấp hành nghiêm quy "
     "định.", "keep", "Lê Văn Hải"),
    ("subject_before_the_verb", "Ngày 26/5, UBND huyện Ninh Phước (Ninh Thuận) đã chỉ đạo quản lý thị trường kiểm "
     "tra, xác minh về quán ăn.", "keep", "UBND huyện Ninh Phước"),
    ("subject_before_the_verb", "Ngày 20/10, Phó Chủ tịch UBND tỉnh Bình Thuận Lê Văn Cảnh đã ký công văn khẩn (số "
     "3697) gửi Sở Tài nguyên và Môi trường yêu cầu xác minh thông tin.", "keep", "Lê Văn Cảnh"),
    ("subject_opening_the_sentence", "Thủ tướng Trần Văn Năm làm việc với tỉnh. Thủ tướng cũng đồng ý về chủ trương "
     "đối với các kiến nghị của tỉnh; giao Bộ Tài chính xem xét, hỗ trợ kinh phí.", "keep", "Trần Văn Năm"),
    ("the_subject_of_a_series", "Phó Thủ tướng Lê Văn Đam phát biểu.\n\nTrong đó, Nghị quyết sẽ tập trung khắc "
     "phục những yếu kém trong việc phối hợp; tập trung chỉ đạo chuyển đổi số trong các cơ quan.", "drop", "chỉ đạo"),
    ("the_subject_of_a_series", "Bí thư Tỉnh ủy Lê Văn Ba phát biểu. Ông đánh giá cao các huyện; đề nghị các xã "
     "tập trung thu hoạch lúa.", "keep", "Lê Văn Ba"),
    ("subject_before_the_verb", "Hội Nông dân tỉnh kêu gọi hội viên tham gia ủng hộ đồng bào bị thiệt hại do bão.",
     "keep", "Hội Nông dân tỉnh"),
    ("subject_before_the_verb", "Trung tâm Kiểm soát bệnh tật tỉnh đề nghị người dân chủ động tiêm vắc xin.",
     "keep", "Trung tâm Kiểm soát bệnh tật tỉnh"),
    ("subject_before_the_verb", "Để bảo vệ rừng, huyện Quỳnh Nhai (tỉnh Sơn La) đang tập trung chỉ đạo các xã thực "
     "hiện tốt các biện pháp phòng cháy.", "keep", "huyện Quỳnh Nhai"),
    ("subject_opening_the_sentence", "Ban Thường vụ Thành ủy vừa ban hành Công văn số 3261-CV/TU ngày 22-5-2019, "
     "yêu cầu các quận ủy, huyện ủy tổ chức tuyên truyền.", "keep", "Ban Thường vụ Thành ủy"),
    ("subject_before_the_verb", "Trưởng ban Tuyên giáo Tỉnh ủy đánh giá cao chất lượng sinh hoạt của chi bộ. Đồng "
     "chí đề nghị các đảng viên tiếp tục phát huy tinh thần gương mẫu.", "keep", "Trưởng ban Tuyên giáo Tỉnh ủy"),
    ("subject_before_the_verb", "Tổng Bí thư Lê Văn Ba dự hội nghị.\n\nTổng Bí thư chỉ rõ các cơ quan cần khẩn trương rà "
     "soát bộ máy.\n\nNgười đứng đầu Đảng cũng yêu cầu các cấp ủy gương mẫu.", "keep", "Lê Văn Ba"),
    ("a_noun_after_a_head", "Phát biểu chỉ đạo tại hội nghị, đồng chí Chủ tịch UBND tỉnh yêu cầu các ngành khẩn "
     "trương vào cuộc.", "drop", "chỉ đạo"),
    ("subject_opening_the_sentence", "Đại tá Lê Văn Nhị, Phó Chỉ huy trưởng, Tham mưu trưởng Bộ CHQS tỉnh dự buổi kiểm "
     "tra.\n\nKết luận buổi kiểm tra, đồng chí Phó Chỉ huy trưởng, Tham mưu trưởng Bộ CHQS tỉnh ghi nhận tinh thần "
     "trách nhiệm của cán bộ, chiến sĩ và yêu cầu các đơn vị tiếp tục duy trì nền nếp.", "keep", "Lê Văn Nhị"),
    ("subject_before_the_verb", "Sáng 7-4, ông Lê Ngọc Hai, Chủ tịch UBND tỉnh Bình Thuận, chủ trì cuộc họp. Chủ tịch "
     "tỉnh đề nghị Công an tỉnh khẩn trương điều tra vụ án.", "keep", "Lê Ngọc Hai"),
    ("subject_before_the_verb", "Lãnh đạo Bộ Chỉ huy Quân sự tỉnh yêu cầu Trung đoàn 832 bảo đảm mọi điều kiện để "
     "huấn luyện tân binh.", "keep", "Lãnh đạo Bộ Chỉ huy Quân sự tỉnh"),
    ("subject_before_the_verb", "Hưởng ứng, chia sẻ khó khăn với đồng bào miền Trung, Công an Đồng Tháp vừa phát động "
     "và kêu gọi toàn thể cán bộ, chiến sĩ quyên góp ủng hộ.", "keep", "Công an Đồng Tháp"),
    ("previous_speaker", "Chủ tịch UBND tỉnh Kiên Giang Lê Minh Thành vừa ký kết luận thanh tra về đất đai. Trong "
     "đó, đề nghị chuyển hồ sơ 10 vụ việc sai phạm sang cơ quan điều tra.", "keep", "Lê Minh Thành"),
]


def _decision(rule: str, text: str):
    rec = vnnews.extract(text, explain=True)
    return rec, [d for d in rec.explain if d.component == "instructions" and d.rule == rule]


import pytest  # noqa: E402


@pytest.mark.parametrize("rule,text,action,what", CASES, ids=[c[0] for c in CASES])
def test_rule_case(rule, text, action, what):
    if action == "keep" and rule in {r.__name__ for r in ins_mod.VERB_RULES}:
        # a verb rule that must let this verb through: it is kept, by whichever speaker rule
        rec = vnnews.extract(text, explain=True)
        assert not [d for d in rec.explain if d.component == "instructions" and d.rule == rule]
        assert [i.speaker for i in rec.instructions] == [what]
        return
    rec, decisions = _decision(rule, text)
    assert [d.action for d in decisions] == [action], rec.explain
    if action == "drop":
        assert decisions[0].text == what
        assert all(i.verb != what.lower() for i in rec.instructions)
    else:
        (ins,) = [i for i in rec.instructions if i.span[0] >= decisions[0].span[1]]
        assert (ins.speaker or ins.speaker_title) == what


def test_a_weak_verb_orders_a_plural_addressee_past_its_window():
    (ins,) = instructions("Phó Thủ tướng Lê Văn Minh nhấn mạnh chỉ còn ít ngày nữa, mô hình chính quyền hai cấp sẽ "
                          "chính thức vận hành trên toàn quốc nên các bộ, ngành, địa phương tập trung cao độ xử lý "
                          "những việc còn lại.")
    assert ins.speaker == "Lê Văn Minh"


def test_a_long_speech_keeps_its_speaker_while_no_one_else_is_named():
    paras = ["Phát biểu tại hội nghị, Bí thư Tỉnh ủy Nguyễn Văn Hùng yêu cầu các cấp ủy tập trung lãnh đạo."]
    paras += [f"Về nhiệm vụ thứ {i + 1}, tỉnh tiếp tục rà soát cơ chế, tháo gỡ khó khăn cho doanh nghiệp." for i in range(10)]
    paras += ["Đề nghị các sở, ngành khẩn trương hoàn thiện hồ sơ các dự án trọng điểm.",
              "Giám đốc Sở Tài chính Lê Thị Mai báo cáo tình hình thu ngân sách."]
    paras += [f"Nội dung thứ {i + 1} của báo cáo nêu kết quả thu ngân sách của các huyện." for i in range(10)]
    paras += ["Đề nghị các huyện tăng cường chống thất thu thuế."]
    got = instructions("\n\n".join(paras))
    assert [(i.speaker, i.text[:12]) for i in got] == [("Nguyễn Văn Hùng", "các cấp ủy t"), ("Nguyễn Văn Hùng", "các sở, ngàn")]


def test_a_past_order_without_a_result_and_an_aim_are_orders():
    past, aim = instructions("Chủ tịch UBND huyện Trần Văn Bình đã chỉ đạo các xã khẩn trương thu hoạch lúa trước "
                             "mùa mưa. Ông Trần Văn Bình yêu cầu các xã phấn đấu đạt kết quả cao trong năm 2024.")
    assert (past.verb, aim.verb) == ("chỉ đạo", "yêu cầu")


def test_others_plans_after_a_weak_verb_are_orders():
    (ins,) = instructions("Phát biểu, ông Lê Văn Cường, Chủ tịch UBND tỉnh nhấn mạnh thời gian tới các sở, ngành "
                          "sẽ phải hoàn thành dứt điểm việc giải ngân.")
    assert ins.speaker == "Lê Văn Cường"


def test_every_rule_has_a_docstring_example_and_a_case():
    covered = {c[0] for c in CASES}
    for grammar in (ins_mod.VERB_RULES, ins_mod.SPEAKER_RULES, ins_mod.STATEMENT_RULES):
        for rule in grammar:
            assert rule.__doc__ and "`" in rule.__doc__, rule.__name__
            assert rule.__name__ in covered, rule.__name__


def test_a_title_shared_by_two_officials_speaks_for_the_one_named_last():
    text = ("Phó Thủ tướng Trần Văn Một dự hội nghị tại Hà Nội. Ở điểm cầu tỉnh có Phó Thủ tướng Lê Văn Hai.\n\n"
            "Kết luận hội nghị, Phó Thủ tướng Trần Văn Một phát biểu. Phó Thủ tướng đề nghị các bộ, ngành chủ động "
            "rà soát từng đầu việc.")
    (ins,) = instructions(text)
    assert ins.speaker == "Trần Văn Một"


def test_a_bare_generic_body_takes_a_named_form_of_its_own_level_only():
    text = ("Chủ tịch UBND tỉnh Nguyễn Văn Hùng dự họp. Theo kế hoạch, UBND huyện giao Phòng Tài nguyên và Môi "
            "trường chủ trì thực hiện.\n\nUBND TP Hà Nội họp. UBND thành phố giao Sở Xây dựng rà soát các dự án.")
    assert [i.speaker for i in instructions(text)] == ["UBND huyện", "UBND TP Hà Nội"]


def test_a_title_speaks_through_a_document_it_signed_and_issued():
    (ins,) = instructions("Chủ tịch UBND tỉnh Phú Thọ vừa ký ban hành Công văn số 1476/UBND-KTN yêu cầu UBND các "
                          "huyện tăng cường kiểm tra hoạt động khai thác cát, sỏi.")
    assert (ins.speaker or ins.speaker_title) == "Chủ tịch UBND tỉnh Phú Thọ"


def test_a_statement_after_a_weak_verb_orders_only_with_an_obligation():
    kept = instructions("Phát biểu kết luận, ông Lê Công Vinh, Phó Chủ tịch UBND tỉnh nhấn mạnh, đây là nhiệm vụ ưu "
                        "tiên, cấp bách cần phải nhanh chóng hoàn thành để kịp thời gian Luật có hiệu lực.")
    assert [i.speaker for i in kept] == ["Lê Công Vinh"]
    far = instructions("Trao quyết định, ông Lê Văn Hùng, Chủ tịch UBND tỉnh nhấn mạnh, Sở Kế hoạch và Đầu tư là một "
                       "trong những cơ quan quan trọng của tỉnh, do đó đồng chí tân Giám đốc Sở cần tiếp tục phấn đấu.")
    assert [i.speaker for i in far] == ["Lê Văn Hùng"]
    assert instructions("Giám đốc Sở Xây dựng Võ Hữu Thiện nhấn mạnh quý II là thời điểm quan trọng để tập trung "
                        "giải ngân vốn đầu tư công.") == []


def test_a_title_is_not_the_official_of_another_rank():
    # `Thủ tướng Chính phủ` written alone is not the `Phó Thủ tướng Chính phủ` named before it
    text = ("Phó Thủ tướng Chính phủ Trần Văn Quang vừa ký Công điện số 1034/CĐ-TTg. Công điện của Thủ tướng Chính "
            "phủ yêu cầu các bộ, ngành, địa phương chủ động ứng phó mưa lũ.\n\n"
            "Sáng 5/3, Phó Thủ tướng Chính phủ Trần Văn Quang dự hội nghị. Thủ tướng Chính phủ yêu cầu các bộ, "
            "ngành rà soát từng đầu việc.")
    speakers = [(i.speaker, i.speaker_title) for i in instructions(text)]
    assert ("Trần Văn Quang", "Phó Thủ tướng Chính phủ") not in speakers
    assert (None, "Thủ tướng Chính phủ") in speakers


def test_an_abbreviated_honorific_opens_the_subject():
    # `Đ/c` (đồng chí) before a title opening the sentence: the verb later in it is that person's
    text = ("Đ/c Nguyễn Thanh Tùng – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện kiểm tra công tác thu hoạch lúa mùa. "
            "Đ/c Chủ tịch UBND huyện chia sẻ những khó khăn do thời tiết, đồng thời chỉ đạo các xã, thị trấn cần "
            "tập trung huy động lực lượng.")
    assert [i.speaker for i in instructions(text)] == ["Nguyễn Thanh Tùng"]


def test_a_list_of_titles_written_alone_is_the_speakers_whole_title():
    # spec section 3: where several positions are listed together, the title is the whole list as written
    text = ("Kết luận phiên họp, đồng chí Bí thư Thành ủy – Chủ tịch HĐND thành phố yêu cầu cơ quan Văn phòng "
            "HĐND tiếp thu ý kiến của các đại biểu.")
    assert [(i.speaker, i.speaker_title) for i in instructions(text)] == [
        (None, "Bí thư Thành ủy – Chủ tịch HĐND thành phố")]


def test_a_quotation_with_a_quotation_inside_is_taken_whole():
    (ins,) = instructions("“Nhà nước vẫn phải có trách nhiệm trong thực hiện “quốc sách hàng đầu”, các địa phương "
                          "phải chăm lo cho giáo dục”, Thứ trưởng Bộ Nội vụ Trần Anh Tuấn nhấn mạnh.")
    assert ins.text.startswith("Nhà nước vẫn phải") and ins.text.endswith("chăm lo cho giáo dục")
