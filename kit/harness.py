"""What runs inside the learner's process: load the file's definitions, call, report.

Only inputs arrive and only plain values leave (see wire.py); the grader compares in its own
process, so nothing done here, even by a hostile exercise file, can change a verdict.
"""

from __future__ import annotations

import ast
import os
import sys
import time
import warnings

import numpy as np

from kit import wire

MAX_ELEMENTS = 10**6           # a probe has at most 10^4 elements; larger answers are not sent back
REPORT_BUDGET = 8 * 2**20      # bytes of arrays per report; the kit refuses reports over 16 MiB
KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def graded_part(tree: ast.Module) -> ast.Module:
    """Imports, definitions and constants; exploratory cells (prints, plots, calls) are dropped."""
    def constant(node) -> bool:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if value is None:
                return False
            upper = all(isinstance(t, ast.Name) and t.id.isupper() for t in targets)
            try:
                ast.literal_eval(value)
                return True
            except ValueError:
                return upper
        return False

    def kept(node) -> bool:
        if isinstance(node, KEEP) or constant(node):
            return True
        if isinstance(node, ast.Try):  # try: import scipy / except ImportError: ...
            inner = node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
            return all(kept(s) or isinstance(s, ast.Pass) for s in inner)
        return False

    tree.body = [node for node in tree.body if kept(node)]
    return tree


def load(source: str, path: str) -> tuple[dict | None, dict | None]:
    """(namespace, None) or (None, failure) for a file that cannot be loaded."""
    try:
        tree = graded_part(ast.parse(source, filename=path))
        code = compile(tree, path, "exec")
    except SyntaxError as err:
        return None, {"status": "error", "message": f"syntax error in exercises.py line {err.lineno}: {err.msg}"}
    except (ValueError, RecursionError) as err:
        return None, {"status": "error", "message": f"exercises.py cannot be parsed: {err}"}
    namespace = {"__name__": "exercises", "__file__": path}
    _SOURCES[path] = source
    try:
        exec(code, namespace)
    except BaseException as err:  # noqa: BLE001 - learner code may raise anything, even SystemExit
        return None, {"status": "error", "message": f"loading exercises.py failed: {_explain(err, path)}"}
    return namespace, None


def describe(value, depth: int = 0, budget: list | None = None) -> dict:
    """A learner's return value as plain data: its kind, and its numbers when it has any."""
    budget = [REPORT_BUDGET] if budget is None else budget
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            return {"kind": f"ndarray of dtype {value.dtype}"}
        if value.size > MAX_ELEMENTS or value.nbytes > budget[0] or value.ndim > 32:
            return {"kind": "ndarray", "too_large": list(value.shape)[:32]}
        budget[0] -= value.nbytes
        return {"kind": "ndarray", "value": value}
    if isinstance(value, (bool, int, float, complex, np.generic)):
        try:
            array = np.asarray(value)
        except (OverflowError, ValueError):   # an int beyond int64
            return {"kind": type(value).__name__}
        if array.dtype.kind not in "biufc":
            return {"kind": type(value).__name__}
        return {"kind": type(value).__name__, "value": array}
    if isinstance(value, (tuple, list)) and depth == 0:
        return {"kind": type(value).__name__, "length": len(value),
                "items": [describe(v, 1, budget) for v in value[:8]]}
    if isinstance(value, list):
        return {"kind": "list"}
    return {"kind": "None" if value is None else type(value).__name__}


def call(namespace: dict, func: str, args: tuple, budget: list | None = None) -> dict:
    target = namespace.get(func)
    if not callable(target):
        return {"status": "missing"}
    fresh = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", invalid="warn", divide="warn"):
        warnings.simplefilter("always")
        try:
            value = target(*fresh)
        except NotImplementedError as err:
            return {"status": "not_implemented", "message": str(err)[:300]}
        except BaseException as err:  # noqa: BLE001
            return {"status": "raised", "message": _explain(err, namespace.get("__file__")),
                    "memory": isinstance(err, MemoryError)}
        outcome = {"status": "ok", "value": describe(value, 0, budget)}
    outcome["seconds"] = time.perf_counter() - start
    # Only what changed travels back; the grader compares it with its own copy of the input.
    outcome["args_after"] = [a if isinstance(a, _NDARRAY) and not _same(a, b) else None for a, b in zip(fresh, args)]
    outcome["warnings"] = sorted({f"{w.category.__name__}: {str(w.message)[:200]}" for w in caught})[:5]
    return outcome


