"""Bar charts over time as inline SVG, drawn on the server: no script, no network.

`time_chart(counts, title)` takes ("YYYY-MM", n) pairs and returns `Markup` of an
`<svg role="img">` with a `<title>` (read by screen readers), one bar per month (per
year when the range is longer than `MONTHS_MAX` months; empty periods included), the
largest count on the axis, the first and last period below it, and each bar's count and
period in its own `<title>` (a tooltip). Labels are escaped; everything else is numbers.
The figure takes the page's width (`viewBox`, no fixed size) and its colours from CSS
classes, so the page's style sheet styles it (no inline style: the CSP forbids it).
"""
from __future__ import annotations

from markupsafe import Markup

MONTHS_MAX = 36
WIDTH, HEIGHT, PAD_L, PAD_B, PAD_T = 600, 120, 40, 26, 10
BAR_MAX = 36  # widest bar, so a few periods don't make slabs
LABEL_ALL = 8  # up to this many bars, each is labelled


def _periods(counts: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], str]:
    """Every month (or year) from the first to the last, with its count; and the unit."""
    months = {m: n for m, n in counts if m and len(m) >= 7}
    if not months:
        return [], "month"
    first, last = min(months), max(months)
    y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MONTHS_MAX:
        years: dict[str, int] = {}
        for m, n in months.items():
            years[m[:4]] = years.get(m[:4], 0) + n
        return [(str(y), years.get(str(y), 0)) for y in range(y0, y1 + 1)], "year"
    out = []
    y, m = y0, m0
    for _ in range(span):
        key = f"{y:04d}-{m:02d}"
        out.append((key, months.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out, "month"


def _label(period: str) -> str:
    return f"{period[5:7]}/{period[:4]}" if len(period) == 7 else period


def time_chart(counts: list[tuple[str, int]], title: str, chart_id: str = "chart") -> Markup:
    """An SVG bar chart of counts per month (or year); empty Markup when there is nothing dated."""
    bars, unit = _periods(counts)
    if not bars:
        return Markup("")
    top = max(n for _, n in bars) or 1
    plot_w, plot_h = WIDTH - PAD_L - 4, HEIGHT - PAD_B - PAD_T
    step = plot_w / len(bars)
    width = min(step * 0.85, BAR_MAX)
    total = sum(n for _, n in bars)
    desc = f"{title}: {total} kết quả, theo {'năm' if unit == 'year' else 'tháng'}, " \
           f"từ {_label(bars[0][0])} đến {_label(bars[-1][0])}; nhiều nhất {top}."
    parts = [Markup('<svg class="chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
                    'data-bars="{}" data-unit="{}">').format(chart_id, WIDTH, HEIGHT, chart_id, chart_id, len(bars),
                                                             unit),
             Markup('<title id="{}-t">{}</title><desc id="{}-d">{}</desc>').format(chart_id, title, chart_id, desc),
             Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
                 PAD_L, PAD_T + plot_h, WIDTH - 4, PAD_T + plot_h),
             Markup('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>').format(PAD_L - 4, PAD_T + 8, top),
             Markup('<text class="tick" x="{}" y="{}" text-anchor="end">0</text>').format(PAD_L - 4, PAD_T + plot_h)]
    for i, (period, n) in enumerate(bars):
        h = plot_h * n / top
        x = PAD_L + i * step + (step - width) / 2
        parts.append(Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" data-n="{}">'
                            '<title>{}: {}</title></rect>').format(
            x, PAD_T + plot_h - h, max(width, 0.5), h, n, _label(period), n))
    y = HEIGHT - 4
    # a label under every bar when few, else under the first and the last
    labelled = range(len(bars)) if len(bars) <= LABEL_ALL else sorted({0, len(bars) - 1})
    for i in labelled:
        anchor = "start" if i == 0 and len(bars) > LABEL_ALL else "end" if i == len(bars) - 1 and len(bars) > LABEL_ALL \
            else "middle"
        x = PAD_L + i * step + (step - width) / 2 + {"start": 0, "end": width, "middle": width / 2}[anchor]
        parts.append(Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="{}">{}</text>').format(
            x, y, anchor, _label(bars[i][0])))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


__all__ = ["time_chart", "MONTHS_MAX"]
