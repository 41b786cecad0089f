"""`kit slides`: static reveal.js slides for sessions, into build/slides/."""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="01 or 01-relu-backprop; none means all")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: build/slides)")


def run(args) -> int:
    from kit import slides
    from kit.config import repo_root
    from kit.sessions import resolve

    root = repo_root()
    out = Path(args.out) if args.out else root / "build" / "slides"
    for session in resolve(args.sessions, root):
        path = slides.export(session, out)
        print(f"{session.name}: {path}")
    return 0
