"""`kit present`'s live RISE slideshow, opened in the same network-cut Chromium as test_browser.py.

Apart from the static pages so that pytest's two workers can run the live decks and the built
decks side by side: each file starts its own browser, and one Jupyter serves every session here.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, sessions
from kit import deckcheck
from kit.browser import Browser
from test_browser import expected_slides, has_math, left_the_machine, offending

pytestmark = pytest.mark.slow

SESSIONS = sessions()
IDS = [s.name for s in SESSIONS]


@pytest.fixture(scope="module")
def browser():
    """The projector: every deck must fit a 1280×720 window."""
    with Browser(width=deckcheck.WIDTH, height=deckcheck.HEIGHT) as b:
        yield b


# ── kit present (RISE) ────────────────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def present():
    """`kit present` on the first session; every session's deck is served by the same Jupyter."""
    proc = subprocess.Popen([sys.executable, "-m", "kit", "present", SESSIONS[0].number], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = None
    for line in proc.stdout:
        if line.startswith("slideshow: "):
            url = line.split(" ", 1)[1].strip()
            break
    if not url:
        proc.kill()
        pytest.fail(f"kit present printed no slideshow URL: {proc.stderr.read()[-500:]}")
    yield proc, url
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)


@pytest.mark.parametrize("session", SESSIONS, ids=IDS)
def test_live_rise_deck_renders_offline_and_fits_a_1280x720_window(session, present, browser):
    """Each deck opened once in `kit present`'s RISE slideshow: it renders and typesets its math with
    nothing fetched from off the machine, and the same rules as the static decks hold, visited slide
    by slide through #/h/v. Measured: each slide's height against the deck's (kit gives RISE the
    static 960×700), code cells' CodeMirror lines and any `pre` against their width, and math's
    text-transform. The deck is measured as it opens, with the cells' sources but not the outputs a
    presenter makes by running them. Opening it changes nothing in slides.ipynb."""
    _, url = present
    deck = url.replace(f"/rise/sessions/{SESSIONS[0].name}/", f"/rise/sessions/{session.name}/")
    assert re.match(rf"http://127\.0\.0\.1:\d+/rise/sessions/{session.name}/slides\.ipynb\?token=\w+$", deck)
    before = session.slides_file.read_bytes()
    report = deckcheck.measure_rise(browser, deck, f"{session.name} (RISE)")   # waits until rendered and typeset
    d = browser.driver
    count = d.execute_script("return document.querySelectorAll('.reveal .slides section').length")
    assert count >= expected_slides(session), f"RISE shows {count} sections for {session.name}"
    if has_math(session):   # RISE typesets with its own MathJax 3 (jupyterlab-mathjax3), also offline
        assert d.execute_script("return document.querySelectorAll('mjx-container').length"), f"{deck}: no math typeset"
    left_the_machine(browser, deck.split("?")[0])
    browser.open("about:blank")      # leave the notebook before the next one, so nothing is saved
    assert session.slides_file.read_bytes() == before, f"opening {session.name} in RISE changed slides.ipynb"
    assert report.slides >= expected_slides(session), f"RISE shows {report.slides} slides"
    assert not report.problems, f"{report.summary()}\n  {offending(report)}"


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_present_stops_cleanly_leaving_no_process(present):
    proc, _ = present
    assert proc.poll() is None, f"kit present exited early: {proc.stderr.read()[-500:]}"
    family = descendants(proc.pid) | {proc.pid}
    assert len(family) >= 2, "kit present should be running Jupyter"
    os.killpg(proc.pid, signal.SIGINT)     # what Ctrl-C in its terminal does
    assert proc.wait(60) == 0
    deadline = time.monotonic() + 20
    while any(alive(p) for p in family) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [p for p in family if alive(p)]
    assert not left, f"processes left after kit present stopped: {left}"


