"""Small charts drawn on the server as inline SVG (no script, no external request)."""
from __future__ import annotations

from markupsafe import Markup, escape


def bar_chart(points: list[tuple[str, int]], *, width: int = 640, height: int = 160, label: str = "") -> Markup:
    """Bars for (label, count) pairs, in order, with the first and last labels and the
    highest count written under and beside them; each bar has a <title> tooltip.

    >>> str(bar_chart([("2024-01", 2), ("2024-02", 1)])).count("<rect")
    2
    """
    if not points:
        return Markup("")
    top = max(n for _, n in points) or 1
    pad_left, pad_bottom, pad_top = 34, 22, 8
    plot_w, plot_h = width - pad_left - 4, height - pad_bottom - pad_top
    step = plot_w / len(points)
    bar_w = max(1.0, min(40.0, step * 0.8))
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="{escape(label)}">']
    parts.append(f'<text x="{pad_left - 4}" y="{pad_top + 10}" text-anchor="end" font-size="11">{top}</text>')
    parts.append(f'<text x="{pad_left - 4}" y="{pad_top + plot_h}" text-anchor="end" font-size="11">0</text>')
    parts.append(f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{width - 4}" y2="{pad_top + plot_h}" '
                 'stroke="currentColor" stroke-width="1"/>')
    for i, (name, n) in enumerate(points):
        h = plot_h * n / top
        x = pad_left + i * step + (step - bar_w) / 2
        y = pad_top + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="currentColor" '
                     f'opacity="0.7"><title>{escape(name)}: {n}</title></rect>')
    parts.append(f'<text x="{pad_left}" y="{height - 6}" font-size="11">{escape(points[0][0])}</text>')
    if len(points) > 1:
        parts.append(f'<text x="{width - 4}" y="{height - 6}" text-anchor="end" font-size="11">'
                     f'{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def months_between(points: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(YYYY-MM, n) pairs with the months between the first and last filled in with 0
    (capped at 240 months: beyond that, years).

    >>> months_between([("2024-11", 2), ("2025-01", 1)])
    [('2024-11', 2), ('2024-12', 0), ('2025-01', 1)]
    """
    if not points:
        return []
    have = dict(points)
    y0, m0 = map(int, points[0][0].split("-"))
    y1, m1 = map(int, points[-1][0].split("-"))
    if (y1 - y0) * 12 + m1 - m0 > 240:
        years: dict[str, int] = {}
        for k, n in points:
            years[k[:4]] = years.get(k[:4], 0) + n
        return [(str(y), years.get(str(y), 0)) for y in range(y0, y1 + 1)]
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        key = f"{y:04d}-{m:02d}"
        out.append((key, have.get(key, 0)))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out
