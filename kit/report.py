"""Group results → grades.csv and report.html (self-contained: inline CSS and SVG, works offline)."""

from __future__ import annotations

import csv
import html
import io
import os
import tempfile
import time
from collections import Counter, OrderedDict
from pathlib import Path

from kit import plots
from kit.render import exercise_rows
from kit.results import capped_curve

CSV_FIELDS = ["learner", "session", "exercise", "status", "points", "max_points", "message", "mistake"]


def by_learner(results) -> "OrderedDict[str, list]":
    groups: OrderedDict = OrderedDict()
    for r in results:
        groups.setdefault(r.learner, []).append(r)
    return groups


def exercise_table(results) -> list[dict]:
    """One row per learner × session × exercise."""
    rows = []
    for learner, group in by_learner(results).items():
        for (session, exercise), status, points, max_points, checks in exercise_rows(group):
            failed = next((c for c in checks if c.status != "pass"), None)
            rows.append({"learner": learner, "session": session, "exercise": exercise, "status": status,
                         "points": points, "max_points": max_points, "message": failed.message if failed else "",
                         "mistake": mistake_of(failed) if failed else ""})
    return rows


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; the organizer's umask decides, as for any file
    os.replace(tmp, path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def missing_rows(rows: list[dict], maxima: dict[str, dict[str, float]], learners: list[str] = ()) -> list[dict]:
    """A learner is scored out of the whole course: each session they did not hand in counts 0."""
    handed = {(r["learner"], r["session"]) for r in rows}
    out = []
    for learner in dict.fromkeys([*learners, *(r["learner"] for r in rows)]):
        for session, exercises in maxima.items():
            if (learner, session) not in handed:
                out += [{"learner": learner, "session": session, "exercise": ex, "status": "missing", "points": 0.0,
                         "max_points": top, "message": f"{session} was not handed in", "mistake": ""}
                        for ex, top in exercises.items()]
    order = {s: i for i, s in enumerate(maxima)}
    return sorted(rows + out, key=lambda r: (r["learner"], order.get(r["session"], len(order))))


def totals_by_learner(rows: list[dict]) -> dict[str, dict]:
    totals: dict[str, dict] = {}
    for r in rows:
        t = totals.setdefault(r["learner"], {"points": 0.0, "max_points": 0.0})
        t["points"] += r["points"]
        t["max_points"] += r["max_points"]
    return totals


def gradescope(rows: list[dict]) -> dict:
    """One learner's rows in Gradescope's autograder results format (results.json)."""
    tests = [{"name": f"{r['session']} {r['exercise']}", "score": r["points"], "max_score": r["max_points"],
              "status": "passed" if r["points"] >= r["max_points"] else "failed",
              "output": r["message"] if r["status"] != "pass" else "full marks", "visibility": "visible"}
             for r in rows]
    return {"score": sum(t["score"] for t in tests), "tests": tests}


def write_learner_files(rows: list[dict], out: Path, results: list = (), titles: dict | None = None) -> None:
    """DIR/learners/<id>/results.json (Gradescope's format, to upload as it is) and feedback.html
    (every session, exercise and check with its message: a page to hand the learner)."""
    import json

    rows_of, checks_of = rows_by_learner(rows), {}
    for result in results:   # grouped once: a group of hundreds must not cost learners × rows
        checks_of.setdefault(getattr(result, "learner", None), []).append(result)
    for learner, mine in rows_of.items():
        folder = out / "learners" / learner
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / "results.json", json.dumps(gradescope(mine), indent=2))
        write_atomically(folder / "feedback.html", feedback_page(learner, mine, checks_of.get(learner, []), titles or {}))


