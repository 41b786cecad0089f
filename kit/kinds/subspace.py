"""Answers known only up to sign and up to a basis of tied eigenvalues: eigenvectors, principal
components, coordinates along them (PCA; next, t-SNE's PCA start and the graphical models' spectra).

An eigenvector's sign is free, and inside a set of equal eigenvalues so is the basis. So an answer
is compared on what is determined:

- `eigenpairs`: a function returning (vectors as ROWS (k, D), values (k,)). Its aspects: "variance"
  (the values, largest first), "orthonormal" (vectors @ vectors.T = I), "span" (the projection
  vectors.T @ vectors onto their span, any signs, any basis of a tie), "order" (|cos| of row i with
  reference row i: only on probes whose eigenvalues are well apart), "unchanged" (inputs untouched).
  Each check lists the aspects it judges; list the cheap ones with it, so no constant earns a point.
- `columns_up_to_sign`: an array whose columns are each determined up to sign (coordinates along
  components); the learner's columns are turned to agree with the reference before comparing.

Known mistakes come from `Style.mistakes(*args)` as (words, value, advice); for `eigenpairs` a value is
the pair (vectors or None, values or None), and vectors are compared by the span they project onto.
As everywhere in the kit, a mistake is named only when it explains the answer on two inputs.

Probes: `with_spectrum` draws data whose covariance has chosen eigenvalues; `eig_goes_complex` adds
enough zero eigenvalues that np.linalg.eig returns complex arrays on every seed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from kit import compare, feedback
from kit.judges import Style, prepared, value_finding
from kit.spec import Call, Check, Verdict

EIGH_ORDER = ("np.linalg.eigh returns eigenvalues in ASCENDING order; take the largest first: "
              "order = np.argsort(lam)[::-1][:k]")
EIGH_COLUMNS = "np.linalg.eigh(S) returns the eigenvectors as the COLUMNS of W; here {} are ROWS: W[:, order].T"
EIG_COMPLEX = ("np.linalg.eig leaves complex parts (here for zero or nearly equal eigenvalues); S is symmetric, "
               "so use np.linalg.eigh: real results, orthonormal eigenvectors")
EIG_NOT_ORTHOGONAL = ("np.linalg.eig does not promise orthogonal eigenvectors when eigenvalues are equal or close; "
                      "np.linalg.eigh (or the SVD) does")


# ── probes ──────────────────────────────────────────────────────────────────
def with_spectrum(rng, n, spectrum, d=None, decimals=2, jitter=True):
    """n samples × d features whose covariance (N - 1) has eigenvalues `spectrum` (then zeros).

    Built from orthonormal centred columns, so the spectrum is exact before rounding; rounding to
    `decimals` moves it only slightly (keep gaps wide). With `jitter` the spectrum is scaled by one
    random factor in [0.8, 1.25], so ratios (and ties) stay as given. Means are 5..30, far from 0,
    so that forgetting to centre shows at once.
    """
    spectrum = np.asarray(spectrum, dtype=float) * (rng.uniform(0.8, 1.25) if jitter else 1.0)
    r = len(spectrum)
    d = d or r
    a = rng.normal(size=(n, r))
    q, _ = np.linalg.qr(a - a.mean(axis=0))                  # (n, r): orthonormal, each column sums to 0
    axes, _ = np.linalg.qr(rng.normal(size=(d, r)))          # (d, r): the true principal axes
    x = (q * np.sqrt((n - 1) * spectrum)) @ axes.T + np.round(rng.uniform(5, 30, size=d), 1)
    return x if decimals is None else np.round(x, decimals)


def eig_goes_complex(rng, n, d, spectrum, cov=lambda X: np.cov(X, rowvar=False)):
    """`with_spectrum` data with n samples × d features, d - n + 1 >= 16 zero eigenvalues of cov(X).

    eig is made for any square matrix; on a symmetric S with a zero eigenvalue of multiplicity m its
    rounding errors split that eigenvalue into a cluster holding complex conjugate pairs, unless all
    m land on the real line. Measured over 1500 seeds and five ways of computing S: with m = 4 eig
    was real about half the time, with m = 12 or 13 up to 7 times in 1500, with m >= 16 never. Redrawn
    (rarely, if ever) until eig of cov(X) is complex: the case this probe exists for occurs on every seed.
    """
    if d - n + 1 < 16:
        raise ValueError(f"{n} samples × {d} features leave only {d - n + 1} zero eigenvalues; eig may stay real")
    for _ in range(10):
        X = with_spectrum(rng, n, spectrum, d=d)
        if np.iscomplexobj(np.linalg.eigvals(cov(X))):
            break
    return X


def eig_desc(S):
    """Eigenvalues largest first and their eigenvectors as ROWS (np.linalg.eigh, reordered)."""
    lam, W = np.linalg.eigh(S)
    order = np.argsort(lam)[::-1]
    return lam[order], W[:, order].T


def sign_flipped(rng, V):
    """The same rows with random signs, the first always flipped: both signs are valid."""
    signs = rng.choice([-1.0, 1.0], size=(V.shape[0], 1))
    signs[0] = -1.0
    return V * signs


def align_columns(got, expected):
    """got with each column's sign chosen to agree with expected (the sign is not determined)."""
    signs = np.sign(np.sum(got * expected, axis=0))
    return got * np.where(signs == 0, 1.0, signs)


