"""Static reveal.js slides from a session's RISE notebook: execute it, then nbconvert it."""

from __future__ import annotations

from pathlib import Path

from kit.errors import KitError
from kit.sessions import Session


def read_notebook(session: Session):
    import nbformat

    path = session.slides_file
    if not path.exists():
        raise KitError(f"{session.name} has no slides.ipynb; restore it from git (git checkout -- {path})")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several kinds for a damaged file
        raise KitError(f"{path} is not a readable notebook ({type(err).__name__}); restore it from git") from err


def execute(nb, session: Session, timeout: int = 120):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(session.path)}}).execute()
    except CellExecutionError as err:
        first = str(err).strip().splitlines()[-1] if str(err).strip() else "a cell failed"
        raise KitError(f"{session.slides_file}: a code cell failed while executing ({first}); run it in Jupyter to see where")
    return nb


def export(session: Session, out_dir: Path) -> Path:
    """build/slides/NN-slug.html, with every code cell's output (plots included)."""
    from nbconvert import SlidesExporter

    nb = execute(read_notebook(session), session)
    exporter = SlidesExporter()
    exporter.reveal_scroll = True
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": session.title}})
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{session.name}.html"
    target.write_text(body, encoding="utf-8")
    return target
