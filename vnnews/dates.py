"""Dates as Vietnamese news sites write them, read as aware datetimes in Asia/Ho_Chi_Minh.

Day first (`14/7/2025 16:20`, `14-07-2025`), ISO 8601 (`2025-07-14T16:20:00+07:00`) or
plain `YYYY-MM-DD`; no natural-language dates (no dateparser: the formats are few and fixed).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D{1,5}(\d{1,2})[:hg](\d{2}))?")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T")


def parse_date(value: str | None) -> datetime | None:
    """A Vietnamese date as news sites write it (day first), in Asia/Ho_Chi_Minh; else None.

    >>> parse_date("Thứ hai, 14/7/2025 16:20").isoformat()
    '2025-07-14T16:20:00+07:00'
    >>> parse_date("2025-07-14").isoformat(), parse_date("31/2/2025")
    ('2025-07-14T00:00:00+07:00', None)
    """
    if not value:
        return None
    m = _YMD.search(value)
    try:
        if m:
            y, mo, d, hh, mm = m.groups()
        else:
            m = _DMY.search(value)
            if not m:
                return None
            d, mo, y, hh, mm = m.groups()
        return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), tzinfo=VN_TZ)
    except (ValueError, OverflowError):
        return None


def to_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 or Vietnamese day-first date as an aware datetime in Asia/Ho_Chi_Minh.

    >>> to_datetime("2025-07-14T09:20:00Z").isoformat()
    '2025-07-14T16:20:00+07:00'
    >>> to_datetime("14-07-2025 16g20").isoformat()
    '2025-07-14T16:20:00+07:00'
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:100]
    if _ISO.match(value):
        iso = re.sub(r"Z$", "+00:00", value)
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        try:
            dt = datetime.fromisoformat(iso)
            return (dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)
        except (ValueError, OverflowError):  # out of range once moved to +07:00 (year 1 or 9999)
            pass
    return parse_date(value)


__all__ = ["VN_TZ", "parse_date", "to_datetime"]
