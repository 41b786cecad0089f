"""An exercise called through a helper the kit owns.

Some exercises cannot be called with arrays alone: one takes a Python function (a numerical gradient
of f), another takes the cache its own forward built (a backward pass). A helper makes such a call
from plain arguments. The session puts the helper's source in its module-level `HELPERS` string (the
grader defines it in the learner's namespace after their file loads, so it wins over anything of the
same name and the learner cannot edit what is graded), and routes its exercise's calls through it:

    HELPERS = function_helper("_probe_gradient", "numerical_gradient", {"cubic": "np.sum(x ** 3)"})
    gradient = through(d.exercise("numerical_gradient", style, {...}), "_probe_gradient")

A routed call is marked `on_behalf` of the exercise, so the grader treats it as the exercise's own:
a NotImplementedError in it reads "not implemented", as a direct call would, and its failures cost
the exercise, not whoever else is called.
"""

from __future__ import annotations

from dataclasses import replace

from kit.judges import Case, Style, prepared, value_finding
from kit.spec import Call, Check, Exercise, Verdict


def through(exercise: Exercise, helper: str) -> Exercise:
    """The same exercise with every call of it sent to `helper`, with the same arguments."""
    def route(check: Check) -> Check:
        calls = [replace(c, func=helper, on_behalf=c.func) if c.func == exercise.name else c for c in check.calls]
        return replace(check, calls=calls)
    return Exercise(exercise.name, [route(check) for check in exercise.checks])


def function_helper(helper: str, exercise: str, functions: dict[str, str], table: str = "PROBES") -> str:
    """Source of `helper(name, *args)`, which calls `exercise(TABLE[name], *args)`: an exercise that takes
    a function is called with one from a table the kit owns. `functions` maps a name to an expression in x."""
    entries = "".join(f"    {name!r}: lambda x: {body},\n" for name, body in functions.items())
    return f"\n{table} = {{\n{entries}}}\n\n\ndef {helper}(name, *args):\n    return {exercise}({table}[name], *args)\n"


def cache_helper(helper: str, forward: str, backward: str, names: tuple) -> str:
    """Source of `helper(dout, *names, passes=1)`: the learner's forward builds its cache from the
    caller's arrays (as real code does, so a backward that writes into its cache is caught changing
    them), then `passes` backward passes run on that one cache; the last one's result is returned."""
    args = ", ".join(names)
    return (f"\n\ndef {helper}(dout, {args}, passes=1):\n    _, cache = {forward}({args})\n"
            f"    for _ in range(passes):\n        grads = {backward}(dout, cache)\n    return grads\n")


def cache_reused(check_id: str, case: Case, style: Style, advice: str = "") -> Check:
    """Two backward passes on one cache (through a `cache_helper`, routed with `through`): the second
    must be right too. A backward that writes into an array of its cache is right once, then wrong.
    The backward is the exercise named by `check_id` ("two_layer_backward/cache-reused")."""
    backward = check_id.split("/")[0]
    twice = Case(case.args + (2,), "the same input, a second backward pass on the same cache", case.expected)
    prepared([case, twice], style)

    def judge(outcomes: list[dict]) -> Verdict:
        first = value_finding(backward, case, outcomes[0], style)
        if first:
            return Verdict(False, first.message, mistake=first.mistake)
        second = value_finding(backward, twice, outcomes[1], style)
        if second:
            return Verdict(False, second.message + "\n  hint      the first backward pass was right and the second, on "
                           f"the same cache, was not: your backward writes into an array of the cache{advice}",
                           mistake=second.mistake)
        return Verdict(True)

    return Check(check_id, [Call(backward, c.args, c.label, style.names) for c in (case, twice)], judge)
