"""`kit site`: the course page build/index.html (every session, its goals, reading, slides, handout, exercises)."""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("--build", action="store_true",
                        help="first export slides and print handouts that are missing or out of date (needs chromium)")
    parser.add_argument("--out", metavar="DIR", help="build folder holding slides/ and handouts/ (default: build)")


def run(args) -> int:
    from kit import site
    from kit.config import repo_root
    from kit.sessions import discover

    root = repo_root()
    build = Path(args.out) if args.out else root / "build"
    sessions = discover(root)
    if args.build:
        from kit import handout
        from kit.browser import check_installed

        check_installed()
        stale = [s for s in sessions if not handout.is_fresh(s, build / "slides", build / "handouts")]
        handout.build(stale, build / "slides", build / "handouts", root,
                      report=lambda s, path: print(f"{s.name}: {path}", flush=True))
    print(f"course page: {site.write(sessions, build, root)}")
    return 0