def rows_by_learner(rows: list[dict]) -> dict[str, list[dict]]:
    """Each learner's gradebook rows, learners in their first-seen order."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["learner"], []).append(row)
    return grouped


def feedback_page(learner: str, rows: list[dict], checks: list, titles: dict) -> str:
    """One learner's feedback, self-contained (inline CSS, no scripts, no network)."""
    got, best = sum(r["points"] for r in rows), sum(r["max_points"] for r in rows)
    checks_of: dict[tuple, list] = {}
    for check in checks:
        checks_of.setdefault((check.session, check.exercise), []).append(check)
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>Feedback for {html.escape(learner)}</title><style>{CSS}pre{{white-space:pre-wrap;"
           "background:#f7f7f7;padding:.5rem;border-radius:4px}</style></head><body>",
           f"<h1>Feedback for {html.escape(learner)}</h1>",
           f"<p>Total <b class='{_level(got, best)}'>{got:g}/{best:g}</b></p>"]
    for session in dict.fromkeys(r["session"] for r in rows):
        part = [r for r in rows if r["session"] == session]
        p, m = sum(r["points"] for r in part), sum(r["max_points"] for r in part)
        out.append(f"<h2>{html.escape(session)} — {html.escape(titles.get(session, ''))} "
                   f"<span class='{_level(p, m)}'>{p:g}/{m:g}</span></h2>")
        for row in part:
            out.append(f"<h3>{html.escape(row['exercise'])} <span class='{_level(row['points'], row['max_points'])}'>"
                       f"{row['points']:g}/{row['max_points']:g}</span></h3>")
            mine = checks_of.get((session, row["exercise"]), [])
            out += curve_figure(mine)
            if not mine:
                out.append(f"<p class='small'>{html.escape(row['message'] or row['status'])}</p>")
                continue
            out.append("<ul>")
            for c in mine:
                mark = "✓" if c.status == "pass" else "✗"
                out.append(f"<li>{mark} <code>{html.escape(c.check)}</code> {html.escape(c.status)}"
                           + (f"<pre>{html.escape(c.message)}</pre>" if c.status != "pass" and c.message else "")
                           + (f"<p class='small'>{html.escape(c.note)}</p>" if c.note else "") + "</li>")
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def curve_figure(checks: list) -> list[str]:
    """The exercise's first curve (expected vs the learner's values on a 1-D input) as a figure, or nothing."""
    curve = capped_curve(next((c.curve for c in checks if getattr(c, "curve", None)), None))
    if curve is None:
        return []
    on = f" on {curve['label']}" if curve["label"] else ""
    return [f"<figure>{plots.svg_curve(curve, caption=False)}<figcaption class='small'>"
            f"expected vs yours{html.escape(on)}</figcaption></figure>"]


def write_csv(rows: list[dict], path: Path) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (f"{row[k]:g}" if isinstance(row[k], float) else row[k]) for k in CSV_FIELDS})
    write_atomically(path, buf.getvalue())


def mistake_of(result) -> str:
    """The name a failure goes by: the known mistake it was recognised as, else the check and its status.

    Read from fields, never from the message text."""
    if result.mistake:
        return result.mistake
    if result.status in ("not_implemented", "missing", "timeout"):
        return {"not_implemented": "not implemented", "missing": "missing", "timeout": "did not finish in time"}[result.status]
    return f"{result.check} ({result.status})"


def common_mistakes(rows: list[dict]) -> dict[tuple[str, str], list[tuple[str, int]]]:
    counts: dict[tuple[str, str], Counter] = {}
    for row in rows:
        if row["status"] != "pass":
            counts.setdefault((row["session"], row["exercise"]), Counter())[row["mistake"] or "not handed in"] += 1
    return {key: c.most_common(3) for key, c in counts.items()}


