"""`kit list`: the sessions, with title and exercises."""

from kit.config import repo_root
from kit.sessions import discover


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run(args) -> int:
    sessions = discover(repo_root())
    if args.json:
        import json

        print(json.dumps([{"session": s.name, "title": s.title, "exercises": s.exercise_names()} for s in sessions], indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="sessions", title_justify="left")
    for col in ("session", "title", "exercises"):
        table.add_column(col)
    for s in sessions:
        table.add_row(s.name, s.title, ", ".join(s.exercise_names()))
    Console().print(table)
    return 0
