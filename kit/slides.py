"""Static reveal.js slides from a session's RISE notebook: execute it, then nbconvert it.

The page works from file:// with no network: reveal.js, MathJax 3, require.js and jQuery are served
from assets/ beside it (kit/assets.py), plots are embedded PNGs, and kit/templates/kit_reveal drops
nbconvert's CDN-only extras. `?handout` shows the same page as a printable article (kit/handout.py).

A code cell tagged `hide-input` (HIDE_INPUT) shows only its output here and in the handout: plotting
code stays runnable in the live RISE deck without pushing its plot off the static slide. The kernel
runs over IPC, not TCP, so executing a deck prints no "running over TCP without encryption" warning.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import KitError
from kit.sessions import Session

TEMPLATES = Path(__file__).resolve().parent / "templates"
THEME = "white"   # reveal's `simple` theme imports Google web fonts; `white` ships its fonts locally
HIDE_INPUT = "hide-input"   # the cell tag that hides a code cell's source in static slides and handouts


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
    import shutil
    import tempfile

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    # IPC: the kernel's sockets are files in a private folder (absolute: the kernel runs in the session's folder)
    sockets = Path(tempfile.mkdtemp(prefix="kit-kernel-"))
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets / "kernel")
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", config=config,
                       resources={"metadata": {"path": str(session.path)}}).execute()
    except CellExecutionError as err:
        first = str(err).strip().splitlines()[-1] if str(err).strip() else "a cell failed"
        raise KitError(f"{session.slides_file}: a code cell failed while executing ({first}); run it in Jupyter to see where")
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


def render(nb, session: Session, urls: dict[str, str]) -> str:
    """The slides page for an executed notebook; `urls` are kit.assets.install's relative asset URLs."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    rise = nb.metadata.get("rise", {})
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT}
    exporter = SlidesExporter(template_name="kit_reveal", extra_template_basedirs=[str(TEMPLATES)], config=config)
    exporter.reveal_url_prefix = urls["reveal.js"]
    exporter.reveal_theme = THEME
    exporter.reveal_transition = str(rise.get("transition", "none"))
    exporter.reveal_scroll = True
    exporter.mathjax_url = f"{urls['mathjax']}/es5/tex-chtml-full.js"
    exporter.require_js_url = f"{urls['requirejs']}/require.js"
    exporter.jquery_url = f"{urls['jquery']}/dist/jquery.min.js"
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": session.title}})
    return body


def export(session: Session, out_dir: Path, root: Path | None = None) -> Path:
    """out_dir/NN-slug.html, with every code cell's output (plots included) and its assets in out_dir/assets/."""
    from kit import assets
    from kit.config import repo_root

    urls = assets.install(out_dir, root or repo_root())   # first: a missing asset fails before a 5 s run
    nb = execute(read_notebook(session), session)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{session.name}.html"
    target.write_text(render(nb, session, urls), encoding="utf-8")
    return target
