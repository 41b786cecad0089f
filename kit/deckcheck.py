"""Measure static decks in a real browser: does every slide fit a 1280×720 window?

    python -m kit.deckcheck [NN ...]      (all sessions when none are named)

Each deck is exported as `kit slides` does (build/slides/NN-slug.html), opened in one headless Chromium
(kit.browser: network cut) at 1280×720, and every slide, horizontal and vertical, is visited with
`Reveal.slide(h, v)` and measured in the deck's own logical pixels (960×700, reveal scales it to the window):

- too tall: the slide's content is taller than the deck (`scrollHeight` > `Reveal.getConfig().height`);
- cut code: a `pre` whose `scrollWidth` exceeds its `clientWidth` (a line runs past the right edge);
- transformed math: a typeset formula (`mjx-container`) whose computed `text-transform` is not `none`,
  so a heading's upper-casing turns `w` into `W`.

One line per problem (#/h/v and the slide's heading), then a summary per deck. Exit 0 only when every
count is zero. `measure(browser, page)` is what tests/test_browser.py calls on its own build.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

WIDTH, HEIGHT = 1280, 720          # the projector window every slide must fit
Kind = Literal["too tall", "cut code", "transformed math"]


@dataclass(frozen=True)
class Problem:
    kind: Kind
    h: int
    v: int
    heading: str
    detail: str                    # "by 120 px", "line of 84 characters", "text-transform: uppercase on $w$"

    @property
    def address(self) -> str:
        return f"#/{self.h}/{self.v}"

    def line(self, deck: str) -> str:
        return f"{deck} {self.address} {self.kind}: {self.detail} — {self.heading or '(no heading)'}"


@dataclass
class DeckReport:
    name: str
    slides: int
    problems: list[Problem] = field(default_factory=list)

    def count(self, kind: Kind) -> int:
        return sum(p.kind == kind for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.slides > 0 and not self.problems

    def summary(self) -> str:
        return (f"{self.name}: slides {self.slides}, too tall {self.count('too tall')}, "
                f"cut code {self.count('cut code')}, transformed math {self.count('transformed math')}")


# Shared by both measurements: a slide's heading with its math as TeX, and one slide's problems.
HELPERS_JS = r"""
const items = (window.MathJax && MathJax.startup && MathJax.startup.document) ? MathJax.startup.document : null;
function tex(container) {
  if (items) {
    for (const item of items.math) {
      if (item.typesetRoot === container) return (item.display ? '$$' : '$') + item.math + (item.display ? '$$' : '$');
    }
  }
  const mml = container.querySelector('mjx-assistive-mml');
  return mml ? mml.textContent.trim() : '(math)';
}
function headingOf(slide) {
  const h = slide.querySelector('h1, h2, h3, h4');
  if (!h) return '';
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.anchor-link, .jp-InternalAnchorLink').forEach(a => a.remove());
  const originals = [...h.querySelectorAll('mjx-container')];
  [...copy.querySelectorAll('mjx-container')].forEach((m, i) => m.replaceWith(tex(originals[i])));
  return copy.textContent.replace(/\s+/g, ' ').replace(/¶/g, '').trim();
}
function measureSlide(slide, h, v, height) {
  const cut = [];
  // static slides: every pre; live RISE: CodeMirror's scroller holds a code cell's lines
  for (const box of slide.querySelectorAll('pre, .cm-scroller')) {
    const code = box.matches('pre') ? box.querySelector(':scope > code') : null;
    const over = Math.max(box.scrollWidth - box.clientWidth, code ? code.scrollWidth - code.clientWidth : 0);
    if (over > 0 && box.getClientRects().length) {
      const lines = box.matches('pre') ? box.textContent.split('\n')
                  : [...box.querySelectorAll('.cm-line')].map(l => l.textContent);
      cut.push([Math.max(0, ...lines.map(l => l.replace(/\s+$/, '').length)), over]);
    }
  }
  const math = [];
  for (const m of slide.querySelectorAll('mjx-container')) {
    const t = getComputedStyle(m).textTransform;
    if (t !== 'none') math.push([t, tex(m)]);
  }
  return {h: h, v: v, heading: headingOf(slide), scroll: slide.scrollHeight, height: height, cut: cut, math: math};
}
"""

# The static deck: reveal is window.Reveal (kit's template puts it there).
MEASURE_JS = HELPERS_JS + r"""
const height = Reveal.getConfig().height;
const leaves = [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'));
const out = [];
for (const leaf of leaves) {
  const where = Reveal.getIndices(leaf);
  Reveal.slide(where.h, where.v || 0);
  out.push(measureSlide(Reveal.getCurrentSlide(), where.h, where.v || 0, height));
}
Reveal.slide(0, 0);
return out;
"""

# The live RISE deck: its reveal.js is inside a webpack bundle, so slides are visited through the URL's
# #/h/v and the deck's height is the size RISE gave `.slides`.
MEASURE_RISE_JS = HELPERS_JS + r"""
const done = arguments[arguments.length - 1];
const pause = ms => new Promise(r => setTimeout(r, ms));
(async () => {
  const height = parseFloat(document.querySelector('.reveal .slides').style.height);
  const tops = [...document.querySelectorAll('.reveal .slides > section')];
  const out = [];
  for (let h = 0; h < tops.length; h++) {
    const inner = [...tops[h].querySelectorAll(':scope > section')];
    const leaves = inner.length ? inner : [tops[h]];
    for (let v = 0; v < leaves.length; v++) {
      for (let tries = 0; tries < 3 && !leaves[v].classList.contains('present'); tries++) {
        location.hash = '#/' + h + '/' + v;
        for (let i = 0; i < 100 && !leaves[v].classList.contains('present'); i++) await pause(20);
        if (!leaves[v].classList.contains('present')) location.hash = '#/0/0';   // a hash reveal ignored: move and retry
        await pause(50);
      }
      if (!leaves[v].classList.contains('present')) { done('slide #/' + h + '/' + v + ' never became current'); return; }
      await pause(30);
      out.push(measureSlide(leaves[v], h, v, height));
    }
  }
  location.hash = '#/0/0';
  done(out);
})().catch(e => done('failed: ' + e));
"""


def measure(browser, page: Path, name: str | None = None, seconds: float = 90) -> DeckReport:
    """Open a page made by `kit slides` in `browser` (a kit.browser.Browser) and measure every slide."""
    from kit.browser import file_url
    from kit.errors import KitError

    name = name or page.stem
    browser.open(file_url(page))
    view = browser.wait_ready(f"{page.name}", seconds)
    if view != "slides":
        raise KitError(f"{page} did not become ready as slides ({view}); rebuild it with `make slides`")
    inner = browser.driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner != [WIDTH, HEIGHT]:
        raise KitError(f"the browser window is {inner[0]}×{inner[1]}, not {WIDTH}×{HEIGHT}: "
                       f"open it with Browser(width={WIDTH}, height={HEIGHT})")
    return collect(name, browser.driver.execute_script(MEASURE_JS))


def collect(name: str, records: list[dict]) -> DeckReport:
    report = DeckReport(name, len(records))
    for r in records:
        where = dict(h=int(r["h"]), v=int(r["v"]), heading=r["heading"][:80])
        if r["scroll"] > r["height"]:
            report.problems.append(Problem("too tall", detail=f"by {r['scroll'] - r['height']} px", **where))
        for longest, over in r["cut"]:
            report.problems.append(Problem("cut code", detail=f"line of {longest} characters, {over} px cut off", **where))
        for transform, tex in r["math"]:
            report.problems.append(Problem("transformed math", detail=f"text-transform: {transform} on {tex}", **where))
    return report


def measure_rise(browser, url: str, name: str, seconds: float = 90) -> DeckReport:
    """The same measurements on a live RISE slideshow (`kit present`, /rise/<path>) already running at url.

    The deck is measured as it opens: markdown, math and code cells' source (CodeMirror), not the
    outputs a presenter makes by running the cells."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    from kit.errors import KitError

    browser.open(url, seconds)
    d = browser.driver
    try:
        WebDriverWait(d, seconds, poll_frequency=0.2).until(lambda d: d.execute_script(
            "const r = document.querySelector('.reveal.ready');"
            "return r && r.querySelectorAll('.slides section').length > 0 && "
            "(!document.querySelector('.reveal .jp-MarkdownCell') || document.querySelectorAll('mjx-container').length > 0)"))
    except TimeoutException:
        raise KitError(f"{url}: RISE did not render a typeset slideshow within {seconds:g} s")
    inner = d.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner != [WIDTH, HEIGHT]:
        raise KitError(f"the browser window is {inner[0]}×{inner[1]}, not {WIDTH}×{HEIGHT}")
    d.set_script_timeout(seconds)
    records = d.execute_async_script(MEASURE_RISE_JS)
    if isinstance(records, str):
        raise KitError(f"{url}: {records}")
    return collect(name, records)


def build(sessions, out: Path, root: Path, report=None) -> dict[str, Path]:
    """out/NN-slug.html for each session, exported as `kit slides` does."""
    from kit import slides

    pages = {}
    for session in sessions:
        pages[session.name] = slides.export(session, out, root)
        if report:
            report(f"built {pages[session.name]}")
    return pages


def check(sessions, out: Path, root: Path, emit=print) -> list[DeckReport]:
    """Build and measure the decks with one Chromium; emit a line per problem and a summary per deck."""
    from kit.browser import Browser

    pages = build(sessions, out, root, report=lambda line: print(line, file=sys.stderr, flush=True))
    reports = []
    with Browser(width=WIDTH, height=HEIGHT) as browser:
        for name, page in pages.items():
            report = measure(browser, page, name)
            for problem in report.problems:
                emit(problem.line(name))
            reports.append(report)
    for report in reports:
        emit(report.summary())
    return reports


def main(argv: list[str] | None = None) -> int:
    from kit.config import repo_root
    from kit.errors import KitError
    from kit.sessions import resolve

    parser = argparse.ArgumentParser(prog="python -m kit.deckcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="01 or 01-relu-backprop; none means all")
    parser.add_argument("--out", metavar="DIR", help="where to build the slides (default: build/slides)")
    args = parser.parse_args(argv)
    try:
        root = repo_root()
        out = Path(args.out) if args.out else root / "build" / "slides"
        reports = check(resolve(args.sessions, root), out, root)
    except KitError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
