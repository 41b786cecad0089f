"""`kit present SESSION`: Jupyter on 127.0.0.1 with jupyterlab-rise; prints the slideshow URL.

`kit present --lab [SESSION]` (what `make lab` runs) starts the same Jupyter and prints JupyterLab's URL
instead, on the session's exercises.py when one is named.

Jupyter's own output goes to a log file, never to a pipe: a pipe nobody reads fills after 64 KiB and
then blocks the server. JupyterLab reads kit/templates/jupyter/overrides.json: no "get notified about
official Jupyter news?" pop-up, no update check, and Python files (the exercises are Jupytext percent
scripts) open as notebooks by default. RISE cannot be given defaults that way, so the kit's Jupyter keeps
its user settings in .kit-cache/jupyter/user-settings, where kit/templates/jupyter/rise.json is written
as RISE's settings on every start: the deck at the static slides' logical size (960×700), and headings
and math as written (the notebooks pick reveal's white theme, which upper-cases headings).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kit.errors import KitError

SETTINGS = Path(__file__).resolve().parent.parent / "templates" / "jupyter"   # overrides.json, rise.json


def add_arguments(parser) -> None:
    parser.add_argument("session", metavar="SESSION", nargs="?", help="01 or 01-relu-backprop (optional with --lab)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--lab", action="store_true",
                        help="open JupyterLab (exercises open as notebooks) instead of the RISE slideshow")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_file(root: Path, port: int) -> Path:
    folder = root / ".kit-cache" / "jupyter"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"server-{port}.log"


def user_settings(root: Path) -> Path:
    """The kit's JupyterLab user-settings folder, with RISE's settings (re)written from the template."""
    folder = root / ".kit-cache" / "jupyter" / "user-settings"
    rise = folder / "jupyterlab-rise" / "plugin.jupyterlab-settings"
    rise.parent.mkdir(parents=True, exist_ok=True)
    rise.write_text((SETTINGS / "rise.json").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def jupyter_command(root: Path, port: int, token: str) -> list[str]:
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0",
               f"--LabApp.app_settings_dir={SETTINGS}", "--LabApp.news_url=None", "--LabApp.check_for_updates_class="
               "jupyterlab.handlers.announcements.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root without it
    return command


def run(args) -> int:
    from kit.config import repo_root
    from kit.sessions import resolve

    root = repo_root()
    if not args.session and not args.lab:
        raise KitError("name a session, e.g. `kit present 01` (or `kit present --lab` for JupyterLab)")
    session = resolve([args.session], root)[0] if args.session else None
    if session and not args.lab and not session.slides_file.exists():
        raise KitError(f"{session.name} has no slides.ipynb; restore it from git")
    try:
        import jupyterlab_rise  # noqa: F401
        import jupytext  # noqa: F401
    except ImportError:
        raise KitError("Jupyter with jupyterlab-rise and jupytext is not installed here; run `make present S=01`, "
                       "which installs them")
    port = args.port or free_port()
    token = secrets.token_hex(16)
    log = log_file(root, port)
    with open(log, "wb") as sink:     # the child keeps its own descriptor; ours closes at once
        server = subprocess.Popen(jupyter_command(root, port, token), stdin=subprocess.DEVNULL,
                                  stdout=sink, stderr=subprocess.STDOUT,
                                  env={**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(user_settings(root))})
    if args.lab:
        where = f"lab/tree/{session.exercises_file.relative_to(root).as_posix()}" if session else "lab"
        label, url = "lab", f"http://127.0.0.1:{port}/{where}?token={token}"
    else:
        rel = session.slides_file.relative_to(root).as_posix()
        label, url = "slideshow", f"http://127.0.0.1:{port}/rise/{rel}?token={token}"
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/status?token={token}", server, log)
        if session:
            print(f"{session.name} — {session.title}")
        print(f"{label}: {url}", flush=True)
        print(f"Jupyter's log: {log}\npress Ctrl-C to stop the server", file=sys.stderr, flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
    return 0


def last_line(log: Path) -> str:
    try:
        lines = log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def wait_until_up(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    import urllib.request   # here: every `kit` start imports this module for its --help

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise KitError(f"Jupyter exited before it was ready ({last_line(log) or 'no message'}; log: {log})")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise KitError(f"Jupyter did not answer within {seconds:g} s (log: {log})")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
