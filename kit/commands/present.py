"""`kit present SESSION`: Jupyter on 127.0.0.1 with jupyterlab-rise; prints the slideshow URL."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time

from kit.errors import KitError


def add_arguments(parser) -> None:
    parser.add_argument("session", metavar="SESSION", help="01 or 01-relu-backprop")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args) -> int:
    from kit.config import repo_root
    from kit.sessions import resolve

    root = repo_root()
    session = resolve([args.session], root)[0]
    if not session.slides_file.exists():
        raise KitError(f"{session.name} has no slides.ipynb; restore it from git")
    try:
        import jupyterlab_rise  # noqa: F401
    except ImportError:
        raise KitError("Jupyter with jupyterlab-rise is not installed here; run `make present S=01`, which installs it")
    port = args.port or free_port()
    token = secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root without it
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rel = session.slides_file.relative_to(root).as_posix()
    url = f"http://127.0.0.1:{port}/rise/{rel}?token={token}"
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/status?token={token}", server)
        print(f"{session.name} — {session.title}")
        print(f"slideshow: {url}", flush=True)
        print("press Ctrl-C to stop the server", file=sys.stderr, flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
    return 0


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    import urllib.request   # here: every `kit` start imports this module for its --help

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = (server.stderr.read() or "").strip().splitlines()[-1:] if server.stderr else []
            raise KitError(f"Jupyter exited before it was ready ({' '.join(tail) or 'no message'})")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise KitError(f"Jupyter did not answer within {seconds:g} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
