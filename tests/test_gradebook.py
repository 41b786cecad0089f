"""The gradebook: migrations, upserts by check id, integrity, and nothing lost across runs."""

from __future__ import annotations

import sqlite3

import pytest

from kit.errors import KitError
from kit.gradebook import MIGRATIONS, Gradebook
from kit.results import Result


def results(points: float) -> list[Result]:
    return [Result("01-x", "f", "f/values", "pass" if points else "fail", points, 1, ""),
            Result("01-x", "f", "f/shapes", "pass", 1, 1, "")]


def test_gradebook_migrates_to_the_latest_schema(tmp_path):
    book = Gradebook(tmp_path / "g.sqlite")
    assert book.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert book.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    book.close()
    again = Gradebook(tmp_path / "g.sqlite")   # idempotent on reopen
    assert again.integrity() == "ok"


def test_gradebook_upserts_by_check_and_keeps_other_runs(tmp_path):
    book = Gradebook(tmp_path / "g.sqlite")
    book.record_session("01-x", "X", {"f": 2.0})
    first = book.start_run(1, 1, "subs", "h")
    book.record(first, "ann", "01-x", results(0), "h", "d")
    book.record(first, "ann", "01-x", results(1), "h", "d")      # the same run again: replaced, not added
    assert book.db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 2
    assert sum(r.points for r in book.results(first)) == 2
    second = book.start_run(2, 1, "subs", "h")
    book.record(second, "ann", "01-x", results(0), "h", "d")
    assert sum(r.points for r in book.results(first)) == 2          # the earlier run is untouched
    assert book.changes_since_previous(second) == [("ann", "01-x", 2.0, 1.0, first)]


def test_gradebook_resume_finds_the_unfinished_run(tmp_path):
    book = Gradebook(tmp_path / "g.sqlite")
    run = book.start_run(7, 2, "subs", "h")
    book.record_session("01-x", "X", {"f": 2.0})
    book.record(run, "ann", "01-x", results(1), "h", "d")
    assert book.unfinished_run("subs") == (run, 7, "h")
    assert book.graded_pairs(run) == {("ann", "01-x")}
    book.finish_run(run)
    assert book.unfinished_run("subs") is None


def test_a_damaged_gradebook_is_a_clear_error(tmp_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KitError, match="not a usable gradebook"):
        Gradebook(path)
    assert path.read_bytes().startswith(b"this is not sqlite")   # nothing overwritten
