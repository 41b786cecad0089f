"""The gradebook: migrations, upserts by check id, integrity, and nothing lost across runs."""

from __future__ import annotations

import sqlite3

import pytest

from kit.errors import KitError
from kit.gradebook import MAX_CURVE, MIGRATIONS, Gradebook
from kit.results import CURVE_POINTS, Result


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


def curve(n: int, label: str = "an input") -> dict:
    x = [i / 7 - 3 for i in range(n)]
    return {"x": x, "expected": [max(v, 0.0) for v in x], "got": [abs(v) for v in x], "label": label}


def test_gradebook_keeps_a_results_curve_and_replaces_it_on_upsert(tmp_path):
    book = Gradebook(tmp_path / "g.sqlite")
    run = book.start_run(1, 1, "subs", "h")
    small = curve(6)
    small["got"][2] = float("nan")   # not finite: kept as None
    book.record(run, "ann", "01-x", [Result("01-x", "f", "f/values", "fail", 0, 1, "m", curve=small),
                                     Result("01-x", "f", "f/shapes", "pass", 1, 1, "")], "h", "d")
    back = {r.check: r.curve for r in book.results(run)}
    assert back["f/shapes"] is None
    assert back["f/values"]["x"] == pytest.approx(small["x"], rel=1e-5)   # kept to 6 significant digits
    assert back["f/values"]["expected"] == pytest.approx(small["expected"], rel=1e-5)
    got = back["f/values"]["got"]
    assert got[2] is None and got[:2] + got[3:] == pytest.approx(small["got"][:2] + small["got"][3:], rel=1e-5)
    assert back["f/values"]["label"] == small["label"]
    book.record(run, "ann", "01-x", [Result("01-x", "f", "f/values", "pass", 1, 1, "", curve=curve(5, "again"))], "h", "d")
    assert {r.check: r.curve for r in book.results(run)}["f/values"]["label"] == "again"


def test_gradebook_caps_a_large_curve(tmp_path):
    book = Gradebook(tmp_path / "g.sqlite")
    run = book.start_run(1, 1, "subs", "h")
    big = curve(5000, "x" * 10_000)
    book.record(run, "ann", "01-x", [Result("01-x", "f", "f/values", "fail", 0, 1, "", curve=big)], "h", "d")
    stored = book.db.execute("SELECT curve FROM results").fetchone()[0]
    assert 0 < len(stored) <= MAX_CURVE
    kept = book.results(run)[0].curve
    assert len(kept["x"]) == CURVE_POINTS and len(kept["label"]) < len(big["label"])
    assert kept["x"][0] == big["x"][0] and kept["x"][-1] == pytest.approx(big["x"][-1], rel=1e-5)
    assert kept["x"] == sorted(kept["x"])


def test_gradebook_without_curves_migrates_and_keeps_its_results(tmp_path):
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        old.executescript(script)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("INSERT INTO runs (id, started, seed, status, tests_hash) VALUES (1, 0, 1, 'finished', 'h')")
    old.execute("INSERT INTO results (run, learner, session, exercise, check_id, status, points, max_points, message, "
                "tests_hash, derivations_hash, mistake) VALUES (1, 'ann', '01-x', 'f', 'f/values', 'pass', 1, 1, '', 'h', 'd', '')")
    old.commit()
    old.close()
    book = Gradebook(path)
    assert book.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    (before,) = book.results(1)
    assert before.check == "f/values" and before.curve is None
    book.record(1, "ann", "01-x", [Result("01-x", "f", "f/values", "fail", 0, 1, "", curve=curve(8))], "h", "d")
    assert book.results(1)[0].curve["x"] == pytest.approx(curve(8)["x"], rel=1e-5)
    assert book.integrity() == "ok"
