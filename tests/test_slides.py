"""Presenting: each slide notebook is a RISE deck that runs top to bottom, exports to static
slides, and `kit present` serves its slideshow at /rise/<path> on 127.0.0.1."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request

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


@pytest.mark.slow
@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_kit_slides_executes_and_exports_html(session, tmp_path, capfd):
    out = slides.export(session, tmp_path)   # runs every code cell with nbclient first
    html = out.read_text()
    assert out.name == f"{session.name}.html"
    assert html.count("<section") >= 15
    assert "data:image/png;base64" in html, "plots are embedded"
    assert "Traceback" not in html, "a code cell failed"
    printed = capfd.readouterr()
    assert "without encryption" not in printed.err + printed.out, "the kernel ran over TCP and warned about it"


@pytest.mark.slow
def test_present_serves_the_rise_slideshow():
    proc = subprocess.Popen([sys.executable, "-m", "kit", "present", "01"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = None
        for line in proc.stdout:
            if line.startswith("slideshow: "):
                url = line.split(" ", 1)[1].strip()
                break
        assert url, proc.stderr.read()
        assert re.match(r"http://127\.0\.0\.1:\d+/rise/sessions/01-relu-backprop/slides\.ipynb\?token=\w+", url)
        with urllib.request.urlopen(url, timeout=30) as page:
            body = page.read().decode()
        assert page.status == 200 and "rise" in body.lower()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(30) == 0