def span(V):
    """The projection onto the span of V's orthonormal rows: the same for any signs or basis of a tie."""
    return V.T @ V


# ── eigenpairs: (vectors as rows, values) ──────────────────────────────────
def unpack(desc, outputs):
    """(vectors, values, "") as float arrays, or (None, None, what is wrong with the returned value)."""
    if desc.get("kind") not in ("tuple", "list") or desc.get("length") != 2:
        kind = desc.get("kind", "?")
        what = f"a {kind} of {desc.get('length')}" if kind in ("tuple", "list") else ("None" if kind == "None" else f"a {kind}")
        return None, None, f"returned {what}; return the tuple ({', '.join(outputs)})"
    got = []
    for name, item in zip(outputs, desc["items"]):
        arr, problem = compare.received(item)
        if arr is None:
            return None, None, f"{name}: {problem}"
        if arr.dtype.kind == "c":
            return None, None, f"{name} has complex dtype: {EIG_COMPLEX}"
        got.append(arr.astype(float))
    return got[0], got[1], ""


def _say(func, case, style, headline, *, expected=None, got=None, mistake="", advice="", extra=()):
    lines = [f"{func} on {case.label}: {headline}", *feedback.input_lines(style.names, case.args)]
    if expected is not None:
        lines += ["  expected  " + feedback.indented(expected, 12), "  got       " + feedback.indented(got, 12)]
    lines += ["  " + e for e in extra]
    if mistake:
        lines.append("  looks like " + mistake + (f": {advice}" if advice else ""))
    elif advice:
        lines.append("  hint      " + advice)
    if style.formula:
        lines.append(f"  formula   {style.formula}   (see {style.source})")
    return "\n".join(lines)


def _named(got, expected, known, style, others):
    """(mistake, advice) for a wrong `got`, the mistake claimed only if it also explains one of `others`:
    `known` and each of `others` are [(words, predicted value)] and (learner's value, known) pairs."""
    name = compare.looks_like(got, expected, [(n, v) for n, v, _ in known], style.rtol, style.atol)
    if name and not any(compare.looks_like(g, e, [(n, v) for n, v, _ in k], style.rtol, style.atol) == name
                        or any(n == name and compare.explains(g, v, style.rtol, style.atol) for n, v, _ in k)
                        for g, e, k in others):
        return "", style.hint
    return name, next((tip for n, _, tip in known if n == name), "" if name else style.hint)


