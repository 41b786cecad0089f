"""session → derivation → probes → sandboxed learner call → comparison → results."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from kit import once, raised
from kit.errors import KitError
from kit.results import Result
from kit.sandbox import ExerciseRun, Job, Sandbox
from kit.sessions import Session
from kit.spec import Exercise, Placeholder, is_array

if TYPE_CHECKING:
    from kit.derive import References

# Why the learner's process ran no exercise of a session: the file itself (a result's kill_reason).
FILE_LEVEL = {"unreadable": "unreadable-file", "load_failed": "load-failed"}

RAISE_JUDGE_ERRORS = False   # `kit --debug`: a judge's own bug shows its traceback

# What happened in the learner's process → the status every check of that exercise gets.
RUN_STATUS = {"timeout": "timeout", "crashed": "error", "load_failed": "error", "missing_file": "missing",
              "unreadable": "error"}


def spec_path(session: Session, root: Path) -> Path:
    """sessions/NN-slug/checks.py (an older checkout may still keep tests/hidden/sNN_slug.py)."""
    if session.checks_file.exists():
        return session.checks_file
    return root / "tests" / "hidden" / f"{session.spec_module}.py"


def plan(session: Session, refs: References, root: Path, seed: int, *, cached: bool = True,
         memo=None, eager: bool = False) -> list[Exercise]:
    """The session's checks, with inputs drawn from `seed` and expected values from `refs`
    (found again in the plan cache when `cached` and fresh; see kit/plans.py). `memo` keeps every
    value asked for instead (kit release's recording, `eager`); a learner edition's `refs` carry their own."""
    import numpy as np

    from kit import outline, plans
    path = spec_path(session, root)
    if not path.exists():
        raise KitError(f"no checks for {session.name} ({session.checks_file} is missing); restore it from the course repository")
    recorded_at = getattr(refs, "seed", None)
    if recorded_at is not None and recorded_at != seed:
        raise KitError(f"this learner edition checks with seed {recorded_at} only (its expected values were recorded "
                       f"for it): run without --seed; other seeds are graded from the course repository")
    spec = importlib.util.spec_from_file_location(f"kit_hidden_{session.spec_module}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # One stream per session, so adding a session never changes another's inputs.
    rng = np.random.default_rng([seed, int(session.number)])
    if memo is None and cached and recorded_at is None:
        memo = plans.Memo.open(root, session, path, seed)
    if memo is not None:
        refs.memo = memo
    from kit.judges import eager_mistakes
    try:
        with eager_mistakes(eager or recorded_at is not None):
            exercises = module.exercises(refs, rng)
    finally:
        if memo is not None:
            refs.memo = None
    made = Plan(exercises, getattr(module, "HELPERS", ""))
    if cached and memo is not None:
        memo.save()
    if cached:
        outline.save(outline.path_for(root, session, path, seed), made)
    return made


class Plan(list):
    """A session's exercises, and the kit-owned helper code injected into each learner's namespace
    after their file loads (so a learner cannot edit what is graded)."""

    def __init__(self, exercises, helpers: str = ""):
        super().__init__(exercises)
        self.helpers = helpers


_CALLS: dict[int, tuple] = {}


def run_order(ex: Exercise) -> list[int]:
    """Indices of the exercise's calls, its own first (they are reported, and blamed, apart);
    worked out once per plan's exercise."""
    def order() -> list[int]:
        calls = ex.calls()
        own = [k for k, c in enumerate(calls) if ex.name in (c.func, c.on_behalf)]
        return own + [k for k in range(len(calls)) if k not in set(own)]
    return once.per_object(_ORDERS, (ex,), order)


_ORDERS: dict = {}


def job_for(exercises: list[Exercise], learner_file: Path, root: Path | None = None) -> Job:
    """The calls of a plan are the same for every learner: built once, and keyed for the lanes.
    A call a phase repeats (checks of one exercise asking the same input) is sent once."""
    entry = _CALLS.get(id(exercises))
    if entry is None or entry[0] is not exercises:
        plan, expand = [], {}
        stored = getattr(exercises, "repeats", None)    # an outline's, read from its job file
        for ex in exercises:
            calls, order = ex.calls(), run_order(ex)
            in_order = [calls[k] for k in order]
            own = sum(1 for c in calls if ex.name in (c.func, c.on_behalf))
            where = (stored.get(ex.name) if stored is not None else repeats(in_order, own)) or list(range(len(in_order)))
            sent = [where.index(at) for at in range(max(where, default=-1) + 1)]   # each outcome's first call
            plan.append((ex.name, [{"func": in_order[k].func, "args": in_order[k].args,
                                    "arrays": [is_array(a) for a in in_order[k].args]} for k in sent],
                         sum(1 for k in sent if k < own)))
            if len(sent) < len(where):
                expand[ex.name] = where
        key = getattr(exercises, "job_key", "") or f"plan-{len(_CALLS)}-{id(exercises)}"
        entry = _CALLS[id(exercises)] = (exercises, plan, key, expand)
    return Job(learner_file, entry[1], entry[2], root, getattr(exercises, "helpers", ""),
               getattr(exercises, "plan_payload", b""), entry[3])


def repeats(calls: list, own: int) -> list[int]:
    """For each call (in run order), the position of its outcome among the calls sent: a call that
    asks what an earlier call of its phase asked (the same function on equal arguments) is not sent
    again. The learner's function runs once per distinct input of a phase (on its own fresh copy, as
    every call does) and that outcome stands for each check that asks it."""
    position: dict = {}
    found = []
    for k, call in enumerate(calls):
        key = _call_key(call, k >= own)
        found.append(position.setdefault(("call", k) if key is None else key, len(position)))
    return found


def _call_key(call, foreign: bool):
    args = _value_key(call.args)
    return None if args is None else (foreign, call.func, call.on_behalf, args)


def _value_key(value):
    """Equal keys, equal inputs to the learner's code (None: never taken as a repeat)."""
    if isinstance(value, Placeholder):   # an outline's: its repeats come from its job file
        return None
    if is_array(value):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if value is None or type(value) in (bool, int, float, str):
        return (type(value).__name__, repr(value))
    if type(value) is tuple:
        items = [_value_key(v) for v in value]
        return None if any(i is None for i in items) else ("tuple", *items)
    return None


def grade(sandbox: Sandbox, session: Session, exercises: list[Exercise], learner_file: Path,
          root: Path | None = None) -> list[Result]:
    runs = sandbox.run(job_for(exercises, learner_file, root))
    return judge(session, exercises, runs)


def grade_many(sandbox: Sandbox, items: list[tuple[Session, list[Exercise], Path]], root: Path | None = None) -> list[list[Result]]:
    """Several sessions of one learner, in one learner process; nothing below `root` is followed if a link."""
    runs = run_many(sandbox, items, root)
    return [judge(session, exercises, r) for (session, exercises, _), r in zip(items, runs)]


def run_many(sandbox: Sandbox, items: list[tuple[Session, list[Exercise], Path]], root: Path | None = None) -> list[dict[str, ExerciseRun]]:
    return sandbox.run_many([job_for(exercises, path, root) for _, exercises, path in items])


def unanswered(runs: dict[str, ExerciseRun]) -> bool:
    """Whether no call returned or raised: every function missing or still NotImplementedError (or
    the file not run at all). Such results need neither a judge nor an input shown."""
    return all(run.state != "ran" or all(o.get("status") in ("not_implemented", "missing") for o in run.outcomes)
               for run in runs.values())


def _in_order(ex: Exercise, run: ExerciseRun) -> list:
    """The outcomes in the exercise's call order (they arrive in run order)."""
    in_order = [None] * len(run.outcomes)
    for slot, k in enumerate(run_order(ex)[:len(run.outcomes)]):
        in_order[k] = run.outcomes[slot]
    return in_order


def judge(session: Session, exercises: list[Exercise], runs: dict[str, ExerciseRun]) -> list[Result]:
    results = []
    for ex in exercises:
        run = runs[ex.name]
        kill = FILE_LEVEL.get(run.state, run.kill_reason)
        cost = {"wall": run.wall, "cpu": run.cpu, "peak_kb": run.peak_kb, "kill_reason": kill}
        if run.state != "ran":
            status = RUN_STATUS[run.state]
            # the file's own problem reads the same for every exercise, so it is said once
            message = run.message if run.state in FILE_LEVEL or run.state == "missing_file" else f"{ex.name}: {run.message}"
            if run.output and run.state in ("crashed", "load_failed"):
                message += "\n  output    " + run.output.strip()[-400:].replace("\n", "\n            ")
            results += [Result(session.name, ex.name, c.id, status, 0, c.points, message, **cost) for c in ex.checks]
            continue
        in_order = _in_order(ex, run)
        position = 0
        for check in ex.checks:
            outcomes = [o for o in in_order[position:position + len(check.calls)] if o is not None]
            position += len(check.calls)
            (status, message, note, mistake), curve = decided(ex, check, outcomes)
            points = check.points if status == "pass" else 0
            results.append(Result(session.name, ex.name, check.id, status, points, check.points, message, note,
                                  mistake=mistake, curve=curve, **cost))
    return results


def verdict_of(ex: Exercise, check, outcomes: list[dict]) -> tuple[str, str, str, str]:
    """(status, message, note, mistake) of one check."""
    return decided(ex, check, outcomes)[0]


def decided(ex: Exercise, check, outcomes: list[dict]) -> tuple[tuple[str, str, str, str], dict | None]:
    """verdict_of, and the curve its judge drew for a plot (None when none or the judge was not asked)."""
    early = early_verdict(ex, check, outcomes)
    if early is not None:
        return early, None
    try:
        verdict = check.judge(outcomes)
    except Exception as err:  # a malformed answer the judge did not foresee: fail this check, say so
        if RAISE_JUDGE_ERRORS:
            raise
        return ("error", f"{check.id}: the answer could not be judged ({type(err).__name__}: {err})", "", ""), None
    status = "pass" if verdict.passed else "fail"
    return (status, verdict.message, verdict.note, "" if verdict.passed else verdict.mistake), verdict.curve


def early_verdict(ex: Exercise, check, outcomes: list[dict]) -> tuple[str, str, str, str] | None:
    """The verdict when the calls alone decide it (a call missing, the exercise's own call raised);
    None when the judge has to look at the answers."""
    if len(outcomes) != len(check.calls):
        return "error", f"{check.id}: the learner's process reported {len(outcomes)} of {len(check.calls)} calls", "", ""
    for call, outcome in zip(check.calls, outcomes):
        if call.may_raise and outcome.get("status") == "raised" and not outcome.get("memory"):
            continue
        if ex.name in (call.func, call.on_behalf) and outcome.get("status") != "ok":
            status, message = raised.not_ok(ex.name, outcome, call.label or "one of the inputs")
            if status == "error" and call.names:
                from kit import feedback   # NumPy: an error shows the input

                message += "\n" + "\n".join(feedback.input_lines(call.names, call.args))
            return status, message, "", raised.raised_mistake(outcome) if status == "error" else ""
    return None
