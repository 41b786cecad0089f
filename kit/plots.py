"""A curve (expected vs the learner's values on one 1-D input) drawn as an SVG to inline in HTML.

Self-contained (no scripts, no fonts to fetch) and every text escaped. The y axis follows the expected
values: a learner's value far beyond them is drawn at the edge as a triangle and counted below the plot,
so one huge wrong value does not flatten the rest. The curve is checked again here (kit.results), so
whatever is passed in, the picture stays small.
"""

from __future__ import annotations

import html
import math
import sys

from kit.results import capped_curve

EXPECTED, YOURS, GRID = "#1565c0", "#c62828", "#e0e0e0"
BIGGEST = sys.float_info.max


def svg_curve(curve: dict, width: int = 320, height: int = 200, caption: bool = True) -> str:
    """The expected curve as a line, the learner's values as markers on a thin line; "" when `curve` is not
    one. `caption=False` leaves the "expected vs yours on <label>" line to the page around it."""
    curve = capped_curve(curve)
    if curve is None:
        return ""
    xs, expected, got = curve["x"], curve["expected"], curve["got"]
    title = f"expected vs yours on {curve['label']}" if curve["label"] else "expected vs yours"
    x_lo, x_hi = padded(min(xs), max(xs))
    y_lo, y_hi = y_range(expected, got)
    footer = ([title] if caption else []) + off_scale(got, y_lo, y_hi)
    left, right, top, bottom = 48, width - 10, 26, height - 22 - 13 * len(footer)

    def px(x: float) -> float:
        return left + (right - left) * fraction(x, x_lo, x_hi)

    def py(y: float) -> float:   # clipped to the axis
        return bottom - (bottom - top) * fraction(min(max(y, y_lo), y_hi), y_lo, y_hi)

    # no xmlns: inside HTML the parser knows <svg>, and the feedback page names no address at all
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{html.escape(title)}" font-family="sans-serif" font-size="10">',
           f"<title>{html.escape(title)}</title>"]
    for v in ticks(y_lo, y_hi):
        out.append(f'<line x1="{left}" y1="{py(v):.1f}" x2="{right}" y2="{py(v):.1f}" stroke="{GRID}"/>'
                   f'<text x="{left - 4}" y="{py(v) + 3:.1f}" text-anchor="end">{label(v, y_lo, y_hi)}</text>')
    for v in ticks(x_lo, x_hi):
        out.append(f'<line x1="{px(v):.1f}" y1="{bottom}" x2="{px(v):.1f}" y2="{bottom + 3}" stroke="#666"/>'
                   f'<text x="{px(v):.1f}" y="{bottom + 13}" text-anchor="middle">{label(v, x_lo, x_hi)}</text>')
    out.append(f'<polyline points="{left},{top} {left},{bottom} {right},{bottom}" fill="none" stroke="#666"/>')
    polyline = '<polyline points="{}" fill="none" {}/>'
    out.append('<g class="expected">')
    out += [polyline.format(" ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in run), f'stroke="{EXPECTED}" stroke-width="2"')
            for run in runs(xs, expected)]
    out.append('</g><g class="yours">')
    out += [polyline.format(" ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in run), f'stroke="{YOURS}" opacity="0.6"')
            for run in runs(xs, got)]
    for x, y in zip(xs, got):
        if y is None:
            continue
        if y > y_hi or y < y_lo:   # off scale: a triangle at the edge, pointing where the value is
            tip = py(y) - 6 if y > y_hi else py(y) + 6
            out.append(f'<polygon points="{px(x) - 4:.1f},{py(y):.1f} {px(x) + 4:.1f},{py(y):.1f} {px(x):.1f},{tip:.1f}" '
                       f'fill="{YOURS}"/>')
        else:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.5" fill="{YOURS}"/>')
    out.append(f'</g><g class="legend"><line x1="{left}" y1="12" x2="{left + 18}" y2="12" stroke="{EXPECTED}" stroke-width="2"/>'
               f'<text x="{left + 22}" y="15">expected</text>'
               f'<circle cx="{left + 86}" cy="12" r="2.5" fill="{YOURS}"/><text x="{left + 92}" y="15">yours</text></g>')
    out += [f'<text x="4" y="{height - 6 - 13 * (len(footer) - 1 - i)}">{html.escape(line)}</text>'
            for i, line in enumerate(footer)]
    out.append("</svg>")
    return "".join(out)


def y_range(expected: list, got: list) -> tuple[float, float]:
    """The expected values' range, widened to the learner's values within one expected span of it."""
    shown = [v for v in expected if v is not None] or [v for v in got if v is not None] or [-1.0, 1.0]
    lo, hi = min(shown), max(shown)
    reach = hi - lo if hi > lo else max(abs(hi), 1.0)   # inf at ±1e308 is harmless: nothing is cut then
    near = [v for v in got if v is not None and lo - reach <= v <= hi + reach]
    return padded(min([lo, *near]), max([hi, *near]))


def padded(lo: float, hi: float) -> tuple[float, float]:
    """A little room either side; a range of one value gets some around it."""
    pad = (hi / 2 - lo / 2) / 10 if hi > lo else max(abs(hi) / 2, 1.0)
    return max(lo - pad, -BIGGEST), min(hi + pad, BIGGEST)


def fraction(v: float, lo: float, hi: float) -> float:
    span = hi / 2 - lo / 2
    return (v / 2 - lo / 2) / span if span > 0 else 0.5


def ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten) across [lo, hi]."""
    rough = (hi / 2 - lo / 2) / count * 2
    if not (rough > 0 and math.isfinite(rough)):
        return []
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if not math.isfinite(step):
        return [lo, hi]
    first = math.ceil(lo / step)
    return [k * step for k in range(first, first + 12) if k * step <= hi]


def label(v: float, lo: float, hi: float) -> str:
    """A tick's value with the digits that tell neighbouring ticks apart."""
    size = max(abs(lo), abs(hi))
    digits = 3 + max(0, math.floor(math.log10(size)) - math.floor(math.log10(abs(hi / 2 - lo / 2) or size))) if size else 3
    return f"{0.0 if abs(v) < 1e-12 * size else v:.{min(digits, 10)}g}"


def off_scale(got: list, lo: float, hi: float) -> list[str]:
    """What the picture cannot show: the learner's values beyond the axis, and the ones not finite."""
    lines = []
    beyond = [v for v in got if v is not None and not lo <= v <= hi]
    if beyond:
        worst = max(beyond, key=abs)
        lines.append(f"{len(beyond)} of yours off scale (▲/▼ at the edge), e.g. {worst:.3g}")
    missing = sum(v is None for v in got)
    if missing:
        lines.append(f"{missing} of yours not finite (nan or inf): not drawn")
    return lines


def runs(xs: list, ys: list) -> list[list[tuple[float, float]]]:
    """The points of each unbroken stretch of two or more (a missing value breaks the line)."""
    out, run = [], []
    for x, y in [*zip(xs, ys), (None, None)]:
        if y is None:
            if len(run) > 1:
                out.append(run)
            run = []
        else:
            run.append((x, y))
    return out
