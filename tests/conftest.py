"""Shared fixtures: grading many learner files through one sandbox, like `kit grade` does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kit import derive, grading
from kit.config import Limits
from kit.sandbox import Sandbox
from kit.sessions import discover

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026


def sessions():
    return discover(ROOT)


def session_named(name):
    return next(s for s in sessions() if s.name == name)


def variants(kind: str, number: str) -> list[Path]:
    """tests/mutants/01/*.py or tests/alternatives/01/*.py."""
    return sorted((ROOT / "tests" / kind / number).glob("*.py"))


def expectation(path: Path) -> dict:
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXPECT":
            return ast.literal_eval(node.value)
    return {}


def overlaid(session, variant: Path, tmp: Path) -> Path:
    """A learner file: the reference answers with the variant's functions defined after them."""
    solution = (ROOT / "solutions" / session.name / "exercises.py").read_text()
    target = tmp / variant.stem / session.name / "exercises.py"
    target.parent.mkdir(parents=True)
    target.write_text(solution + "\n\n# ── variant ──\n" + variant.read_text())
    return target


@pytest.fixture(scope="session")
def sandbox():
    with Sandbox(Limits(timeout=3.0)) as box:
        yield box


@pytest.fixture(scope="session")
def plans():
    """Each session's checks at the test seed, built once."""
    cache = {}

    def get(session):
        if session.name not in cache:
            refs = derive.load(session, ROOT)
            cache[session.name] = grading.plan(session, refs, ROOT, SEED)
        return cache[session.name]

    return get


@pytest.fixture(scope="session")
def grade(sandbox, plans):
    def run(session, learner_file: Path):
        return grading.grade(sandbox, session, plans(session), learner_file)

    return run
