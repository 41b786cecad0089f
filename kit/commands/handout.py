"""`kit handout`: PDF handouts of sessions' slides, printed by headless Chromium into build/handouts/."""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="01 or 01-relu-backprop; none means all")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: build/handouts)")
    parser.add_argument("--slides", metavar="DIR",
                        help="where the slides are, exported there first if missing or older than the notebook "
                             "(default: build/slides)")


def run(args) -> int:
    from kit import handout
    from kit.browser import check_installed
    from kit.config import repo_root
    from kit.sessions import resolve

    root = repo_root()
    sessions = resolve(args.sessions, root)
    check_installed()
    out = Path(args.out) if args.out else root / "build" / "handouts"
    slides_dir = Path(args.slides) if args.slides else root / "build" / "slides"
    handout.build(sessions, slides_dir, out, root, report=lambda s, path: print(f"{s.name}: {path}", flush=True))
    return 0
