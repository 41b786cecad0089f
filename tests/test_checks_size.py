"""Checks are declared, not programmed: a session's checks.py says only what is particular to it.
Measured as code lines (not blank, not comments, not docstrings) per exercise, over all sessions."""

from __future__ import annotations

import ast
import io
import tokenize

from conftest import ROOT, sessions
from kit import grading

TARGET = 30


def code_lines(text: str) -> int:
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    lines = set()
    skip = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in skip:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - docstrings)


def test_code_lines_counts_code_only():
    text = '"""doc\nstring"""\n\n# a comment\nx = 1  # trailing\ndef f():\n    """doc"""\n    return (1,\n            2)\n'
    assert code_lines(text) == 4


def test_checks_are_short_per_exercise():
    per_session = {s.name: (code_lines(grading.spec_path(s, ROOT).read_text()), len(s.exercise_names())) for s in sessions()}
    lines, exercises = sum(n for n, _ in per_session.values()), sum(e for _, e in per_session.values())
    assert lines / exercises <= TARGET, {k: round(n / e, 1) for k, (n, e) in per_session.items()}