def eigenpairs(check_id, func, cases, style: Style, aspects, *, axis="eigenvector", sign_note=False,
               unchanged_advice="") -> Check:
    """The learner's (vectors, values) agree with the reference's on `aspects` (see the module's doc).
    `axis` names a reference row in messages ("principal axis"); `sign_note` notes how many rows
    point the other way to the reference's (accepted)."""
    aspects = set(aspects.split() if isinstance(aspects, str) else aspects)
    prepared(cases, style)
    vec_name, val_name = style.outputs or ("vectors", "values")

    def known(case, part, project=lambda v: v):
        return [(n, project(np.asarray(v[part], dtype=float)), tip)
                for n, v, tip in (style.mistakes(*case.args) if style.mistakes else []) if v[part] is not None]

    def judge(outcomes):
        got = [unpack(o["value"], (vec_name, val_name)) for o in outcomes]
        usable = [(c, V, ev) for c, (V, ev, _) in zip(cases, got) if V is not None and V.shape == c.expected[0].shape
                  and ev.shape == c.expected[1].shape and np.isfinite(V).all() and np.isfinite(ev).all()]
        flipped = 0
        for case, outcome, (V, ev, problem) in zip(cases, outcomes, got):
            found = problem_of(case, outcome, V, ev, problem, usable)
            if found:
                return Verdict(False, *found)
            flipped += int(np.sum(np.sum(V * case.expected[0], axis=1) < 0))
        said = (f"{flipped} of your {vec_name} point the opposite way to eigh's; both signs are eigenvectors, "
                f"so both are accepted" if sign_note and flipped else "")
        return Verdict(True, note=said)

    def problem_of(case, outcome, V, ev, problem, usable):
        """(message, "", mistake) for the first aspect `case` fails, else None."""
        k, d = case.expected[0].shape
        say = lambda headline, **kw: _say(func, case, style, headline, **kw)  # noqa: E731
        if V is None:
            return say(problem), "", ""
        if V.shape != (k, d):
            hint = EIGH_COLUMNS.format(vec_name) if V.shape == (d, k) else "one component per row: shape (k, D)"
            return say(f"{vec_name} has shape {V.shape}, expected (k, D) = {(k, d)}", advice=hint), "", ""
        if ev.shape != (k,):
            return say(f"{val_name} has shape {ev.shape}, expected (k,) = {(k,)}",
                       advice="one value per component, the eigenvalue that goes with it"), "", ""
        if not (np.isfinite(V).all() and np.isfinite(ev).all()):
            return say("returned nan or inf where finite values are expected"), "", ""
        others = [(o_V, o_ev, c) for c, o_V, o_ev in usable if c is not case]
        ev_ref = case.expected[1]
        if "variance" in aspects and not compare.close_mask(ev, ev_ref, style.rtol, style.atol).all():
            name, tip = _named(ev, ev_ref, known(case, 1), style, [(e, c.expected[1], known(c, 1)) for _, e, c in others])
            return say(f"wrong {val_name}", expected=feedback.fmt(ev_ref) + "   (eigenvalues, largest first)",
                       got=feedback.fmt(ev), mistake=name, advice=tip), "", name
        if "orthonormal" in aspects:
            gram = V @ V.T
            if not compare.close_mask(gram, np.eye(k), style.rtol, 1e-7).all():
                off = gram - np.diag(np.diag(gram))
                what, tip = (("rows are orthogonal but not unit length", "divide each row by its norm (eigh's "
                              "eigenvectors already have norm 1)") if np.allclose(off, 0, atol=1e-7) else
                             ("rows are not orthogonal", EIG_NOT_ORTHOGONAL))
                return say(f"{vec_name} are not orthonormal: {what}", expected=f"{vec_name} @ {vec_name}.T = identity (k, k)",
                           got=feedback.fmt(gram), extra=[f"row norms {feedback.fmt(np.linalg.norm(V, axis=1))}"],
                           advice=tip), "", ""
        P_ref, P = span(case.expected[0]), span(V)
        if "span" in aspects and not compare.close_mask(P, P_ref, style.rtol, style.atol).all():
            name, tip = _named(P, P_ref, known(case, 0, span), style,
                               [(span(v), span(c.expected[0]), known(c, 0, span)) for v, _, c in others])
            return say(f"your {vec_name} span the wrong subspace", expected=feedback.fmt(P_ref) +
                       f"   ({vec_name}.T @ {vec_name}: the projection onto the span, any signs)",
                       got=feedback.fmt(P), mistake=name, advice=tip), "", name
        if "order" in aspects:
            norms = np.linalg.norm(V, axis=1, keepdims=True)
            if not (norms > 1e-12).all():
                return say(f"a row of {vec_name} is all zeros", advice="each row must be a unit eigenvector"), "", ""
            cos = np.abs((V / norms) @ case.expected[0].T)    # (k, k): |cos| of each of yours with each reference row
            for i in range(k):
                if abs(cos[i, i] - 1) > 1e-6:
                    j = int(np.argmax(cos[i]))
                    other = cos[i, j] > 1 - 1e-6
                    tip = (f"row i goes with {val_name}[i], largest first: sort the eigenvectors with the same index "
                           f"array as the eigenvalues, order = np.argsort(lam)[::-1][:k], then W[:, order].T" if other
                           else "row i must be the eigenvector of the i-th largest eigenvalue")
                    where = f"it is {axis} {j} instead (0 = the largest)" if other else f"it is not any {axis}"
                    return say(f"row {i} of {vec_name} is not {axis} {i}: |cos| = {cos[i, i]:.4g} (1 means the same "
                               f"axis; either sign is fine), {where}", advice=tip), "", ""
        changed = compare.unchanged(case.args, outcome.get("args_after", [])) if "unchanged" in aspects else []
        if changed:
            i = changed[0]
            return feedback.modified_input(exercise=func, case=case.label, name=style.names[i], before=case.args[i],
                                           after=outcome["args_after"][i], advice=unchanged_advice), "", ""
        return None

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge)


