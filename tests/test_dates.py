"""`vnnews.dates`: the day-first and ISO dates news sites print, read in Asia/Ho_Chi_Minh."""
from __future__ import annotations

import doctest
from datetime import datetime, timedelta

import pytest

from vnnews import dates
from vnnews.dates import VN_TZ, parse_date, to_datetime
from vnnews.scrapers.adapters import common


@pytest.mark.parametrize("text, expected", [
    ("Thứ hai, 14/7/2025 16:20", datetime(2025, 7, 14, 16, 20, tzinfo=VN_TZ)),
    ("14-07-2025", datetime(2025, 7, 14, tzinfo=VN_TZ)),
    ("Cập nhật: 03.01.2024 - 08h05", datetime(2024, 1, 3, 8, 5, tzinfo=VN_TZ)),
    ("2024-03-05 23:59", datetime(2024, 3, 5, 23, 59, tzinfo=VN_TZ)),
    ("31/2/2025", None),
    ("hôm qua", None),
    ("", None),
    (None, None),
])
def test_parse_date_reads_day_first(text, expected):
    assert parse_date(text) == expected


def test_to_datetime_moves_iso_times_to_vietnam():
    assert to_datetime("2025-07-14T09:20:00Z") == datetime(2025, 7, 14, 16, 20, tzinfo=VN_TZ)
    assert to_datetime("2025-07-14T16:20:00+0700").utcoffset() == timedelta(hours=7)
    assert to_datetime("2025-07-14T16:20:00") == datetime(2025, 7, 14, 16, 20, tzinfo=VN_TZ)
    # out of range once moved to +07:00: the date as written is kept
    assert to_datetime("0001-01-01T00:00:00+09:00") == datetime(1, 1, 1, tzinfo=VN_TZ)
    assert to_datetime(12) is None


def test_models_and_inputs_share_the_timezone():
    from vnnews import inputs, models

    assert models.VN_TZ is VN_TZ and inputs.parse_date is parse_date


@pytest.mark.parametrize("module", [dates, common])
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module)
    assert tried and not failures
