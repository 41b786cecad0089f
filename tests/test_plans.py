"""Plans as data (kit/plans.py): a warm plan reuses exactly what a cold one computed, a stale or
foreign file is rebuilt and never trusted, and nothing in a plan file can run code."""

import os
import pickle
import shutil

import numpy as np
import pytest

from conftest import ROOT, sessions
from kit import derive, grading, plans

BUILT = sessions()


def _equal(a, b) -> bool:
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dataclass_fields__"):
        return type(a) is type(b) and all(_equal(getattr(a, k), getattr(b, k)) for k in a.__dataclass_fields__)
    return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)


def _built(session, root, seed, memo):
    refs = derive.load(session, ROOT)
    original = plans.Memo.open
    plans.Memo.open = classmethod(lambda cls, *a: memo)
    try:
        return grading.plan(session, refs, root, seed)
    finally:
        plans.Memo.open = original


@pytest.mark.parametrize("session", BUILT, ids=lambda s: s.name)
def test_a_warm_plan_reuses_every_value_a_fresh_one_computes(session, tmp_path):
    fresh = plans.Memo(None, [])
    _built(session, ROOT, 5, fresh)
    path = tmp_path / "plan.pkl"
    stored = plans.Memo(path, [])
    _built(session, ROOT, 5, stored)
    stored.save()
    warm = plans.Memo(path, plans._read(path))
    exercises = _built(session, ROOT, 5, warm)
    assert warm._reusing and len(warm._made) == len(fresh._made) > 0, "every value found again, none computed"
    for (mark, value), (again, reused) in zip(fresh._made, warm._made):
        assert mark == again and _equal(value, reused)
    assert [c.id for ex in exercises for c in ex.checks], "the warm plan still has its checks"


def test_a_file_that_stops_matching_is_recomputed_from_there_and_rewritten(tmp_path):
    session = next(s for s in BUILT if s.number == "05")   # expected values from long reference runs
    path = tmp_path / "plan.pkl"
    first = plans.Memo(path, [])
    _built(session, ROOT, 2, first)
    first.save()
    stored = plans._read(path)
    k = len(stored) // 2
    tampered = stored[:k] + [(b"x" * 16, np.array(123.0))] + stored[k + 1:]
    path.write_bytes(pickle.dumps(tampered))
    again = plans.Memo(path, plans._read(path))
    _built(session, ROOT, 2, again)
    assert not again._reusing
    assert all(_equal(a[1], b[1]) for a, b in zip(stored, again._made))
    again.save()
    assert [m for m, _ in plans._read(path)] == [m for m, _ in stored]


def test_a_plan_file_cannot_run_code(tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = tmp_path / "plan.pkl"
    path.write_bytes(pickle.dumps([(b"k" * 16, Evil())]))
    assert plans._read(path) == [] and not marker.exists()
    path.write_bytes(b"not a pickle")
    assert plans._read(path) == []


def test_the_key_covers_the_checks_the_derivation_and_the_seed(tmp_path):
    session = BUILT[0]
    copy = tmp_path / "checks.py"
    shutil.copy(session.checks_file, copy)
    base = plans.key(session, copy, 0)
    assert plans.key(session, copy, 1) != base
    copy.write_text(copy.read_text() + "\n# changed\n")
    assert plans.key(session, copy, 0) != base


def test_writing_into_a_reused_value_cannot_change_the_stored_one(tmp_path):
    memo = plans.Memo(None, [])
    memo.value("ref:f", (np.ones(2),), lambda: np.zeros(3))
    warm = plans.Memo(None, memo._made)
    got = warm.value("ref:f", (np.ones(2),), lambda: pytest.fail("recomputed"))
    got[0] = 7.0
    assert memo._made[0][1][0] == 0.0


def test_only_a_few_plan_files_are_kept_per_session(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for seed in range(8):
        (folder / f"01-relu-backprop-{seed}-abc.pkl").write_bytes(b"")
        os.utime(folder / f"01-relu-backprop-{seed}-abc.pkl", (seed, seed))
    (folder / "02-linear-layer-1-abc.pkl").write_bytes(b"")
    memo = plans.Memo(folder / "01-relu-backprop-99-def.pkl", [])
    memo.value("ref:f", (1,), lambda: np.zeros(1))
    memo.save()
    left = sorted(p.name for p in folder.glob("01-*.pkl"))
    assert "01-relu-backprop-99-def.pkl" in left and len(left) == plans.KEEP
    assert "01-relu-backprop-7-abc.pkl" in left and "01-relu-backprop-0-abc.pkl" not in left
    assert (folder / "02-linear-layer-1-abc.pkl").exists()


def test_a_value_that_cannot_be_stored_is_computed_again_not_an_error(tmp_path):
    memo = plans.Memo(tmp_path / "plans" / "01-relu-backprop-1-abc.pkl", [])
    memo.value("expected:f", (1,), lambda: (lambda: 0))     # a function: pickle refuses it
    memo.save()
    assert not list((tmp_path / "plans").glob("*"))
