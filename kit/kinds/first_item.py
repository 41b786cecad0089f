"""A function whose output is a tuple of which only the first item is judged.

A forward that returns `(scores, cache)`: the scores are compared with the derivation; the cache is
the learner's own business (only their backward reads it). `first_item(exercise, func, ...)` gives
the exercise back with every call of `func` judged on its first item:

- in `func`'s own checks, a value that is not such a tuple fails, with `hint`;
- in another exercise's checks (a backward compared with central differences of this forward), it
  only voids what depends on it: the call reads as if it had raised, so that check says why it could
  not compare (and does not count), and the forward's own checks carry the blame.
"""

from __future__ import annotations

from dataclasses import replace

from kit.spec import Check, Exercise, Verdict


def first_item(exercise: Exercise, func: str, outputs: tuple, hint: str) -> Exercise:
    """`outputs` names the tuple's items, e.g. ("scores", "cache"); `hint` says how to return them."""
    own = exercise.name == func
    return Exercise(exercise.name, [_on_first(check, func, outputs, hint, own) for check in exercise.checks])


def _phrase(value: dict) -> str:
    return f"a {value.get('kind')} of {value.get('length')}" if "length" in value else f"one {value.get('kind')}"


def _on_first(check: Check, func: str, outputs: tuple, hint: str, own: bool) -> Check:
    at = {i for i, call in enumerate(check.calls) if call.func == func}
    if not at:
        return check
    shape = ("the pair " if len(outputs) == 2 else f"the {len(outputs)}-tuple ") + f"({', '.join(outputs)})"

    def judge(outcomes: list[dict]) -> Verdict:
        firsts = []
        for i, outcome in enumerate(outcomes):
            value = outcome.get("value", {})
            if i in at and outcome.get("status") == "ok":
                if value.get("kind") in ("tuple", "list") and value.get("length") == len(outputs):
                    outcome = {**outcome, "value": value["items"][0]}
                elif own:
                    return Verdict(False, f"{func} returned {_phrase(value)}, expected {shape}\n  hint      {hint}")
                else:
                    outcome = {"status": "raised", "message": f"{func} returned {_phrase(value)}, not {shape}"}
            firsts.append(outcome)
        return check.judge(firsts)

    return replace(check, judge=judge)
