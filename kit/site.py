"""build/index.html: the course page. Every session with its goals, reading, slides, handout and exercises.

One self-contained HTML file (inline CSS, no scripts, system fonts), so it works from file:// offline.
Titles, learning goals and reading come from each session's README.md, parsed with markdown-it-py
(raw HTML in a README is escaped, not passed through). Everything the page links to is inside the
build folder, so build/ can be published as a website as it is: next to slides/ and handouts/, each
session's exercises.py and derivations.py are copied to build/sessions/NN-slug/ and its README.md is
rendered there as README.html.
"""

from __future__ import annotations

import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kit.sessions import Session

COPIED = ("exercises.py", "derivations.py")   # what a session's card and notes link to, copied as they are


@dataclass(frozen=True)
class Entry:
    session: Session
    goals: list[str]       # HTML fragments
    reading: list[str]
    slides: Path           # where they are or would be
    handout: Path


def markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def bullets(text: str, heading: str) -> list[str]:
    """The items of the first list under the heading `heading` (any level), each rendered as HTML."""
    md = markdown()
    tokens = md.parse(text)
    inside, items = False, []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            inside = tokens[i + 1].content.strip().lower() == heading.lower()
        elif inside and token.type in ("bullet_list_open", "ordered_list_open"):
            depth = token.level + 1
            j = i + 1
            while tokens[j].type not in ("bullet_list_close", "ordered_list_close") or tokens[j].level != token.level:
                if tokens[j].type == "list_item_open" and tokens[j].level == depth:
                    end = next(k for k in range(j + 1, len(tokens))
                               if tokens[k].type == "list_item_close" and tokens[k].level == depth)
                    items.append(md.renderer.render(tokens[j + 1:end], md.options, {}).strip())
                    j = end
                j += 1
            return items
    return items


def page_of(text: str, title: str) -> str:
    """A README as a page of its own, in the course page's style."""
    return NOTES.format(title=html.escape(title), body=markdown().render(text), style=STYLE)


def publish(session: Session, build: Path) -> Path:
    """build/sessions/NN-slug/: the session's exercises and derivations, and README.html."""
    folder = build / "sessions" / session.name
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (session.path / name).is_file():
            shutil.copyfile(session.path / name, folder / name)
    readme = session.path / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# {session.title}\n"
    (folder / "README.html").write_text(page_of(text, session.title), encoding="utf-8")
    return folder


def entry(session: Session, build: Path) -> Entry:
    readme = session.path / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    return Entry(session, bullets(text, "Learning goals"), bullets(text, "Reading"),
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
    return PAGE.format(title=html.escape(title), cards=cards, style=STYLE)


def card(e: Entry, build: Path, root: Path) -> str:
    s = e.session
    links = []
    for label, path, make in (("Slides", e.slides, "make slides"), ("Handout (PDF)", e.handout, "make handouts")):
        if path.exists():
            links.append(f'<a class="{label.split()[0].lower()}" href="{href(path, build)}">{label}</a>')
        else:
            links.append(f'<span class="missing">{label}: not built yet, run <code>{make}</code></span>')
    published = build / "sessions" / s.name
    links.append(f'<a class="exercises" href="{href(published / "exercises.py", build)}">Exercises</a>')
    links.append(f'<a class="readme" href="{href(published / "README.html", build)}">Session notes</a>')
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
    for s in sessions:
        publish(s, build)
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
{style}
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

STYLE = """:root { --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --accent: #1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem 4rem; color: var(--ink); line-height: 1.5;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; background: #f1f3f4;
       padding: .05em .3em; border-radius: .2em; }"""

NOTES = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<p><a href="../../index.html">← all sessions</a></p>
{body}
</body>
</html>
"""