# ── columns up to sign ──────────────────────────────────────────────────────
def columns_up_to_sign(check_id, func, cases, style: Style, *, unchanged=False, unchanged_advice="") -> Check:
    """Values as `judges.values` judges them, after each of the learner's columns (and each known
    mistake's) is turned to agree in sign with the reference's column."""

    def aligned(case, outcome):
        got, _ = compare.received(outcome["value"])
        if got is None or got.dtype.kind == "c" or got.shape != np.shape(case.expected):
            return outcome                                   # the plain comparison says what is wrong
        return {**outcome, "value": {"kind": "ndarray", "value": align_columns(got.astype(float), case.expected)}}

    def mistakes(*args):
        case = next(c for c in cases if all(a is b for a, b in zip(c.args, args)))
        return [(n, align_columns(np.asarray(v, dtype=float), case.expected), tip) for n, v, tip in style.mistakes(*args)
                if np.shape(v) == np.shape(case.expected)]

    signed = replace(style, mistakes=mistakes if style.mistakes else None)
    prepared(cases, signed)

    def judge(outcomes):
        turned = [(c, aligned(c, o)) for c, o in zip(cases, outcomes)]
        for case, outcome in turned:
            wrong = value_finding(func, case, outcome, signed, turned)
            if wrong:
                return Verdict(False, wrong.message + "\n  compared  up to the sign of each column (yours turned to match)",
                               mistake=wrong.mistake)
            changed = compare.unchanged(case.args, outcome.get("args_after", [])) if unchanged else []
            if changed:
                i = changed[0]
                return Verdict(False, feedback.modified_input(exercise=func, case=case.label, name=style.names[i],
                                                              before=case.args[i], after=outcome["args_after"][i],
                                                              advice=unchanged_advice))
        return Verdict(True)

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge)
