"""Printable handouts: a session's offline slides, printed to PDF by headless Chromium.

The layout is an article, not one slide per page: the slides page opened with `?handout` flows every
slide one after the other on A4 (fragments shown, speaker notes left out, plots and code kept), with
the session's title in the header and page numbers in the footer. Printed, a 25-slide deck takes a few
pages a reader can annotate, instead of 25 mostly empty landscape pages.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from kit.browser import Browser, file_url
from kit.errors import KitError
from kit.sessions import Session

MM = 1 / 25.4   # CDP wants inches
A4 = {"paperWidth": 210 * MM, "paperHeight": 297 * MM, "marginTop": 16 * MM, "marginBottom": 16 * MM,
      "marginLeft": 16 * MM, "marginRight": 16 * MM}
STYLE = "font-family: sans-serif; font-size: 7.5pt; color: #666; width: 100%; margin: 0 16mm;"


def slides_are_fresh(session: Session, page: Path) -> bool:
    return page.exists() and page.stat().st_mtime >= session.slides_file.stat().st_mtime


def is_fresh(session: Session, slides_dir: Path, out_dir: Path) -> bool:
    """The handout exists and is newer than slides that are themselves up to date."""
    page, pdf = slides_dir / f"{session.name}.html", out_dir / f"{session.name}.pdf"
    return slides_are_fresh(session, page) and pdf.exists() and pdf.stat().st_mtime >= page.stat().st_mtime


def print_pdf(browser: Browser, session: Session, page: Path, target: Path) -> Path:
    """target: the slides page at `page`, laid out as a handout and printed to PDF."""
    url = file_url(page, "handout")
    browser.open(url)
    view = browser.wait_ready(f"the handout view of {page}")
    if view != "handout":
        raise KitError(f"{page} is not a page made by `kit slides` ({view}); rebuild it with `make slides`")
    requests = browser.requests()
    external = [r.url for r in requests if r.external]
    if external:
        raise KitError(f"{page} tries to load {short(external[0])} from the network; rebuild it with `make slides`")
    missing = [r.url for r in requests if r.failed and not r.external]
    if missing:
        raise KitError(f"{page} cannot load {short(missing[0])}; rebuild the slides with `make slides`")
    title = html.escape(f"Session {session.number} — {session.title}")
    pdf = browser.driver.execute_cdp_cmd("Page.printToPDF", {
        **A4, "printBackground": True, "preferCSSPageSize": False, "displayHeaderFooter": True,
        "headerTemplate": f'<div style="{STYLE}">{title}</div>',
        "footerTemplate": f'<div style="{STYLE} text-align: right;"><span class="pageNumber"></span> / '
                          f'<span class="totalPages"></span></div>',
    })
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(pdf["data"]))
    return target


def short(url: str, limit: int = 100) -> str:
    return url if len(url) <= limit else url[:limit] + "…"


def build(sessions: list[Session], slides_dir: Path, out_dir: Path, root: Path | None = None,
          browser: Browser | None = None, report=None) -> list[Path]:
    """out_dir/NN-slug.pdf for each session, exporting its slides into slides_dir first if stale."""
    from kit import slides

    pages = []
    for session in sessions:
        page = slides_dir / f"{session.name}.html"
        if not slides_are_fresh(session, page):
            page = slides.export(session, slides_dir, root)
            if report:
                report(session, page)
        pages.append((session, page))
    own = browser is None
    browser = browser or Browser()
    try:
        done = []
        for session, page in pages:
            path = print_pdf(browser, session, page, out_dir / f"{session.name}.pdf")
            if report:
                report(session, path)
            done.append(path)
        return done
    finally:
        if own:
            browser.close()
