"""Finding sessions (sessions/NN-slug/) and what each holds."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from kit.errors import KitError

FOLDER = re.compile(r"^(\d{2})-[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Session:
    name: str        # "01-relu-backprop": the folder, and the id everywhere
    path: Path       # the session folder in the checkout

    @property
    def number(self) -> str:
        return self.name[:2]

    @property
    def title(self) -> str:
        """From the README's first heading, "# Session 01 — ReLU and the chain rule"."""
        readme = self.path / "README.md"
        if readme.exists():
            for line in readme.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    return re.split(r"\s[—–-]\s", line[2:].strip(), maxsplit=1)[-1]
        return self.name[3:].replace("-", " ")

    @property
    def exercises_file(self) -> Path:
        return self.path / "exercises.py"

    @property
    def derivations_file(self) -> Path:
        return self.path / "derivations.py"

    @property
    def slides_file(self) -> Path:
        return self.path / "slides.ipynb"

    @property
    def recorded_file(self) -> Path:
        """A learner edition's expected values, recorded by kit release (kit/recorded.py); none in the course."""
        return self.path / "recorded.pkl"

    @property
    def spec_module(self) -> str:
        """The checks' module name: s01_relu_backprop."""
        return "s" + self.name.replace("-", "_")

    @property
    def checks_file(self) -> Path:
        """The session's check declarations: sessions/NN-slug/checks.py (found by convention)."""
        return self.path / "checks.py"

    def exercise_names(self) -> list[str]:
        """The public functions the learner's stub file defines, in file order."""
        return public_functions(self.exercises_file)


def public_functions(path: Path) -> list[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


def all_stubs(path: Path) -> bool:
    """Whether every public function of a learner's file still only raises NotImplementedError
    (nothing to judge there: its checks are decided without the session's plan). Read as the
    sandbox reads it: a link, a FIFO or a device is not opened as a file (it could block)."""
    from kit.sandbox.sources import Unusable, read_source

    try:
        tree = ast.parse(read_source(path))
    except (Unusable, SyntaxError, ValueError):
        return True
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            body = node.body[1:] if node.body and isinstance(node.body[0], ast.Expr) \
                and isinstance(node.body[0].value, ast.Constant) else node.body
            if not (len(body) == 1 and isinstance(body[0], ast.Raise) and _names(body[0].exc) == "NotImplementedError"):
                return False
    return True


def _names(node) -> str:
    """`NotImplementedError` or `NotImplementedError(...)` → its name."""
    if isinstance(node, ast.Call):
        node = node.func
    return node.id if isinstance(node, ast.Name) else ""


def discover(root: Path) -> list[Session]:
    folder = root / "sessions"
    if not folder.is_dir():
        raise KitError(f"no sessions/ folder in {root}; run the kit from the course checkout")
    return [Session(p.name, p) for p in sorted(folder.iterdir()) if p.is_dir() and FOLDER.match(p.name)]


def resolve(selectors: list[str], root: Path) -> list[Session]:
    """Sessions named by number ("01", "1") or folder name; none means all."""
    known = discover(root)
    if not selectors:
        return known
    chosen: list[Session] = []
    for raw in selectors:
        want = raw.strip().rstrip("/").split("/")[-1]
        match = [s for s in known if s.name == want or (want.isdigit() and s.number == want.zfill(2))]
        if not match:
            names = ", ".join(s.name for s in known) or "none"
            raise KitError(f"unknown session '{raw}'; known sessions: {names} (see `kit list`)")
        if match[0] not in chosen:
            chosen.append(match[0])
    return chosen
