"""Presenting: each slide notebook is a RISE deck that runs top to bottom, exports to static
slides, and `kit present` serves its slideshow at /rise/<path> on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, sessions
from kit import slides

SLIDE_TYPES = {"slide", "subslide", "fragment", "notes", "-", "skip"}


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_notebook_is_a_rise_deck(session):
    nb = nbformat.read(session.slides_file, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert all(k in SLIDE_TYPES for k in kinds), "every cell needs metadata.slideshow.slide_type"
    assert 15 <= sum(k in ("slide", "subslide") for k in kinds) <= 30
    assert kinds.count("notes") >= 3, "speaker notes"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(f"# Session {session.number}")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "sympy" in code and "plt." in code, "a live SymPy derivation and plots drawn by code"


def test_render_hides_the_source_of_hide_input_cells_only():
    """A cell tagged hide-input keeps its output on the static slide; an untagged cell keeps both."""
    v4 = nbformat.v4
    plot = v4.new_code_cell("plt.plot(xs, np.sin(xs))  # PLOTTING-CODE", metadata={
        "tags": [slides.HIDE_INPUT], "slideshow": {"slide_type": "slide"}})
    plot.outputs = [v4.new_output("stream", name="stdout", text="PLOT-OUTPUT\n")]
    shown = v4.new_code_cell("relu_backward(dout, x)  # SHOWN-CODE", metadata={"slideshow": {"slide_type": "slide"}})
    shown.outputs = [v4.new_output("stream", name="stdout", text="SHOWN-OUTPUT\n")]
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Title", metadata={"slideshow": {"slide_type": "slide"}}),
                                plot, shown])
    urls = {"reveal.js": "assets/r", "mathjax": "assets/m", "requirejs": "assets/q", "jquery": "assets/j"}
    html = slides.render(nb, sessions()[0], urls)
    assert "PLOT-OUTPUT" in html and "SHOWN-OUTPUT" in html and "SHOWN-CODE" in html
    assert "PLOTTING-CODE" not in html, f"the source of a {slides.HIDE_INPUT} cell is on the static slide"
    assert html.count("<section") >= 3, "the hidden cell still starts its slide"


def test_slide_headings_keep_their_case_and_math_is_never_transformed():
    template = (slides.TEMPLATES / "kit_reveal" / "index.html.j2").read_text()
    assert "--r-heading-text-transform: none" in template
    assert re.search(r"mjx-container\s*\{\s*text-transform:\s*none", template)


# `kit slides` executing and exporting every deck is tested in test_browser.py, on the decks it builds once.


def start_present(*args):
    """`kit present ARGS…` in its own process group; its URL line and the path of Jupyter's log."""
    proc = subprocess.Popen([sys.executable, "-m", "kit", "present", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = log = None
    for line in proc.stdout:
        if line.startswith(("slideshow: ", "lab: ")):
            url = line.split(" ", 1)[1].strip()
            break
    for line in proc.stderr if url else ():
        if line.startswith("Jupyter's log: "):
            log = Path(line.split(": ", 1)[1].strip())
            break
    if not url or not log:
        stop_present(proc)
        pytest.fail(f"kit present {' '.join(args)} printed no URL or log: {proc.stderr.read()[-500:]}")
    return proc, url, log


def stop_present(proc):
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(30) == 0


@pytest.mark.slow
def test_present_serves_the_rise_slideshow():
    proc, url, _ = start_present("01")
    try:
        assert re.match(r"http://127\.0\.0\.1:\d+/rise/sessions/01-relu-backprop/slides\.ipynb\?token=\w+", url)
        with urllib.request.urlopen(url, timeout=30) as page:
            body = page.read().decode()
        assert page.status == 200 and "rise" in body.lower()
    finally:
        stop_present(proc)


@pytest.mark.slow
def test_present_keeps_answering_after_its_log_outgrows_a_pipe():
    """Jupyter logs every 404; 300 KiB of log lines would fill a pipe that nobody reads (64 KiB) and
    freeze the server. kit present sends them to a file instead."""
    proc, url, log = start_present("01")
    base, token = url.split("/rise/")[0], url.split("token=")[1]
    try:
        noise = "x" * 3000
        for i in range(100):
            try:
                urllib.request.urlopen(f"{base}/no-such-page-{i}-{noise}?token={token}", timeout=30)
            except urllib.error.HTTPError as err:
                assert err.code == 404
        with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=30) as status:
            assert status.status == 200
        assert log.stat().st_size > 4 * 65536, f"{log}: the test did not make Jupyter log enough to fill a pipe"
    finally:
        stop_present(proc)


@pytest.mark.slow
def test_lab_settings_silence_the_news_and_open_python_files_as_notebooks():
    proc, url, _ = start_present("--lab", "01")
    base, token = url.split("/lab")[0], url.split("token=")[1]
    assert re.match(r"http://127\.0\.0\.1:\d+/lab/tree/sessions/01-relu-backprop/exercises\.py\?token=\w+$", url)
    try:
        def setting(plugin):     # what JupyterLab will use: the user's settings over the (overridden) defaults
            with urllib.request.urlopen(f"{base}/lab/api/settings/{plugin}?token={token}", timeout=30) as r:
                answer = json.load(r)
            defaults = {k: v.get("default") for k, v in answer["schema"]["properties"].items()}
            return {**defaults, **answer["settings"]}
        news = setting("@jupyterlab/apputils-extension:notification")
        assert news["fetchNews"] == "false" and news["checkForUpdates"] is False, news
        viewers = setting("@jupyterlab/docmanager-extension:plugin")["defaultViewers"]
        assert viewers.get("python") == "Jupytext Notebook", viewers
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=30) as r:
            page = r.read().decode()
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        assert config["news"] == {"disabled": True}, "JupyterLab's news feed is still on"
    finally:
        stop_present(proc)


def slide_groups(nb):
    """The deck's slides: each a list of cells, from a slide/subslide cell up to the next."""
    groups = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind in ("slide", "subslide") or not groups:
            groups.append([])
        if kind != "skip":
            groups[-1].append(cell)
    return groups


def heading_of(group) -> str:
    for cell in group:
        if cell.cell_type == "markdown":
            found = re.search(r"^#{1,3}\s+(.+)$", cell.source, re.M)
            if found:
                return found.group(1)
    return ""


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_deck_is_a_lecture_a_group_can_run(session):
    """60-90 minutes: speaker notes on every slide, headed plot slides, discussion with model
    answers in the notes, a summary at the end."""
    groups = slide_groups(nbformat.read(session.slides_file, as_version=4))
    kinds = lambda g: [c.metadata.get("slideshow", {}).get("slide_type") for c in g]  # noqa: E731
    unnoted = [heading_of(g) or f"slide {i}" for i, g in enumerate(groups[1:], 1) if "notes" not in kinds(g)]
    assert not unnoted, f"slides without speaker notes: {unnoted}"
    plots = [g for g in groups if any(c.cell_type == "code" and "plt." in c.source for c in g)]
    assert all(heading_of(g) for g in plots), "every plot slide has a heading"
    discussion = [g for g in groups if "discussion" in heading_of(g).lower()]
    assert discussion, "a discussion slide"
    notes = "\n".join(c.source for g in discussion for c in g if kinds([c]) == ["notes"]).lower()
    assert "answer" in notes, "model answers in the discussion slides' notes"
    tail = " ".join(heading_of(g).lower() for g in groups[-5:])   # before exercises and reading
    assert "summary" in tail or "take-away" in tail or "takeaway" in tail, "a summary slide at the end"
