"""Every page the kit makes, opened in a real browser with the network cut.

One headless Debian Chromium (Selenium + /usr/bin/chromedriver) serves the whole run. kit.browser cuts
its network: host names resolve to nothing but 127.0.0.1, and every other connection goes to a proxy
port that refuses, so an asset fetched from a CDN fails as it would in a room without Wi-Fi. Chromium's
performance log lists every request a page made; each test asserts that none left the machine (and
test_network_cut_is_detected shows that a CDN request would be caught). Slides, handouts and the course
page are built once per run into a tmp folder, every session's slides by `kit slides` itself.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from PIL import Image
from pypdf import PdfReader
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, sessions
from kit import assets, deckcheck, handout, site, slides
from kit.browser import Browser, Request, file_url
from kit.errors import KitError

pytestmark = pytest.mark.slow
SESSIONS = sessions()
IDS = [s.name for s in SESSIONS]


# ── building once ─────────────────────────────────────────────────────────────────────────────────

@pytest.fixture(scope="session")
def browser():
    """The projector: every deck must fit a 1280×720 window (kit.deckcheck refuses any other size)."""
    with Browser(width=deckcheck.WIDTH, height=deckcheck.HEIGHT) as b:
        yield b


PRINTED: dict[str, str] = {}   # what each `kit slides` printed while building


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """tmp/slides/NN-slug.html for every session, made by `kit slides` (two at a time: 2 cores)."""
    out = tmp_path_factory.mktemp("build")
    assets.install(out / "slides", ROOT)   # once, before the parallel exports find them in place

    def export(session):
        done = subprocess.run([sys.executable, "-m", "kit", "slides", session.name, "--out", str(out / "slides")],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        PRINTED[session.name] = done.stdout + done.stderr
        return session.name, (done.stderr.strip().splitlines() or ["no message"])[-1] if done.returncode else ""

    with ThreadPoolExecutor(max_workers=2) as pool:
        errors = dict(pool.map(export, SESSIONS))
    return out, errors


@pytest.fixture(scope="session")
def handouts(build, browser):
    """tmp/handouts/NN-slug.pdf for every session whose slides were built."""
    out, errors = build
    made = {}
    for session in SESSIONS:
        if errors[session.name]:
            continue
        try:
            made[session.name] = handout.print_pdf(browser, session, out / "slides" / f"{session.name}.html",
                                                   out / "handouts" / f"{session.name}.pdf")
        except KitError as err:
            made[session.name] = err
    return made


def slides_page(build, session) -> Path:
    out, errors = build
    assert not errors[session.name], f"`kit slides {session.name}` failed: {errors[session.name]}"
    return out / "slides" / f"{session.name}.html"


def expected_slides(session) -> int:
    """What nbconvert makes of the notebook: its first visible cell starts a slide, then every
    slide and subslide cell starts one more."""
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-")
             for c in nbformat.read(session.slides_file, as_version=4).cells]
    first = next(i for i, k in enumerate(kinds) if k not in ("notes", "skip"))
    return 1 + sum(k in ("slide", "subslide") for k in kinds[first + 1:])


def has_math(session) -> bool:
    return any("$" in c.source for c in nbformat.read(session.slides_file, as_version=4).cells
               if c.cell_type == "markdown" and c.metadata.get("slideshow", {}).get("slide_type") != "notes")


def open_slides(browser, page: Path):
    browser.open(file_url(page))
    d = browser.driver
    try:
        WebDriverWait(d, 60).until(lambda d: d.execute_script("return !!document.querySelector('.reveal.ready')"))
    except TimeoutException:
        pytest.fail(f"{page.name}: reveal.js never became ready (no .reveal.ready after 60 s)")
    state = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (!window.MathJax || !MathJax.startup) { done('MathJax did not load'); return; }"
        "MathJax.startup.promise.then(() => done('typeset'), (e) => done('MathJax failed: ' + e));")
    assert state == "typeset", f"{page.name}: {state}"
    return d


def left_the_machine(browser, page) -> None:
    requests = browser.requests()
    assert requests, "the performance log recorded no request at all: the network check would be blind"
    external = [r.url[:120] for r in requests if r.external]
    assert not external, f"{page}: requests left the machine: {external}"
    broken = [f"{r.url[:120]} ({r.failed})" for r in requests if r.failed]
    assert not broken, f"{page}: local files failed to load: {broken}"


# ── the network cut itself ────────────────────────────────────────────────────────────────────────

def test_network_cut_is_detected(browser, tmp_path):
    """The check every other test relies on can fail: a page that uses a CDN is caught."""
    page = tmp_path / "cdn.html"
    cdn = {"https://unpkg.com/reveal.js@4.0.2/dist/reveal.css", "http://93.184.215.14/x.js"}
    page.write_text('<link rel="stylesheet" href="https://unpkg.com/reveal.js@4.0.2/dist/reveal.css">'
                    '<script src="http://93.184.215.14/x.js"></script><p>cdn page</p>')
    browser.open(file_url(page))
    seen = []
    WebDriverWait(browser.driver, 30).until(lambda d: seen.extend(browser.requests()) or
                                            {r.url for r in seen if r.failed} >= cdn)
    caught = {r.url: r.failed for r in seen if r.external}
    assert set(caught) == cdn and all(caught.values()), f"an outside request was missed or got through: {caught}"


def test_only_requests_of_our_pages_count_as_leaving_the_machine():
    """Chromium loads its new-tab page in the background now and then (a CI run once caught its
    chrome-untrusted://new-tab-page/one-google-bar): the browser's own pages are not the deck's, but
    anything a deck asks from off the machine still is."""
    ntp = "chrome://new-tab-page/"
    assert not Request("chrome-untrusted://new-tab-page/one-google-bar?paramsencoded=", document=ntp).external
    assert not Request("https://www.google.com/async/newtab_ogb", document=ntp).external
    deck = "http://127.0.0.1:8888/rise/sessions/01-relu-backprop/slides.ipynb"
    assert Request("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js", document=deck).external
    assert Request("wss://example.org/socket").external          # a websocket names no document
    assert not Request("http://127.0.0.1:8888/static/lab/main.js", document=deck).external


# ── static slides ─────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_kit_slides_executes_and_exports_html(session, build):
    """`kit slides` ran every code cell (nbclient) and wrote one HTML deck with its plots embedded."""
    page = slides_page(build, session)
    html = page.read_text()
    assert page.name == f"{session.name}.html"
    assert html.count("<section") >= 15
    assert "data:image/png;base64" in html, "plots are embedded"
    assert "Traceback" not in html, "a code cell failed"
    assert "without encryption" not in PRINTED.get(session.name, ""), "the kernel ran over TCP and warned about it"


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_slides_load_offline_with_every_slide(session, build, browser):
    page = slides_page(build, session)
    d = open_slides(browser, page)
    total, leaves = d.execute_script(
        "return [Reveal.getTotalSlides(),"
        " [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section')).length]")
    want = expected_slides(session)
    assert total == leaves == want, f"{page.name}: reveal counts {total} slides, the page has {leaves}, " \
                                    f"the notebook's slide and subslide cells make {want}"
    theme = d.execute_script("return getComputedStyle(document.querySelector('.reveal')).fontFamily")
    assert "Source Sans Pro" in theme, f"{page.name}: reveal's white theme is not applied (font: {theme})"
    left_the_machine(browser, page.name)


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_slides_math_is_typeset(session, build, browser):
    page = slides_page(build, session)
    d = open_slides(browser, page)
    typeset, errors = d.execute_script(
        "return [document.querySelectorAll('.reveal .slides mjx-container').length,"
        " [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent)]")
    if has_math(session):
        assert typeset > 0, f"{page.name}: the notebook has math but MathJax typeset none (no mjx-container)"
    assert not errors, f"{page.name}: MathJax could not typeset: {errors[:3]}"
    raw = d.execute_script(r"""
        const skip = 'CODE, PRE, SCRIPT, STYLE, ASIDE, MJX-CONTAINER, .jp-CodeCell .jp-InputArea';
        const leaves = [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'));
        const found = [];
        leaves.forEach((slide, i) => {
          const walk = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (n.parentElement.closest(skip)) continue;
            const m = n.textContent.match(/\$\$|\\\(|\\\[|\\begin\{|\$[^$\s][^$]*\$/);
            if (m) found.push('slide ' + (i + 1) + ': ' + n.textContent.trim().slice(0, 80));
          }
        });
        return found;""")
    assert not raw, f"{page.name}: raw TeX is still visible: {raw[:3]}"
    left_the_machine(browser, page.name)


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_first_slide_is_drawn_and_plots_show(session, build, browser):
    page = slides_page(build, session)
    d = open_slides(browser, page)
    d.execute_script("Reveal.slide(0, 0)")
    shot = Image.open(io.BytesIO(d.get_screenshot_as_png())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20)
    inked = sum(n for n, rgb in colours if sum(rgb) < 3 * 200) / (shot.width * shot.height)
    assert len(colours) > 8 and inked > 0.003, \
        f"{page.name}: the first slide looks blank ({len(colours)} colours, {inked:.2%} of pixels not white)"
    plots = d.execute_script(
        "return [...document.querySelectorAll('.reveal .slides img')].filter(i => i.src.startsWith('data:image/png'))"
        ".map(i => [i.complete && i.naturalWidth > 0, Reveal.getIndices(i.closest('section'))])")
    assert plots, f"{page.name}: no plot (a data: PNG <img>) on any slide"
    assert all(ok for ok, _ in plots), f"{page.name}: {sum(not ok for ok, _ in plots)} plot(s) do not decode"
    where = plots[0][1]
    d.execute_script("Reveal.slide(arguments[0], arguments[1]); while (Reveal.nextFragment()) {}",
                     where["h"], where.get("v", 0))
    shown = d.execute_script(
        "const s = Reveal.getCurrentSlide();"
        "const i = [...s.querySelectorAll('img')].find(i => i.src.startsWith('data:image/png'));"
        "if (!i) return null; const r = i.getBoundingClientRect();"
        "return [i.naturalWidth, r.width, r.height, getComputedStyle(i).visibility];")
    assert shown and shown[0] > 0 and shown[1] > 50 and shown[2] > 50 and shown[3] == "visible", \
        f"{page.name}: the first plot's slide ({where}) does not show the image: {shown}"
    left_the_machine(browser, page.name)


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_speaker_notes_open_with_s(session, build, browser):
    page = slides_page(build, session)
    d = open_slides(browser, page)
    where = d.execute_script(
        "const n = document.querySelector('.reveal .slides aside.notes');"
        "return n && [Reveal.getIndices(n.closest('section')), n.textContent.trim().split(/\\s+/).slice(0, 4).join(' ')];")
    assert where, f"{page.name}: no speaker notes on any slide"
    indices, words = where
    d.execute_script("Reveal.slide(arguments[0], arguments[1])", indices["h"], indices.get("v", 0))
    main = d.current_window_handle
    before = set(d.window_handles)
    d.find_element(By.TAG_NAME, "body").send_keys("s")
    try:
        WebDriverWait(d, 20).until(lambda d: set(d.window_handles) - before)
        popup = (set(d.window_handles) - before).pop()
        d.switch_to.window(popup)
        WebDriverWait(d, 20).until(lambda d: d.execute_script(
            "const n = document.querySelector('.speaker-controls-notes .value');"
            "return n && n.textContent.replace(/\\s+/g, ' ').includes(arguments[0]);", words))
    except TimeoutException:
        pytest.fail(f"{page.name}: `s` did not open a speaker view showing the notes ({words!r}…)")
    finally:
        if d.current_window_handle != main:
            d.close()
        d.switch_to.window(main)


def offending(report: deckcheck.DeckReport) -> str:
    return "\n  ".join(p.line(report.name) for p in report.problems)


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_every_slide_fits_a_1280x720_window(session, build, browser):
    """Slide by slide: nothing below the fold, no code line cut off, no math upper-cased (0 / 0 / 0)."""
    page = slides_page(build, session)
    report = deckcheck.measure(browser, page, session.name)
    assert report.slides == expected_slides(session), f"{page.name}: measured {report.slides} slides"
    assert not report.problems, f"{report.summary()}\n  {offending(report)}"
    left_the_machine(browser, page.name)


def test_deckcheck_catches_each_problem(build, browser):
    """A deck made to break each rule once: the measurement is not blind to any of them."""
    out, _ = build
    v4 = nbformat.v4
    slide = {"slideshow": {"slide_type": "slide"}}
    long_line = "x = " + " + ".join(["value"] * 20)
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("# Fits", metadata=slide),
        v4.new_markdown_cell("## Too tall\n\n" + "\n".join(f"- line {i}" for i in range(40)), metadata=slide),
        v4.new_code_cell("## Cut code\n" + long_line, metadata=slide),
        v4.new_markdown_cell("<style>#selftest-math mjx-container { text-transform: uppercase; }</style>\n\n"
                             '<h2 id="selftest-math">Upper-cased $w$</h2>', metadata=slide),
    ])
    urls = {p.name: f"assets/{p.folder}" for p in assets.PACKAGES}
    page = out / "slides" / "zz-deckcheck-selftest.html"
    page.write_text(slides.render(nb, SESSIONS[0], urls), encoding="utf-8")
    try:
        report = deckcheck.measure(browser, page)
    finally:
        page.unlink()
    found = {(p.kind, p.h) for p in report.problems}
    assert report.slides == 4
    assert found == {("too tall", 1), ("cut code", 2), ("transformed math", 3)}, offending(report)
    longest = next(p for p in report.problems if p.kind == "cut code")
    assert f"line of {len(long_line)} characters" in longest.detail, longest.detail


def test_slides_reference_no_network_assets(build):
    out, _ = build
    pages = sorted((out / "slides").glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        loads = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?:[^"]+)"', html)
        assert not loads, f"{page.name} loads from the network: {loads}"
        assert "import mermaid" not in html and "cdnjs" not in html and "unpkg" not in html, page.name
    for css in (out / "slides" / "assets").rglob("*.css"):
        text = css.read_text(errors="replace")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?:", text), \
            f"{css.relative_to(out)} fetches something from the web"


# ── handouts ──────────────────────────────────────────────────────────────────────────────────────

def words(text: str) -> str:
    """Whitespace collapsed and ligatures undone (the PDF's "ﬁ" is "fi")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_handout_is_an_article_with_title_math_and_plots(session, build, handouts):
    page = slides_page(build, session)
    made = handouts[session.name]
    assert not isinstance(made, KitError), f"handout of {session.name}: {made}"
    pdf = PdfReader(made)
    pages = len(pdf.pages)
    slides = expected_slides(session)
    assert 1 <= pages <= slides, f"{made.name}: {pages} pages for {slides} slides; the article layout " \
                                 f"should need fewer pages than one per slide"
    text = [words(p.extract_text()) for p in pdf.pages]
    title = words(session.title)
    assert title in text[0], f"{made.name}: page 1 does not show the title {title!r}: {text[0][:200]!r}"
    everything = " ".join(text)
    raw = re.findall(r"\$\$|\\[dt]?frac\{|\\begin\{|\\mathrm\{|\\left[(\[]", everything)
    assert not raw, f"{made.name}: raw TeX in the PDF ({raw[:3]}): math was not typeset before printing"
    html = page.read_text()
    headings = [words(re.sub(r"<[^>]+>|¶", "", h)) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]
    plain = [h for h in headings if h and "$" not in h and "\\" not in h]
    squashed = re.sub(r"\s+", "", everything)       # PDF text extraction splits words at kerning
    missing = [h for h in plain if re.sub(r"\s+", "", h) not in squashed]
    assert not missing, f"{made.name}: slide headings missing from the handout: {missing[:3]}"
    plots = html.count('src="data:image/png;base64')
    images = sum(len(p.images) for p in pdf.pages)
    assert images >= plots > 0, f"{made.name}: {images} images in the PDF for {plots} plots on the slides"


# ── the course page ───────────────────────────────────────────────────────────────────────────────

def test_course_page_links_every_session_offline(build, handouts, browser):
    out, _ = build
    index = site.write(SESSIONS, out, ROOT)
    browser.open(file_url(index))
    d = browser.driver
    cards = d.execute_script(
        "return [...document.querySelectorAll('section.session')].map(s => ({"
        " id: s.id, title: s.querySelector('h2').textContent,"
        " slides: s.querySelector('a.slides') && s.querySelector('a.slides').href,"
        " handout: s.querySelector('a.handout') && s.querySelector('a.handout').href,"
        " exercises: s.querySelector('a.exercises') && s.querySelector('a.exercises').href,"
        " readme: s.querySelector('a.readme') && s.querySelector('a.readme').href,"
        " goals: s.querySelectorAll('ul.goals li').length, reading: s.querySelectorAll('ul.reading li').length,"
        " text: s.textContent}))")
    assert [c["id"] for c in cards] == [f"session-{s.number}" for s in SESSIONS]
    for card, session in zip(cards, SESSIONS):
        readme = (session.path / "README.md").read_text()
        assert session.title in card["title"], card["title"]
        published = out / "sessions" / session.name
        for kind, target in (("slides", out / "slides" / f"{session.name}.html"),
                             ("handout", out / "handouts" / f"{session.name}.pdf"),
                             ("exercises", published / "exercises.py"),
                             ("readme", published / "README.html")):
            assert card[kind] == file_url(target), f"index.html: {session.name}'s {kind} link is {card[kind]}"
            assert target.exists(), f"index.html links {target}, which does not exist"
        assert (published / "exercises.py").read_bytes() == session.exercises_file.read_bytes()
        assert card["goals"] == len(site.bullets(readme, "Learning goals")) > 0, f"{session.name}: learning goals"
        assert card["reading"] == len(site.bullets(readme, "Reading")) > 0, f"{session.name}: reading"
        assert f"make check S={session.number}" in card["text"]
    outside = [h for h in d.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)")
               if not h.startswith(out.resolve().as_uri() + "/")]
    assert not outside, f"index.html links outside build/, so it cannot be published as it is: {outside[:3]}"
    left_the_machine(browser, index.name)
    notes = out / "sessions" / SESSIONS[0].name / "README.html"
    browser.open(file_url(notes))
    shown = d.execute_script("return [document.querySelector('h1').textContent, document.querySelectorAll('li').length,"
                             " document.querySelector('a[href=\"../../index.html\"]') !== null]")
    assert SESSIONS[0].title in shown[0] and shown[1] > 0 and shown[2], f"{notes}: {shown}"
    left_the_machine(browser, notes.name)


# ── the group report of `kit grade` ──────────────────────────────────────────────────────────────

def test_group_report_renders_offline(browser, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "grades"
    first = SESSIONS[0]
    for learner, source in (("ada", ROOT / "solutions" / first.name / "exercises.py"), ("bo", first.exercises_file)):
        target = subs / learner / first.name / "exercises.py"
        target.parent.mkdir(parents=True)
        target.write_text(source.read_text())
    done = subprocess.run([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "3"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page = out / "report.html"
    browser.open(file_url(page))
    d = browser.driver
    seen = d.execute_script(
        "return {rows: document.querySelectorAll('table tr').length,"
        " bars: document.querySelectorAll('svg rect').length,"
        " text: document.body.innerText}")
    assert seen["rows"] >= 3, "report.html: the score table has no learner rows"
    assert seen["bars"] >= 2 * len(first.exercise_names()), "report.html: the pass-rate chart did not render"
    assert "not implemented" in seen["text"], "report.html: the most common mistakes are missing"
    left_the_machine(browser, page.name)
