"""Regular expressions and small closed word classes the figures grammar reads.

Compiled once at import. The open word lists (units, counted nouns, heads, cues) are
data in `resources/figures/` (see `lexicon.py`).
"""
from __future__ import annotations

import re

from ...resources import lines
from ..gazetteer import DISTRICT_LEVELS, PROVINCE_LEVELS, level_syllables
from .lexicon import LETTER

NUM = re.compile(r"\d+(?:[.,]\d+)*")
NUM_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.,/:-]|[ \u00a0\u202f]\d)")  # 1 000, 12 500
SPACE = re.compile(r"[ \t\u00a0\u202f]*")

FULL_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}(?!\d)|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
                       r"|\d{1,2} ([/-]) \d{1,2} \2 \d{4}(?!\d)")  # 05 / 8 / 2005
MONTH_YEAR = re.compile(r"(\d{1,2})(?:[/.-]| / )((?:19|20)\d\d)(?![\d.,]\d)")
CLOCK = re.compile(r"\d{1,2}(?::\d{2}(?::\d{2})?|[hg](?:\d{1,2})?(?![^\W\d_]|/))|\d+:\d+")  # not `4g/l`
DOCNUM = re.compile(r"\d+(?:/\d{2,4})*/[A-ZĐ]"                                   # 265/QĐ-TTg, 17/2023/QH15
                    r"|\d+[ \t]*[-–—][ \t]*[A-ZĐ][A-ZĐa-zđ]*[ \t]*[/-][ \t]*[A-ZĐ]")  # 01-CT/TU, 40 – CT/TW
DAY_MONTH_DOT = re.compile(r"(\d{1,2})\.(\d{1,2})(?![\d,])")
YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)")
SLASH_NUM = re.compile(r"[ \t]*/[ \t]*(\d+(?:[.,]\d+)*)")
RANGE_DASH = re.compile(r"[ \t\u00a0]*[-–—][ \t\u00a0]*")
RANGE_WORD = re.compile(r"[ \t\u00a0]+(?:đến|tới)[ \t\u00a0]+")
PER = re.compile(r"[ \t]?/[ \t]?(" + LETTER + r"+\d?)(?![^\W_])")
YEARLIKE = re.compile(r"(?:19|20)\d\d")
YEAR_AFTER = re.compile(r"[ \t\u00a0]*\(?[ \t\u00a0]*(?:năm[ \t\u00a0]+|giai đoạn[ \t\u00a0]+)?(?:19|20)\d\d(?!\d)")
CLOCK_REST = re.compile(r"[ \t\u00a0]*\d{1,2}(?:[ \t\u00a0]*phút)?")
CHANGE = re.compile(r"[ \t\u00a0]+(?:lên|xuống|còn|tăng lên|giảm xuống)[ \t\u00a0]+(?:mức[ \t\u00a0]+)?(?=\d)")
HOURS = re.compile(r"h(?![^\W_])")
OVER = re.compile(r"[ \t\u00a0]+trên[ \t\u00a0]+(?:tổng[ \t\u00a0]+số[ \t\u00a0]+)?(?=\d)")
FILLERS = frozenset({("là",), ("lần", "lượt"), ("đạt",), ("tương", "ứng")})   # `số phiếu lần lượt là 66/70`
EN_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
DONG = frozenset({"đồng", "đ", "vnđ", "vnd"})
LEVEL_WORDS = level_syllables("before-number")
DISTRICT_OR_PROVINCE = frozenset(PROVINCE_LEVELS + DISTRICT_LEVELS)
RANGE_OPENERS = frozenset({("từ",), ("đến",), ("tới",)})
LIST_SEP = re.compile(r"[ \t\u00a0]*[,][ \t\u00a0]*|[ \t\u00a0]+(?:và|hoặc)[ \t\u00a0]+")
LIST_BEFORE = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)(?:[ \t\u00a0]*[,][ \t\u00a0]*|[ \t\u00a0]+(?:và|hoặc)[ \t\u00a0]+)$")
OPENERS = frozenset(".!?:;(\"“‘'-–—•*\n\r[")
BEFORE_EVENT = frozenset({"ngày", "khi", "kỳ", "hạn", "phiên", "thời", "lúc", "buổi", "lễ", "hội"})
SPLIT_CODE = re.compile(r"(?<![^\W\d_])[A-ZĐ][^\W\d_]*[-–][ \u00a0]$")  # `Covid- 19`, not `3 ha- 5 ha`
SPACED_DASH_CODE = re.compile(r"(?<![^\W\d_])(?i:covid|sars|mers)[ \u00a0]*[-–][ \u00a0]*$")  # `Covid - 19`
SPACED_CODE = re.compile(r"(?:[A-ZĐ0-9] ?/|[A-ZĐ] ?[-–]) ?$")
PLACE_WORDS = level_syllables("place-noun") | frozenset(lines("figures/address_nouns.txt"))
DURATION_LEADS = frozenset({"sau", "trong", "suốt", "qua", "gần", "hơn", "ngót"})  # `sau 50 năm giải phóng`
ACTS = frozenset({"thực", "triển", "thi", "áp"})   # `thực hiện`, `triển khai`, `thi hành`, `áp dụng`
TIME_UNITS = frozenset({"năm", "tháng", "quý", "tuần", "ngày", "giờ", "phút", "giây"})
CALENDAR_UNITS = frozenset({"năm", "tháng", "quý", "tuần", "ngày"})
