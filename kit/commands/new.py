"""`kit new NN-slug`: scaffold a session that grades at once (its solution full marks, its stub zero)."""

from __future__ import annotations

from kit.errors import KitError


def add_arguments(parser) -> None:
    parser.add_argument("name", metavar="NN-slug", help="the new session's folder name, e.g. 07-calibration")


def run(args) -> int:
    from kit import scaffold
    from kit.config import repo_root
    from kit.options import printable

    root = repo_root()
    if not (root / "sessions").is_dir():
        raise KitError(f"no sessions/ folder in {root}; run `kit new` from the course checkout")
    written = scaffold.create(printable(args.name), root)
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print(f"next: edit sessions/{args.name}/derivations.py, checks.py and slides.ipynb (docs/AUTHORING.md), "
          f"then `make check S={args.name[:2]} ARGS=\"--learner solutions\"`")
    return 0
