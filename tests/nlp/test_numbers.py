"""The Vietnamese number grammar (vnnews.nlp.numbers)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnnews.nlp.numbers import format_number, parse_amount, parse_decimal, parse_number, scale_of


@pytest.mark.parametrize("text,value", [
    ("46.346,8", 46346.8),
    ("1.000", 1000),
    ("2,5", 2.5),
    ("19,970", 19.97),          # a comma is a decimal mark in Vietnamese
    ("3,153", 3.153),
    ("1.000.000", 1000000),
    ("21.576,5", 21576.5),
    ("0,5", 0.5),
    ("7", 7),
    ("1,234,567", 1234567),     # several comma groups: only English reads this
    ("1,234.5", 1234.5),        # comma group then dot: English
    ("2.5", 2.5),               # a dot before other than three digits: English decimal
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12.34.5", ",5", "1.00.0", "1,2,3"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_integers_come_back_as_int():
    assert isinstance(parse_number("1.000"), int)
    assert isinstance(parse_amount("2,9 tỷ"), int)
    assert isinstance(parse_number("2,5"), float)


@pytest.mark.parametrize("text,value", [
    ("2,5 tỷ", 2_500_000_000),
    ("2,9 tỷ", 2_900_000_000),       # exact, no float error
    ("300 triệu", 300_000_000),
    ("1,2 nghìn tỷ", 1_200_000_000_000),
    ("256.341 tỉ", 256_341_000_000_000),
    ("500 ngàn", 500_000),
    ("1 tỷ 200 triệu", 1_200_000_000),
    ("842,238 tỷ", 842_238_000_000),
    ("12", 12),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_parse_amount_rejects_other_words():
    assert parse_amount("5 hộ") is None
    assert parse_amount("") is None


def test_scale_of():
    assert scale_of("tỷ") == 10**9
    assert scale_of("nghìn tỷ") == 10**12
    assert scale_of("Triệu") == 10**6
    assert scale_of("hộ") is None


def test_format_number():
    assert format_number(46346.8) == "46.346,8"
    assert format_number(1000) == "1.000"
    assert format_number(2.5) == "2,5"
    assert format_number(999) == "999"
    assert format_number(1234567.25, 2) == "1.234.567,25"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_integers_read_back(n):
    assert parse_number(format_number(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=4),
       st.integers(min_value=0, max_value=9999))
def test_decimals_read_back(whole, places, frac):
    frac %= 10**places
    d = Decimal(whole) + Decimal(frac).scaleb(-places)
    text = format_number(d, places)
    assert parse_decimal(text) == d


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parser_never_crashes(text):
    parse_number(text)
    parse_amount(text)


def test_space_grouped_thousands():
    assert parse_number("1 000") == 1000
    assert parse_number("12 500,5") == 12500.5
    assert parse_number("1 00") is None
