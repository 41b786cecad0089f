"""`kit new NN-slug`: a new session folder that grades at once, from the templates beside this file.

Each template is plain text with `{{ number }}`, `{{ name }}`, `{{ title }}` filled in; the slide deck is
built here with nbformat (a notebook is JSON, not a text template)."""

from __future__ import annotations

import re
from pathlib import Path

from kit.errors import KitError
from kit.sessions import FOLDER

HERE = Path(__file__).resolve().parent
FILES = {  # template → where it goes, relative to the course root
    "derivations.py.txt": "sessions/{name}/derivations.py",
    "exercises.py.txt": "sessions/{name}/exercises.py",
    "checks.py.txt": "sessions/{name}/checks.py",
    "README.md.txt": "sessions/{name}/README.md",
    "solution.py.txt": "solutions/{name}/exercises.py",
}


def title_of(name: str) -> str:
    words = name[3:].replace("-", " ")
    return words[:1].upper() + words[1:]


def check_name(name: str, root: Path) -> None:
    if not FOLDER.match(name):
        raise KitError(f"'{name}' is not a session name; use NN-slug, two digits and lower-case words with dashes, "
                       f"e.g. 07-calibration")
    taken = [p.name for p in (root / "sessions").iterdir() if p.is_dir() and p.name[:2] == name[:2]]
    if taken:
        raise KitError(f"session number {name[:2]} is taken by {taken[0]}; pick the next free number (see `kit list`)")
    for pattern in FILES.values():
        if (root / pattern.format(name=name)).parent.exists() and pattern.startswith("solutions"):
            raise KitError(f"solutions/{name} already exists; remove it or pick another name")


def fill(text: str, name: str) -> str:
    values = {"number": name[:2], "name": name, "title": title_of(name)}
    return re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], text)


def create(name: str, root: Path) -> list[Path]:
    """Write the session's files; nothing is written if the name is bad or taken."""
    check_name(name, root)
    written = []
    for template, pattern in FILES.items():
        target = root / pattern.format(name=name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill((HERE / template).read_text(encoding="utf-8"), name), encoding="utf-8")
        written.append(target)
    deck = root / "sessions" / name / "slides.ipynb"
    deck.write_text(notebook(name), encoding="utf-8")
    written.append(deck)
    return written


def notebook(name: str) -> str:
    import json

    def cell(kind: str, slide: str, text: str, tags: tuple = ()) -> dict:
        meta = {"slideshow": {"slide_type": slide}}
        if tags:
            meta["tags"] = list(tags)
        base = {"cell_type": kind, "metadata": meta, "source": text}
        return base | ({"execution_count": None, "outputs": []} if kind == "code" else {})

    title = title_of(name)
    cells = [
        cell("markdown", "slide", f"# Session {name[:2]} — {title}\n\nA reading group on the math behind machine learning"),
        cell("markdown", "notes", "Speaker notes: what this session is for, in two sentences; how long each part takes."),
        cell("markdown", "slide", "## The derivation\n\n$f(x) = x^3$: derive $f'(x)$ by hand first, then let SymPy check it."),
        cell("code", "fragment", "import sympy as sp\n\nx = sp.symbols(\"x\", real=True)\nsp.diff(x**3, x)"),
        cell("markdown", "notes", "Ask the group for the derivative before running the cell. Then: what does the "
                                   "chain rule add when x is itself a function of something else?"),
        cell("markdown", "slide", "## Take-home exercises\n\n`cube_backward(dout, x)` in `exercises.py`, then "
                                   f"`make check S={name[:2]}`"),
        cell("markdown", "notes", "Point at the docstring: the shapes and the task; the formula is on the previous slide."),
    ]
    doc = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
           "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                        "language_info": {"name": "python"}, "rise": {"scroll": True, "theme": "white", "transition": "none"}}}
    for i, c in enumerate(doc["cells"]):
        c["id"] = f"{name[:2]}-cell-{i}"
    return json.dumps(doc, indent=1) + "\n"