def bar_chart(items: list[tuple[str, float]]) -> str:
    """Horizontal bars, one per exercise: the share of learners with full marks."""
    width, bar, row_h, label_w = 640, 360, 22, 230
    height = row_h * len(items) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="pass rate per exercise">']
    for i, (label, rate) in enumerate(items):
        y = 5 + i * row_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="13">{html.escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar}" height="{row_h - 8}" fill="#eee"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar * rate:.1f}" height="{row_h - 8}" '
                     f'fill="{"#2e7d32" if rate >= 0.8 else "#f9a825" if rate >= 0.5 else "#c62828"}"/>')
        parts.append(f'<text x="{label_w + bar + 8}" y="{y + 15}" font-size="13">{rate:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
th{background:#f4f4f4}td.num{text-align:right}.pass{color:#2e7d32}.low{color:#c62828}.mid{color:#b26a00}
h2{margin-top:2.2rem}.small{color:#666;font-size:.9rem}li{margin:.2rem 0}"""


def write_html(rows: list[dict], path: Path, *, run: int, seed: int, titles: dict[str, str],
               changes: list, problems: list[str]) -> None:
    learners = list(dict.fromkeys(r["learner"] for r in rows))
    sessions = list(dict.fromkeys(r["session"] for r in rows))
    mistakes = common_mistakes(rows)
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Group report</title>",
           f"<style>{CSS}</style></head><body>",
           "<h1>Group report</h1>",
           f"<p class='small'>run {run} · seed {seed} · {len(learners)} learners · "
           f"{time.strftime('%Y-%m-%d %H:%M')}</p>"]
    if problems:
        out.append("<h2>Submissions that could not be graded</h2><ul>" +
                   "".join(f"<li>{html.escape(p)}</li>" for p in problems) + "</ul>")
    # scores per learner and session
    out.append("<h2>Scores</h2><table><tr><th>learner</th>" +
               "".join(f"<th>{html.escape(s)}</th>" for s in sessions) + "<th>total</th></tr>")
    for learner in learners:
        mine = [r for r in rows if r["learner"] == learner]
        cells, got, best = [], 0.0, 0.0
        for s in sessions:
            part = [r for r in mine if r["session"] == s]
            if not part:
                cells.append("<td class='small'>—</td>")
                continue
            p, m = sum(r["points"] for r in part), sum(r["max_points"] for r in part)
            got, best = got + p, best + m
            cells.append(f"<td class='num {_level(p, m)}'>{p:g}/{m:g}</td>")
        out.append(f"<tr><td>{html.escape(learner)}</td>{''.join(cells)}<td class='num {_level(got, best)}'>{got:g}/{best:g}</td></tr>")
    out.append("</table>")
    if changes:
        out.append("<h2>Scores that changed since the previous run</h2><table><tr><th>learner</th><th>session</th>"
                   "<th>before</th><th>now</th><th>previous run</th></tr>")
        out += [f"<tr><td>{html.escape(l)}</td><td>{html.escape(s)}</td><td class='num'>{a:g}</td><td class='num'>{b:g}</td>"
                f"<td class='num'>{p}</td></tr>" for l, s, a, b, p in changes]
        out.append("</table>")
    # per session: pass rate chart and common mistakes
    for s in sessions:
        part = [r for r in rows if r["session"] == s]
        exercises = list(dict.fromkeys(r["exercise"] for r in part))
        rates = []
        for ex in exercises:
            done = [r for r in part if r["exercise"] == ex]
            rates.append((ex, sum(r["status"] == "pass" for r in done) / len(done)))
        out.append(f"<h2>{html.escape(s)} — {html.escape(titles.get(s, ''))}</h2>")
        out.append("<p class='small'>Share of learners with full marks, per exercise:</p>" + bar_chart(rates))
        out.append("<h3>Most common mistakes</h3>")
        listed = False
        for ex in exercises:
            top = mistakes.get((s, ex))
            if top:
                listed = True
                out.append(f"<p><b>{html.escape(ex)}</b></p><ul>" +
                           "".join(f"<li>{html.escape(name)} — {n} learner{'s' if n > 1 else ''}</li>" for name, n in top) + "</ul>")
        if not listed:
            out.append("<p>None: everyone has full marks.</p>")
    out.append("</body></html>")
    write_atomically(path, "\n".join(out))


def _level(points: float, max_points: float) -> str:
    if max_points and points >= max_points:
        return "pass"
    return "mid" if max_points and points >= 0.5 * max_points else "low"
