"""The learner edition's references: the values `kit release` recorded at `make check`'s seed.

The course computes expected values from its derivations' NumPy references. The learner edition
holds no reference code: `kit release` builds each session's plan at make check's seed and records,
in order, every value its checks ask the references for while the plan is built (expected values
and bounds, known mistakes' values, what a judge will need from the plan's inputs: all worked out
then, see judges.eager_mistakes). They ship as `sessions/NN-slug/recorded.pkl` (Session.recorded_file).

In the learner edition the plan is built the same way and the n-th value asked for is the n-th
recorded, whatever the last bits of the inputs (another BLAS may round a drawn matrix differently).
Each is also kept under its call on this machine's inputs, so a judge asking again later finds it;
a call on anything else (a learner's own values) is NotRecorded.
"""

from __future__ import annotations

import math
from pathlib import Path

from kit import plans
from kit.errors import KitError
from kit.sessions import Session

FORMAT = 1
_MISSING = object()


class NotRecorded(KitError):
    """A value kit release did not record: a reference asked for on other inputs than the plan's."""


class Recording:
    """kit release's memo: computes each value and keeps (what, value) of every top-level call in order."""

    def __init__(self):
        self.made, self._depth = [], 0

    def value(self, what: str, args: tuple, compute):
        if self._depth:            # inside a value being computed: the learner edition never asks for it
            return compute()
        self._depth += 1
        try:
            value = compute()
        finally:
            self._depth -= 1
        self.made.append((what, gist(args), plans._copied(value)))
        return value


class Replay:
    """A learner edition's memo: while the plan is built, the recorded values in order; then by call."""

    def __init__(self, made: list, session: Session, numpy_then: str = ""):
        self._made, self._next, self._session, self._numpy_then = made, 0, session, numpy_then
        self._by_call: dict = {}

    def value(self, what: str, args: tuple, compute=None):
        mark = plans._fingerprint(what, args)
        if self._next < len(self._made):
            recorded_what, recorded_gist, value = self._made[self._next]
            if recorded_what != what:
                raise KitError(f"{self._session.name}: its checks ask for {_named(what)} where kit release recorded "
                               f"{_named(recorded_what)}; checks.py differs from the released one (restore it)")
            if not _alike(gist(args), recorded_gist):
                raise KitError(self._drawn_otherwise())
            self._next += 1
            self._by_call.setdefault(mark, value)
            return plans._copied(value)
        found = self._by_call.get(mark, _MISSING)
        if found is _MISSING:
            raise NotRecorded(f"{self._session.name}: no recorded value of {_named(what)} on these inputs")
        return plans._copied(found)


    def _drawn_otherwise(self) -> str:
        import numpy as np

        head = f"{self._session.name}: the inputs drawn here are not those kit release recorded values for"
        if np.__version__ != self._numpy_then:
            return (f"{head}: this NumPy ({np.__version__}) is not the one the learner edition was made with "
                    f"({self._numpy_then}); install that one (.venv/bin/pip install numpy=={self._numpy_then}), "
                    f"then make check again")
        return f"{head}: checks.py differs from the released one; restore it from the learner edition you were given"


def gist(args) -> list[float]:
    """A few numbers that tell inputs apart but not the last bits of their rounding: each numeric
    array's sum of magnitudes and size, each number itself."""
    import numpy as np

    out: list[float] = []
    with np.errstate(all="ignore"):
        _gist(args, out, np)
    return out


def _gist(args, out: list, np) -> None:
    for arg in args if isinstance(args, (tuple, list)) else (args,):
        if isinstance(arg, (tuple, list)):
            _gist(arg, out, np)
        elif isinstance(arg, dict):
            _gist(list(arg.values()), out, np)
        elif isinstance(arg, (np.ndarray, np.generic, int, float)) and np.asarray(arg).dtype.kind in "biuf":
            a = np.asarray(arg, dtype=float)
            out += [float(np.abs(a).sum()), float(a.size)]


def _alike(here: list[float], then: list[float]) -> bool:
    # a != a: a nan, from an input that holds one
    return len(here) == len(then) and all(a == b or (a != a and b != b) or math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-12)
                                          for a, b in zip(here, then))


def _named(what: str) -> str:
    return what.split(":", 1)[-1]


class Recorded:
    """What derive.References offers a checks.py, answered from the recording."""

    def __init__(self, data: dict, session: Session):
        self.session, self.seed = session, data["seed"]
        self.kinds, self.formulas, self.elementwise = data["kinds"], data["formulas"], data["elementwise"]
        self.memo = Replay(data["made"], session, data.get("numpy", "?"))

    def __contains__(self, name: str) -> bool:
        return name in self.kinds

    def __getitem__(self, name: str):
        if name not in self.kinds:
            raise KeyError(f"{self.session.name} has no reference named {name!r}")

        def reference(*args):
            return self.memo.value("ref:" + name, args)

        reference.reference_name = name
        return reference


def load(session: Session) -> Recorded | None:
    """The session's recording, or None in the course repository (where there is none)."""
    path = session.recorded_file
    if not path.exists():
        return None
    data = plans.read(path)
    if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("made"), list)
            and all(isinstance(m, tuple) and len(m) == 3 and isinstance(m[0], str) and isinstance(m[1], list)
                    for m in data["made"])
            and all(isinstance(data.get(k), dict) for k in ("kinds", "formulas", "elementwise"))):
        raise KitError(f"{path} is damaged; restore it from the learner edition you were given")
    return Recorded(data, session)


def record(session: Session, root: Path, seed: int) -> tuple[dict, list]:
    """Build the session's plan at `seed` from its derivations, keeping every value it asks for: the
    recording, and the plan."""
    import numpy as np

    from kit import derive, grading

    refs = derive.load(session, root)
    memo = Recording()
    made = grading.plan(session, refs, root, seed, cached=False, memo=memo, eager=True)
    return {"format": FORMAT, "seed": seed, "numpy": np.__version__, "kinds": refs.kinds, "formulas": refs.formulas,
            "elementwise": refs.elementwise, "made": memo.made}, made


def save(session: Session, root: Path, seed: int, target: Path) -> int:
    """Record the session into the learner edition at `target`; its points."""
    import pickle

    data, made = record(session, root, seed)
    path = target / "sessions" / session.name / session.recorded_file.name
    try:
        path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as err:
        raise KitError(f"could not write {path} ({err.strerror}); check the folder's space and permissions") from None
    return int(sum(c.points for ex in made for c in ex.checks))