_NDARRAY = np.ndarray   # bound before learner code loads: patching numpy cannot change these checks


def _same(after, before) -> bool:
    """Bit for bit, with C-level methods only (learner code cannot monkeypatch those)."""
    return (isinstance(before, _NDARRAY) and after.shape == before.shape and after.dtype == before.dtype
            and after.tobytes() == before.tobytes())


def _explain(err: BaseException, path: str | None = None) -> str:
    if isinstance(err, SystemExit):
        code = err.code if isinstance(err.code, (int, str, type(None))) else type(err.code).__name__
        return f"called sys.exit({repr(code)[:100]})"
    if isinstance(err, MemoryError):
        return "memory limit exceeded (MemoryError)"
    try:
        text = str(err)[:300]
    except BaseException:  # noqa: BLE001 - a learner's exception may fail even to print
        text = ""
    said = f"{type(err).__name__}: {text}" if text else type(err).__name__
    return said + _where(err, path)


def _where(err: BaseException, path: str | None) -> str:
    """The last line of the learner's own file the exception passed through, with its text."""
    line, tb = None, err.__traceback__
    while tb is not None:
        if path and tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None or path not in _SOURCES:
        return ""
    lines = _SOURCES[path].splitlines()
    text = lines[line - 1].strip()[:120] if 0 < line <= len(lines) else ""
    return f" (exercises.py line {line}: {text})" if text else f" (exercises.py line {line})"


_SOURCES: dict[str, str] = {}


def run(job: dict, out_fd: int) -> None:
    """For each part (a session's file): load it, then run each exercise's calls, one report per phase.

    An exercise's own calls come first and are reported on their own ("own"); calls of other
    functions (a backward checked against the learner's forward) follow as a second report
    ("foreign"), so a forward that hangs or crashes is not blamed on the backward."""
    def send(message: dict) -> None:
        data = wire.frame(wire.dumps_report(message))
        view = memoryview(data)
        while view:
            view = view[os.write(out_fd, view):]

    before = set(sys.modules)   # the kit's own modules: only what a learner's file imported can be theirs
    folders: set[str] = set()
    for part in job["parts"]:
        index = part["part"]
        folder = os.path.dirname(part["path"])
        folders.add(folder)
        sys.path.insert(0, folder)
        # A module from any learner folder (this session's or an earlier one's `helpers.py`) is imported
        # afresh: one session's helper module must not stand in for the next one's.
        for name in [m for m in set(sys.modules) - before if getattr(sys.modules.get(m), "__file__", None) and
                     os.path.dirname(str(sys.modules[m].__file__)) in folders]:
            del sys.modules[name]
        namespace, failure = load(part["source"], part["path"])
        if namespace is not None and part.get("helpers"):
            # the kit's own helpers, after the learner's file: they win over anything of the same name
            exec(compile(part["helpers"], "<kit helpers>", "exec"), namespace)
        if failure:
            send({"event": "load_failed", "part": index, **failure})
            _forget(folder)
            continue
        send({"event": "loaded", "part": index})
        for exercise in part["exercises"]:
            name, calls, own = exercise["name"], exercise["calls"], exercise["own"]
            exhausted = None
            for phase, batch in (("own", calls[:own]), ("foreign", calls[own:])):
                if phase == "foreign" and not batch:
                    break
                outcomes, budget = [], [REPORT_BUDGET]
                for c in batch:
                    if exhausted and c["func"] == name:
                        outcomes.append(exhausted)   # one memory blow-up says it all; don't repeat it per input
                        continue
                    outcome = call(namespace, c["func"], tuple(c["args"]), budget)
                    if outcome.get("memory") and c["func"] == name:
                        exhausted = outcome
                    outcomes.append(outcome)
                send({"event": "exercise", "part": index, "name": name, "phase": phase, "outcomes": outcomes})
        _forget(folder)
    sys.stdout.flush()


def _forget(folder: str) -> None:
    try:
        sys.path.remove(folder)
    except ValueError:
        pass   # the learner's code took it out already
