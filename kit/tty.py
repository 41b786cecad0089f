"""Writing to the terminal for `kit check`: a boxed table that fits the width, colours only on a TTY.

Our own rather than rich's: importing rich costs a learner's `make check` about 40 ms, a quarter of
the whole run. The look is the same (heavy header, light body, "…" where a cell is cut).
"""

from __future__ import annotations

import os
import shutil

CODES = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "magenta": "35", "cyan": "36"}
NARROWEST = 6          # a cut column keeps at least this many characters


class Out:
    def __init__(self, file):
        self.file = file
        tty = hasattr(file, "isatty") and file.isatty()
        self.colour = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.width = shutil.get_terminal_size((80, 24)).columns if tty else int(os.environ.get("COLUMNS", "80") or 80)

    def line(self, text: str = "", style: str = "") -> None:
        self.file.write(self.styled(text, style) + "\n")

    def styled(self, text: str, style: str) -> str:
        codes = [CODES[s] for s in style.split() if s in CODES]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if self.colour and codes and text else text

    def table(self, title: str, heads: list[str], rows: list[list[tuple[str, str]]], right: set[int]) -> None:
        """rows: cells of (text, style); columns in `right` are right-justified."""
        widths = fit([max([len(h)] + [len(r[k][0]) for r in rows]) for k, h in enumerate(heads)],
                     self.width, right)
        self.line(title, "")

        def rule(left: str, fill: str, cross: str, end: str) -> str:
            return left + cross.join(fill * (w + 2) for w in widths) + end

        def cells(items: list[tuple[str, str]], bar: str) -> str:
            shown = []
            for k, ((text, style), w) in enumerate(zip(items, widths)):
                text = cut(text, w)
                padded = text.rjust(w) if k in right else text.ljust(w)
                shown.append(" " + self.styled(padded, style) + " ")
            return bar + bar.join(shown) + bar

        self.line(rule("┏", "━", "┳", "┓"))
        self.line(cells([(h, "bold") for h in heads], "┃"))
        self.line(rule("┡", "━", "╇", "┩"))
        for row in rows:
            self.line(cells(row, "│"))
        self.line(rule("└", "─", "┴", "┘"))


def fit(widths: list[int], total: int, keep: set[int]) -> list[int]:
    """Column widths whose table fits `total` characters: the widest cuttable column loses one
    character at a time (columns in `keep`, the numbers, are never cut)."""
    widths = list(widths)
    while sum(widths) + 3 * len(widths) + 1 > total:
        cuttable = [k for k in range(len(widths)) if k not in keep and widths[k] > NARROWEST]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda k: widths[k])
        widths[widest] -= 1
    return widths


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"
