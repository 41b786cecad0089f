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


@pytest.mark.slow
@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_kit_slides_executes_and_exports_html(session, tmp_path):
    out = slides.export(session, tmp_path)   # runs every code cell with nbclient first
    html = out.read_text()
    assert out.name == f"{session.name}.html"
    assert html.count("<section") >= 15
    assert "data:image/png;base64" in html, "plots are embedded"
    assert "Traceback" not in html, "a code cell failed"


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
