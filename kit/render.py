"""Results → the terminal (a table, then feedback that teaches) or one JSON document."""

from __future__ import annotations

import json
import sys
from collections import OrderedDict

from kit.results import Result, totals


def as_json(results: list[Result], extra: dict | None = None) -> str:
    doc = {"results": [r.public() for r in results], "total": totals(results)}
    doc.update(extra or {})
    return json.dumps(doc, indent=2)


def exercise_rows(results: list[Result]):
    """(session, exercise) → (status, points, max, failing results), in order."""
    rows: OrderedDict = OrderedDict()
    for r in results:
        rows.setdefault((r.session, r.exercise), []).append(r)
    for key, group in rows.items():
        statuses = [r.status for r in group]
        status = "pass" if all(s == "pass" for s in statuses) else next(
            s for s in ("not_implemented", "missing", "timeout", "error", "fail") if s in statuses)
        yield key, status, sum(r.points for r in group), sum(r.max_points for r in group), group


STYLE = {"pass": "green", "fail": "red", "error": "red", "timeout": "magenta", "missing": "yellow", "not_implemented": "yellow"}
LABEL = {"pass": "pass", "fail": "fail", "error": "error", "timeout": "timeout", "missing": "missing", "not_implemented": "not implemented"}


def terminal(results: list[Result], file=None, folder: str = "sessions") -> None:
    from kit.tty import Out

    out = Out(file or sys.stdout)
    rows = []
    for (session, exercise), status, points, max_points, group in exercise_rows(results):
        passed = sum(r.status == "pass" for r in group)
        rows.append([(session, ""), (exercise, ""), (f"{passed}/{len(group)}", ""), (f"{points:g}/{max_points:g}", ""),
                     (LABEL[status], STYLE[status])])
    out.table("make check", ["session", "exercise", "checks", "points", "status"], rows, right={2, 3})
    shown = set()
    todo: OrderedDict = OrderedDict()
    for (session, exercise), status, _, _, group in exercise_rows(results):
        if status == "not_implemented" and all(r.status == "not_implemented" for r in group):
            todo.setdefault(session, []).append(exercise)
    for session, names in todo.items():
        out.line()
        out.line(f"✗ {session}: not implemented yet: {', '.join(names)}", "bold yellow")
        out.line(f"  write them in {folder}/{session}/exercises.py (each docstring gives the shapes, the formula "
                 f"and a hint), then run: make check S={session[:2]}")
    for (session, exercise), status, _, _, group in exercise_rows(results):
        if exercise in todo.get(session, []):
            continue
        notes = [r.note for r in group if r.status == "pass" and r.note]
        for note in dict.fromkeys(notes):
            out.line(f"note {exercise}: {note}", "cyan")
        said = {}   # one diagnosis per exercise: a mistake already explained is only referred to
        for r in group:
            if r.status == "pass" or r.message in shown:
                continue
            shown.add(r.message)
            out.line()
            where = f"{session}: exercises.py" if r.kill_reason in ("load-failed", "unreadable-file") else r.check
            out.line(f"✗ {where} ({LABEL[r.status]})", "bold " + STYLE[r.status])
            if r.mistake and r.mistake in said:
                out.line(f"  the same mistake as {said[r.mistake]}: {r.mistake}")
                continue
            said.setdefault(r.mistake, r.check) if r.mistake else None
            out.line(r.message)
            if r.status in ("not_implemented", "missing", "timeout"):
                break  # one message says it for the whole exercise
    total = totals(results)
    out.line()
    done = total["points"] == total["max_points"]
    out.line(f"total {total['points']:g}/{total['max_points']:g}" + ("  — full marks" if done else ""),
             "bold green" if done else "bold")
