"""build/index.html: the course page. Every session with its goals, reading, slides, handout and exercises.

One self-contained HTML file (inline CSS, no scripts, system fonts), so it works from file:// offline.
Titles, learning goals and reading come from each session's README.md.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kit.sessions import Session

INLINE = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Entry:
    session: Session
    goals: list[str]       # HTML fragments
    reading: list[str]
    slides: Path           # where they are or would be
    handout: Path


def bullets(markdown: str, heading: str) -> list[str]:
    """The bullets under `## heading`, each on one line (a bullet's continuation lines are joined)."""
    items: list[str] = []
    inside = blank = False
    for line in markdown.splitlines():
        if line.startswith("#"):
            inside = line.lstrip("#").strip().lower() == heading.lower()
            continue
        if not inside:
            continue
        stripped = line.strip()
        if re.match(r"^[-*+]\s+", line):
            items.append(re.sub(r"^[-*+]\s+", "", line).strip())
        elif stripped and items and (line[:1].isspace() or not blank):
            items[-1] += " " + stripped          # continuation (indented, or right under the bullet)
        blank = not stripped
    return items


def inline(text: str) -> str:
    """Markdown's inline `code`, **bold**, *italics* and [links](url) as HTML; everything else escaped."""
    out, last = [], 0
    for m in INLINE.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        code, bold, em, label, url = m.groups()
        if code is not None:
            out.append(f"<code>{html.escape(code)}</code>")
        elif bold is not None:
            out.append(f"<strong>{inline(bold)}</strong>")
        elif em is not None:
            out.append(f"<em>{inline(em)}</em>")
        else:
            out.append(f'<a href="{html.escape(url, quote=True)}">{inline(label)}</a>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def entry(session: Session, build: Path) -> Entry:
    readme = session.path / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    return Entry(session, [inline(b) for b in bullets(text, "Learning goals")],
                 [inline(b) for b in bullets(text, "Reading")],
                 build / "slides" / f"{session.name}.html", build / "handouts" / f"{session.name}.pdf")


def href(target: Path, start: Path) -> str:
    return quote(Path(os.path.relpath(target.resolve(), start.resolve())).as_posix())


def course_title(root: Path) -> str:
    readme = root / "README.md"
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return "Reading group"


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def render(entries: list[Entry], build: Path, root: Path, title: str) -> str:
    cards = "\n".join(card(e, build, root) for e in entries) or "<p>No sessions yet.</p>"
    return PAGE.format(title=html.escape(title), cards=cards)


def card(e: Entry, build: Path, root: Path) -> str:
    s = e.session
    links = []
    for label, path, make in (("Slides", e.slides, "make slides"), ("Handout (PDF)", e.handout, "make handouts")):
        if path.exists():
            links.append(f'<a class="{label.split()[0].lower()}" href="{href(path, build)}">{label}</a>')
        else:
            links.append(f'<span class="missing">{label}: not built yet, run <code>{make}</code></span>')
    links.append(f'<a class="exercises" href="{href(s.exercises_file, build)}">Exercises</a>')
    links.append(f'<a class="readme" href="{href(s.path / "README.md", build)}">Session notes</a>')
    names = ", ".join(f"<code>{html.escape(n)}</code>" for n in s.exercise_names())
    goals = "".join(f"<li>{g}</li>" for g in e.goals) or "<li>(none listed in README.md)</li>"
    reading = "".join(f"<li>{r}</li>" for r in e.reading) or "<li>(none listed in README.md)</li>"
    return f"""<section class="session" id="session-{s.number}">
  <h2><span class="number">{s.number}</span> {html.escape(s.title)}</h2>
  <p class="links">{' · '.join(links)}</p>
  <div class="columns">
    <div><h3>Learning goals</h3><ul class="goals">{goals}</ul></div>
    <div><h3>Reading</h3><ul class="reading">{reading}</ul></div>
  </div>
  <p class="check">Exercises: {names or 'none yet'}. Fill in <code>{html.escape(shown(s.exercises_file, root))}</code>,
  then check your work with <code>make check S={s.number}</code>.</p>
</section>"""


def write(sessions: list[Session], build: Path, root: Path) -> Path:
    build.mkdir(parents=True, exist_ok=True)
    target = build / "index.html"
    page = render([entry(s, build) for s in sessions], build, root, course_title(root))
    target.write_text(page, encoding="utf-8")
    return target


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
:root {{ --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --accent: #1a5fb4; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem 4rem; color: var(--ink); line-height: 1.5;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }}
h1 {{ font-size: 1.8rem; margin: 0 0 .25rem; }}
.lead {{ color: var(--muted); margin: 0 0 2rem; }}
.session {{ border-top: 1px solid var(--line); padding: 1.25rem 0 .5rem; }}
.session h2 {{ font-size: 1.35rem; margin: 0 0 .5rem; }}
.number {{ display: inline-block; min-width: 2.2rem; padding: 0 .4rem; margin-right: .35rem; border-radius: .3rem;
          background: var(--accent); color: #fff; text-align: center; font-variant-numeric: tabular-nums; }}
.links a {{ color: var(--accent); font-weight: 600; text-decoration: none; }}
.links a:hover {{ text-decoration: underline; }}
.missing {{ color: var(--muted); }}
.columns {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }}
h3 {{ font-size: 1rem; margin: .75rem 0 .25rem; }}
ul {{ margin: 0; padding-left: 1.2rem; }}
li {{ margin: .2rem 0; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; background: #f1f3f4;
        padding: .05em .3em; border-radius: .2em; }}
.check {{ color: var(--muted); }}
footer {{ margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 1rem; color: var(--muted); font-size: .9rem; }}
@media print {{ .links a::after {{ content: " (" attr(href) ")"; font-weight: normal; color: var(--muted); }} }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="lead">One session a week: read, meet, derive, then write the NumPy yourself. Everything on this page
works offline; slides open in any browser (press <code>s</code> for speaker notes, <code>f</code> for full screen).</p>
</header>
<main>
{cards}
</main>
<footer>
<p>Presenting live: <code>make present S=01</code> starts Jupyter with RISE on this machine. Rebuild this page with
<code>make site</code>; <code>make slides</code> and <code>make handouts</code> rebuild the slides and PDFs.</p>
</footer>
</body>
</html>
"""
