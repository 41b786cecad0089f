"""Hidden tests for session 06: covariance, PCA, projection, reconstruction, explained variance.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.

PCA's answer is not unique: each component's sign is free, and so is the basis inside a set of
tied eigenvalues. The pca and pca_2d checks therefore compare only what is determined: the
explained variances, the projection matrix components.T @ components onto the span, whether the
rows are orthonormal, |cos| between matching components (only on probes whose eigenvalues are
well apart), and 2-D coordinates up to the sign of each column. project and reconstruct receive
their components as inputs, so their answers are unique and are compared directly.

Probes are synthetic "users": correlated features with a chosen spectrum and means far from 0,
so that forgetting to centre, or dividing by N, shows at once.
"""

import numpy as np

from kit import compare, feedback
from kit.judges import Case, Style, values
from kit.spec import Call, Check, Exercise, Verdict

SOURCE = "sessions/06-pca-svd/derivations.py"
RTOL, ATOL = 1e-6, 1e-8      # eigh of S vs the SVD of Xc agree to ~1e-13 on these well-conditioned probes

EIGH_ORDER = ("np.linalg.eigh returns eigenvalues in ASCENDING order; take the largest first: "
              "order = np.argsort(lam)[::-1][:k]")
COLUMNS = "np.linalg.eigh(S) returns the eigenvectors as the COLUMNS of W; here components are ROWS: W[:, order].T"
CENTRE = "subtract X.mean(axis=0) first; X.T @ X / (N - 1) equals S + N/(N - 1) · mean mean^T, not S"
BY_N = "the covariance divides by N - 1, like np.cov (ddof=1); np.var and np.mean divide by N"
CENTRE_COPY = "X -= X.mean(axis=0) centres the caller's array; build a new one: Xc = X - X.mean(axis=0)"


# ── probes: synthetic users ─────────────────────────────────────────────────
def users(rng, n, spectrum, d=None, decimals=2):
    """n users × d features whose covariance has eigenvalues `spectrum` (then zeros).

    The data are built from orthonormal, centred columns, so the spectrum is exact before
    rounding; rounding to `decimals` moves it only slightly (keep gaps wide). Means are 5..30.
    """
    spectrum = np.asarray(spectrum, dtype=float)
    r = len(spectrum)
    d = d or r
    a = rng.normal(size=(n, r))
    q, _ = np.linalg.qr(a - a.mean(axis=0))                  # (n, r): orthonormal, each column sums to 0
    axes, _ = np.linalg.qr(rng.normal(size=(d, r)))          # (d, r): the true principal axes
    x = (q * np.sqrt((n - 1) * spectrum)) @ axes.T + np.round(rng.uniform(5, 30, size=d), 1)
    return x if decimals is None else np.round(x, decimals)


def spread(rng, spectrum):
    """The spectrum scaled by a random factor in [0.8, 1.25]: gaps stay wide (ratios >= 2 between values)."""
    return np.asarray(spectrum, dtype=float) * rng.uniform(0.8, 1.25)


def wide_users(rng, cov, n, d, spectrum):
    """n users × d features with d - n + 1 >= 16 zero eigenvalues of S: where np.linalg.eig goes complex.

    eig is made for any square matrix; on a symmetric S with a zero eigenvalue of multiplicity m its
    rounding errors split that eigenvalue into a cluster that holds complex conjugate pairs, unless
    all m land on the real line. Measured here over 1500 seeds and five ways of computing S: with
    m = 4 (5 users × 8 features) eig was real about half the time, so the mistake was caught on half
    the seeds; with m = 12 or 13 up to 7 times in 1500; with m >= 16 never. Redrawn (rarely, if
    ever) until eig of the derivation's own S is complex: the case this probe exists for occurs on
    every seed.
    """
    if d - n + 1 < 16:
        raise ValueError(f"{n} users × {d} features leave only {d - n + 1} zero eigenvalues; eig may stay real")
    for _ in range(10):
        X = users(rng, n, spread(rng, spectrum), d=d)
        if np.iscomplexobj(np.linalg.eigvals(cov(X))):
            break
    return X


def eig_desc(S):
    lam, W = np.linalg.eigh(S)
    order = np.argsort(lam)[::-1]
    return lam[order], W[:, order].T                          # descending values, eigenvectors as rows


def sign_flipped(rng, V):
    """The same components with random signs, at least one flipped: both signs are valid."""
    signs = rng.choice([-1.0, 1.0], size=(V.shape[0], 1))
    signs[0] = -1.0
    return V * signs


# ── messages ────────────────────────────────────────────────────────────────
def show_input(names, args) -> str:
    return "\n".join(feedback.input_lines(names, args))


def message(func, case, names, headline, *, expected=None, got=None, mistake="", advice="", formula="", extra=()):
    lines = [f"{func} on {case.label}: {headline}", show_input(names, case.args)]
    if expected is not None:
        lines += ["  expected  " + expected, "  got       " + got]
    lines += ["  " + e for e in extra]
    if mistake:
        lines.append("  looks like " + mistake + (f": {advice}" if advice else ""))
    elif advice:
        lines.append("  hint      " + advice)
    if formula:
        lines.append(f"  formula   {formula}   (see {SOURCE})")
    return "\n".join(lines)


def compare_named(got, expected, mistakes, rtol=RTOL, atol=ATOL):
    """None when close; else (mistake name or "", its advice) for the first named mistake it matches."""
    if got.shape == np.shape(expected) and compare.close_mask(got, expected, rtol, atol).all():
        return None
    name = compare.looks_like(got, expected, [(n, v) for n, v, _ in mistakes], rtol, atol)
    return name, next((tip for n, _, tip in mistakes if n == name), "")


def shape_advice_check(check: Check, advice) -> Check:
    """The same values() check; a wrong-shape failure also gets advice(args, got_shape) as a hint."""
    inner = check.judge

    def judge(outcomes):
        verdict = inner(outcomes)
        if verdict.passed or "returned shape" not in verdict.message:
            return verdict
        for call, outcome in zip(check.calls, outcomes):
            got, _ = compare.received(outcome.get("value", {}))
            tip = advice(call.args, got.shape) if got is not None else ""
            if tip and f"on {call.label}:" in verdict.message:
                text = verdict.message.replace("\n  formula", f"\n  hint      {tip}\n  formula", 1)
                return Verdict(False, text if text != verdict.message else verdict.message + "\n  hint      " + tip)
        return verdict

    return Check(check.id, check.calls, judge, check.points)


# ── pca: a custom judge that compares only what is determined ───────────────
class PcaCase(Case):
    """args (X, k); expected (components, variances) from the reference; known mistakes precomputed."""

    def __init__(self, refs, X, k, label):
        V, ev = refs["pca"](X, k)
        super().__init__((X, k), label, (V, ev))
        n = X.shape[0]
        S = refs["covariance"](X)
        lam, rows = eig_desc(S)
        lam_u, rows_u = eig_desc(np.asarray(X, float).T @ np.asarray(X, float) / (n - 1))
        lam_asc, asc_w = np.linalg.eigh(S)                    # eigh's own W, columns ascending
        desc_idx = np.argsort(lam_asc)[::-1][:k]
        self.ev_mistakes = [
            ("the k largest eigenvalues in ascending order", lam[:k][::-1], EIGH_ORDER),
            ("the k smallest eigenvalues", np.sort(lam)[:k], EIGH_ORDER),
            ("the data was not centred", lam_u[:k], CENTRE),
            ("divided by N instead of N - 1", lam[:k] * (n - 1) / n, BY_N),
            ("singular values of Xc, not variances", np.sqrt(np.clip((n - 1) * lam[:k], 0, None)),
             "the SVD Xc = U diag(s) Vt gives variances s**2 / (N - 1)")]
        projector = lambda M: M.T @ M                         # noqa: E731 - the span of M's rows
        self.span_mistakes = [
            ("the eigenvectors of the k smallest eigenvalues", projector(rows[::-1][:k]), EIGH_ORDER),
            ("the data was not centred", projector(rows_u[:k]), CENTRE),
            ("rows of eigh's W taken as eigenvectors", projector(asc_w[desc_idx]), COLUMNS)]
        self.rows = rows


def unpack_pca(desc):
    """(components, variances, "") or (None, None, what is wrong with the returned value)."""
    if desc.get("kind") not in ("tuple", "list") or desc.get("length") != 2:
        kind = desc.get("kind", "?")
        what = f"a {kind} of {desc.get('length')}" if kind in ("tuple", "list") else ("None" if kind == "None" else f"a {kind}")
        return None, None, f"returned {what}; return the tuple (components, explained_variance)"
    got = []
    for name, item in zip(("components", "explained_variance"), desc["items"]):
        arr, problem = compare.received(item)
        if arr is None:
            return None, None, f"{name}: {problem}"
        if arr.dtype.kind == "c":
            return None, None, (f"{name} has complex dtype: np.linalg.eig leaves complex parts (here for zero or "
                                f"nearly equal eigenvalues); S is symmetric, so use np.linalg.eigh: real results, "
                                f"orthonormal eigenvectors")
        got.append(arr.astype(float))
    return got[0], got[1], ""


PCA_NAMES = ("X", "k")


def pca_problem(case: PcaCase, outcome: dict, aspects: set, formula: str) -> str:
    X, k = case.args
    V_ref, ev_ref = case.expected
    d = X.shape[1]
    V, ev, problem = unpack_pca(outcome["value"])
    say = lambda headline, **kw: message("pca", case, PCA_NAMES, headline, formula=formula, **kw)  # noqa: E731
    if V is None:
        return say(problem)
    if V.shape != (k, d):
        hint = COLUMNS if V.shape == (d, k) else "one component per row: shape (k, D)"
        return say(f"components has shape {V.shape}, expected (k, D) = {(k, d)}", advice=hint)
    if ev.shape != (k,):
        return say(f"explained_variance has shape {ev.shape}, expected (k,) = {(k,)}",
                   advice="one variance per component, the eigenvalue that goes with it")
    if not (np.isfinite(V).all() and np.isfinite(ev).all()):
        return say("returned nan or inf where finite values are expected")
    if "variance" in aspects:
        wrong = compare_named(ev, ev_ref, case.ev_mistakes)
        if wrong:
            return say("wrong explained_variance", expected=feedback.fmt(ev_ref) + "   (eigenvalues of S, largest first)",
                       got=feedback.fmt(ev), mistake=wrong[0], advice=wrong[1])
    if "orthonormal" in aspects:
        gram = V @ V.T
        if not compare.close_mask(gram, np.eye(k), RTOL, 1e-7).all():
            norms = np.linalg.norm(V, axis=1)
            off = gram - np.diag(np.diag(gram))
            if np.allclose(off, 0, atol=1e-7):
                what, tip = "rows are orthogonal but not unit length", "divide each row by its norm (eigh's eigenvectors already have norm 1)"
            else:
                what, tip = ("rows are not orthogonal", "np.linalg.eig does not promise orthogonal eigenvectors when eigenvalues "
                             "are equal or close; np.linalg.eigh (or the SVD) does")
            return say(f"components are not orthonormal: {what}", expected="components @ components.T = identity (k, k)",
                       got=feedback.fmt(gram), extra=[f"row norms {feedback.fmt(norms)}"], advice=tip)
    if "span" in aspects:
        P_ref, P = V_ref.T @ V_ref, V.T @ V
        wrong = compare_named(P, P_ref, case.span_mistakes)
        if wrong:
            return say("your components span the wrong subspace",
                       expected=feedback.fmt(P_ref) + "   (components.T @ components: the projection onto the span, any signs)",
                       got=feedback.fmt(P), mistake=wrong[0], advice=wrong[1])
    if "order" in aspects:
        norms = np.linalg.norm(V, axis=1, keepdims=True)
        if not (norms > 1e-12).all():
            return say("a component is all zeros", advice="each row must be a unit eigenvector of S")
        cos = np.abs((V / norms) @ V_ref.T)                     # (k, k): |cos| of each of yours with each principal axis
        for i in range(k):
            if not abs(cos[i, i] - 1) <= 1e-6:
                j = int(np.argmax(cos[i]))
                tip = ("row i goes with explained_variance[i], largest first: sort the eigenvectors with the same "
                       "index array as the eigenvalues, order = np.argsort(lam)[::-1][:k], then W[:, order].T"
                       if cos[i, j] > 1 - 1e-6 else
                       "row i must be the eigenvector of the i-th largest eigenvalue of S = covariance(X)")
                where = (f"it is principal axis {j} instead (0 = largest variance)" if cos[i, j] > 1 - 1e-6 else
                         "it is not any principal axis")
                return say(f"row {i} of components is not principal axis {i}: |cos| = {cos[i, i]:.4g} (1 means the same "
                           f"axis; either sign is fine), {where}", advice=tip)
    if "unchanged" in aspects:
        changed = compare.unchanged(case.args, outcome.get("args_after", []))
        if changed:
            return feedback.modified_input(exercise="pca", case=case.label, name="X", before=X,
                                           after=outcome["args_after"][0], advice=CENTRE_COPY)
    return ""


def pca_check(check_id, cases, aspects, formula, note=False):
    calls = [Call("pca", c.args, c.label, PCA_NAMES) for c in cases]

    def judge(outcomes):
        flipped = 0
        for case, outcome in zip(cases, outcomes):
            if outcome.get("status") != "ok":
                return Verdict(False, feedback.not_ok("pca", outcome, case.label)[1])
            problem = pca_problem(case, outcome, set(aspects), formula)
            if problem:
                return Verdict(False, problem)
            V = unpack_pca(outcome["value"])[0]
            flipped += int(np.sum(np.sum(V * case.expected[0], axis=1) < 0))
        said = (f"{flipped} of your components point the opposite way to eigh's; both signs are eigenvectors, "
                f"so both are accepted" if note and flipped else "")
        return Verdict(True, note=said)

    return Check(check_id, calls, judge)


# ── pca_2d: coordinates up to the sign of each column ───────────────────────
def align_columns(got, expected):
    """got with each column's sign chosen to agree with expected (the sign is not determined)."""
    signs = np.sign(np.sum(got * expected, axis=0))
    return got * np.where(signs == 0, 1.0, signs)


def pca_2d_check(check_id, cases, mistakes_of, formula, unchanged=False):
    calls = [Call("pca_2d", c.args, c.label, ("X",)) for c in cases]

    def judge(outcomes):
        for case, outcome in zip(cases, outcomes):
            if outcome.get("status") != "ok":
                return Verdict(False, feedback.not_ok("pca_2d", outcome, case.label)[1])
            say = lambda headline, **kw: message("pca_2d", case, ("X",), headline, formula=formula, **kw)  # noqa: E731
            got, problem = compare.received(outcome["value"])
            expected = case.expected
            if got is None:
                return Verdict(False, say(problem))
            if got.dtype.kind == "c":
                return Verdict(False, say("returned complex numbers", advice="use np.linalg.eigh (or the SVD), not eig"))
            if got.shape != expected.shape:
                hint = "looks transposed: one row per user, one column per component" if got.shape == expected.shape[::-1] else \
                       "one row per user, two columns (the top two components)"
                return Verdict(False, say(f"returned shape {got.shape}, expected (N, 2) = {expected.shape}", advice=hint))
            got = got.astype(float)
            if not np.isfinite(got).all():
                return Verdict(False, say("returned nan or inf where finite values are expected"))
            aligned = align_columns(got, expected)
            if not compare.close_mask(aligned, expected, RTOL, ATOL).all():
                known = [(n, align_columns(v, expected), tip) for n, v, tip in mistakes_of(*case.args)
                         if np.shape(v) == expected.shape]
                wrong = compare_named(aligned, expected, known)
                return Verdict(False, say("wrong coordinates (compared up to the sign of each column)",
                                          expected=feedback.fmt(expected), got=feedback.fmt(aligned) + "   (your columns, signs matched)",
                                          mistake=wrong[0], advice=wrong[1]))
            if unchanged and compare.unchanged(case.args, outcome.get("args_after", [])):
                return Verdict(False, feedback.modified_input(exercise="pca_2d", case=case.label, name="X", before=case.args[0],
                                                              after=outcome["args_after"][0], advice=CENTRE_COPY))
        return Verdict(True)

    return Check(check_id, calls, judge)


def exercises(refs, rng):
    cov, pca, proj, recon = refs["covariance"], refs["pca"], refs["project"], refs["reconstruct"]
    ratio, p2d = refs["explained_variance_ratio"], refs["pca_2d"]

    # ── covariance(X) ────────────────────────────────────────────────────────
    def cov_mistakes(X):
        X = np.asarray(X, dtype=float)
        n = X.shape[0]
        return [("the data was not centred", X.T @ X / (n - 1), CENTRE),
                ("divided by N instead of N - 1", cov(X) * (n - 1) / n, BY_N)]

    def cov_shape_advice(args, got_shape):
        n, d = np.shape(args[0])
        if got_shape == (n, n) and n != d:
            return ("that is one row/column per USER: X is (N, D) with users in rows, so S = Xc.T @ Xc / (N - 1) is "
                    "(D, D); np.cov(X) treats rows as variables, np.cov(X, rowvar=False) does not")
        if got_shape == () and d == 1:
            return "np.cov returns a 0-d array when D == 1; S is always (D, D): np.atleast_2d(...)"
        return ""

    cov_style = Style(("X",), refs.formulas["covariance"], SOURCE, elementwise=False, mistakes=cov_mistakes)

    def ccase(label, X):
        return Case((X,), label, cov(X))

    c_ord = [ccase("8 users × 3 correlated features", users(rng, 8, spread(rng, [9.0, 3.0, 0.8]))),
             ccase("12 users × 4 correlated features", users(rng, 12, spread(rng, [16.0, 5.0, 2.0, 0.5])))]
    covariance = Exercise("covariance", [
        shape_advice_check(values("covariance/values", "covariance", c_ord, cov_style), cov_shape_advice),
        shape_advice_check(values("covariance/shapes", "covariance", [c_ord[0]] + [
            ccase(label, X) for label, X in [
                ("one feature (D = 1)", users(rng, 6, [4.0])),
                ("two users (N = 2, the smallest N - 1 allows)", users(rng, 2, [2.5], d=3)),
                ("more features than users (N = 4, D = 6)", users(rng, 4, spread(rng, [8.0, 2.0, 0.5]), d=6)),
                ("an integer array", np.rint(users(rng, 9, spread(rng, [20.0, 6.0, 1.5]))).astype(int))]],
            cov_style), cov_shape_advice),
        values("covariance/input-unchanged", "covariance", c_ord, cov_style, unchanged=True, unchanged_advice=CENTRE_COPY),
    ])

    # ── pca(X, k) ────────────────────────────────────────────────────────────
    pca_formula = refs.formulas["pca"]
    p_ord = [PcaCase(refs, users(rng, 10, spread(rng, [9.0, 4.0, 1.5, 0.4])), 2, "10 users × 4 features, k = 2"),
             PcaCase(refs, users(rng, 12, spread(rng, [12.0, 5.0, 2.0, 0.7, 0.2])), 3, "12 users × 5 features, k = 3"),
             PcaCase(refs, users(rng, 8, spread(rng, [6.0, 1.5, 0.3])), 1, "8 users × 3 features, k = 1")]
    tied = [PcaCase(refs, users(rng, 12, [6.0, 2.0, 2.0, 0.5], decimals=None), 3,
                    "12 users × 4 features, eigenvalues 6, 2, 2, 0.5 (a tie), k = 3"),
            PcaCase(refs, users(rng, 10, [3.0, 3.0, 0.6], decimals=None), 2,
                    "10 users × 3 features, eigenvalues 3, 3, 0.6 (a tie), k = 2")]
    # Fewer users than features: S has zero eigenvalues, enough of them that eig always goes complex.
    wide = [PcaCase(refs, wide_users(rng, cov, 5, 20, [10.0, 3.0, 1.0, 0.3]), 2,
                    "5 users × 20 features (more features than users), k = 2"),
            PcaCase(refs, wide_users(rng, cov, 6, 24, [9.0, 3.5, 1.2, 0.4, 0.1]), 3,
                    "6 users × 24 features (more features than users), k = 3"),
            PcaCase(refs, wide_users(rng, cov, 4, 20, [7.0, 2.0, 0.5]), 2,
                    "4 users × 20 features (more features than users), k = 2")]
    edges = [PcaCase(refs, users(rng, 9, spread(rng, [8.0, 2.5, 0.6])), 3, "9 users × 3 features, all k = D = 3 components"),
             PcaCase(refs, users(rng, 7, spread(rng, [5.0, 0.9])), 1, "7 users × 2 features, k = 1"),
             PcaCase(refs, np.rint(users(rng, 10, spread(rng, [30.0, 8.0, 2.0]))).astype(int), 2,
                     "an integer array, 10 users × 3 features, k = 2")]
    every = ("variance", "orthonormal", "span", "order")
    pca_ex = Exercise("pca", [
        pca_check("pca/explained-variance", p_ord, ("variance",), pca_formula),
        # Each check also compares what comes before it, so no constant answer earns its point.
        pca_check("pca/orthonormal-rows", p_ord, ("variance", "orthonormal", "span"), pca_formula),
        pca_check("pca/subspace", p_ord, ("variance", "span"), pca_formula),
        pca_check("pca/component-order", p_ord, ("variance", "span", "order"), pca_formula, note=True),
        # A tie: only the span of the tied components is determined, so no per-component comparison.
        pca_check("pca/tied-eigenvalues", [p_ord[0]] + tied, ("variance", "orthonormal", "span"), pca_formula),
        pca_check("pca/more-features-than-users", [p_ord[0]] + wide, every, pca_formula),
        pca_check("pca/shapes-and-integers", [p_ord[0]] + edges, every, pca_formula),
        pca_check("pca/input-unchanged", p_ord, ("variance", "unchanged"), pca_formula),
    ])

    # ── project(X, mean, components) ─────────────────────────────────────────
    def fitted(X, k):
        """The mean and (sign-flipped) components a learner's pca could have returned for X."""
        return np.asarray(X, dtype=float).mean(axis=0), sign_flipped(rng, pca(X, k)[0])

    def project_mistakes(X, mean, V):
        X = np.asarray(X, dtype=float)
        return [("the mean was not subtracted", X @ V.T, "coordinates are measured from the mean: (X - mean) @ components.T"),
                ("X's own mean used instead of the `mean` argument", (X - X.mean(axis=0)) @ V.T,
                 "new users are projected around the TRAINING mean you were given, not their own"),
                ("the mean added instead of subtracted", (X + mean) @ V.T, "Z = (X - mean) @ components.T")]

    proj_style = Style(("X", "mean", "components"), refs.formulas["project"], SOURCE, elementwise=False,
                       mistakes=project_mistakes, rtol=RTOL, atol=ATOL)

    def pcase(label, X, mean, V):
        return Case((X, mean, V), label, proj(X, mean, V))

    Xa = users(rng, 10, spread(rng, [9.0, 3.0, 1.0, 0.3]))
    Xb = users(rng, 8, spread(rng, [6.0, 2.0, 0.5]))
    Xtrain = users(rng, 15, spread(rng, [10.0, 4.0, 1.0, 0.2]))
    Xnew = np.round(Xtrain[:5] + rng.normal(scale=2.0, size=(5, 4)), 2)
    pr_ord = [pcase("10 users × 4 features, k = 2", Xa, *fitted(Xa, 2)),
              pcase("8 users × 3 features, k = 1", Xb, *fitted(Xb, 1)),
              pcase("5 new users, projected with the mean and components of 15 others", Xnew, *fitted(Xtrain, 3))]
    Xc1 = users(rng, 6, spread(rng, [5.0, 1.0, 0.2]))
    Xi = np.rint(users(rng, 7, spread(rng, [25.0, 6.0, 1.0]))).astype(int)
    project_ex = Exercise("project", [
        values("project/values", "project", pr_ord, proj_style),
        values("project/shapes", "project", [pr_ord[0]] + [
            pcase("one user (N = 1)", Xa[:1], *fitted(Xa, 2)),
            pcase("all components (k = D = 3)", Xc1, *fitted(Xc1, 3)),
            pcase("an integer X", Xi, *fitted(Xi, 2))], proj_style),
        values("project/inputs-unchanged", "project", pr_ord, proj_style, unchanged=True,
               unchanged_advice="X -= mean centres the caller's array; compute X - mean into a new one"),
    ])

    # ── reconstruct(Z, mean, components) ─────────────────────────────────────
    def recon_mistakes(Z, mean, V):
        return [("the mean was not added back", Z @ V, "project subtracted the mean, so reconstruct adds it back: Z @ components + mean"),
                ("the mean subtracted instead of added", Z @ V - mean, "X_hat = Z @ components + mean")]

    rec_style = Style(("Z", "mean", "components"), refs.formulas["reconstruct"], SOURCE, elementwise=False,
                      mistakes=recon_mistakes, rtol=RTOL, atol=ATOL)

    def rcase(label, X, k, fit_on=None):
        mean, V = fitted(X if fit_on is None else fit_on, k)
        Z = np.round(proj(X, mean, V), 3)
        return Case((Z, mean, V), label, recon(Z, mean, V))

    rc_ord = [rcase("10 users, k = 2 of D = 4", Xa, 2), rcase("8 users, k = 1 of D = 3", Xb, 1)]
    mean1, V1 = fitted(Xc1, 3)
    Z1 = proj(Xc1, mean1, V1)
    full = Case((Z1, mean1, V1), "all components (k = D = 3): the reconstruction is X itself", recon(Z1, mean1, V1))
    reconstruct_ex = Exercise("reconstruct", [
        values("reconstruct/values", "reconstruct", rc_ord, rec_style),
        values("reconstruct/shapes", "reconstruct", [rc_ord[0], full, rcase("one user (N = 1), k = 2", Xa[:1], 2, fit_on=Xa)], rec_style),
        values("reconstruct/inputs-unchanged", "reconstruct", rc_ord, rec_style, unchanged=True),
    ])

    # ── explained_variance_ratio(X, k) ───────────────────────────────────────
    def ratio_mistakes(X, k):
        X = np.asarray(X, dtype=float)
        n = X.shape[0]
        S = cov(X)
        lam = eig_desc(S)[0]
        lam_u = eig_desc(X.T @ X / (n - 1))[0]
        r = lam / lam.sum()
        s = np.sqrt(np.clip((n - 1) * lam, 0, None))            # singular values of Xc
        step = "derivations.py, explained variance, step"
        return [("divided by the sum of the k kept variances, not the total", lam[:k] / lam[:k].sum(),
                 f"{step} 3: the total variance counts every direction, the discarded ones too: all D "
                 f"eigenvalues, kept or not"),
                ("the cumulative ratio (np.cumsum)", np.cumsum(r)[:k],
                 f"{step} 1: entry i is the variance along component i alone, over the total; not a running sum"),
                ("the k largest ratios in ascending order", r[:k][::-1], EIGH_ORDER),
                ("the k smallest ratios", np.sort(r)[:k], EIGH_ORDER),
                ("the data was not centred", lam_u[:k] / lam_u.sum(), CENTRE),
                ("the variances themselves, not divided by the total", lam[:k],
                 f"{step} 2: a share is a variance divided by the total variance of the data"),
                ("singular values of Xc divided by their sum (no square)", (s / s.sum())[:k],
                 f"{step} 1: the variance along component i is s_i**2 / (N - 1), the SQUARE of the singular "
                 f"value; the N - 1 cancels (step 4), the square does not"),
                ("the total taken as the sum of ALL entries of S (the variance of the features' sum)",
                 lam[:k] / S.sum(),
                 f"{step} 2: the total variance adds the D features' own variances, the diagonal of S; "
                 f"the off-diagonal covariances are not the variance of any feature"),
                ("each variance divided by the largest one, not by the total", lam[:k] / lam[0],
                 f"{step} 2: the share is relative to the total variance of all D features, not to "
                 f"the first component")]

    ratio_style = Style(("X", "k"), refs.formulas["explained_variance_ratio"], SOURCE, elementwise=False,
                        mistakes=ratio_mistakes, rtol=RTOL, atol=ATOL)

    def ecase(label, X, k):
        return Case((X, k), label, ratio(X, k))

    e_ord = [ecase("10 users × 4 features, k = 2", users(rng, 10, spread(rng, [9.0, 4.0, 1.5, 0.4])), 2),
             ecase("12 users × 5 features, k = 3", users(rng, 12, spread(rng, [12.0, 5.0, 2.0, 0.7, 0.2])), 3)]
    ratio_ex = Exercise("explained_variance_ratio", [
        values("explained_variance_ratio/values", "explained_variance_ratio", e_ord, ratio_style),
        values("explained_variance_ratio/all-tied-and-wide", "explained_variance_ratio", [e_ord[0]] + [
            ecase("all components (k = D = 4): the ratios sum to 1", users(rng, 9, spread(rng, [7.0, 3.0, 1.0, 0.2])), 4),
            ecase("eigenvalues 6, 2, 2, 0.5 (a tie), k = 3", tied[0].args[0], 3),
            ecase("5 users × 20 features (more features than users), k = 2", wide[0].args[0], 2)], ratio_style),
        values("explained_variance_ratio/input-unchanged", "explained_variance_ratio", e_ord, ratio_style,
               unchanged=True, unchanged_advice=CENTRE_COPY),
    ])

    # ── pca_2d(X): the essay's 2-D picture of high-dimensional users ─────────
    def p2d_mistakes(X):
        X = np.asarray(X, dtype=float)
        n = X.shape[0]
        lam, rows = eig_desc(cov(X))
        Z = p2d(X)
        return [("the data was not centred", X @ rows[:2].T, "subtract X.mean(axis=0) before projecting"),
                ("whitened coordinates (divided by sqrt(λ))", Z / np.sqrt(lam[:2]),
                 "Z = Xc @ components.T keeps each axis's spread; do not rescale the columns"),
                ("U alone, the SVD's left singular vectors", Z / np.sqrt((n - 1) * lam[:2]),
                 "with Xc = U diag(s) Vt the coordinates are U * s (= Xc @ Vt.T), not U"),
                ("the two smallest-variance components", (X - X.mean(axis=0)) @ rows[::-1][:2].T, EIGH_ORDER),
                ("the columns in ascending order", Z[:, ::-1], EIGH_ORDER)]

    p2d_formula = refs.formulas["pca_2d"]

    def zcase(label, X):
        return Case((X,), label, p2d(X))

    z_ord = [zcase("15 users × 5 features", users(rng, 15, spread(rng, [14.0, 5.0, 1.5, 0.5, 0.1]))),
             zcase("12 users × 4 features", users(rng, 12, spread(rng, [8.0, 3.0, 0.9, 0.2])))]
    pca_2d_ex = Exercise("pca_2d", [
        pca_2d_check("pca_2d/coordinates", z_ord, p2d_mistakes, p2d_formula),
        pca_2d_check("pca_2d/more-features-than-users", [z_ord[0], zcase("5 users × 20 features", wide[0].args[0]),
                                                         zcase("4 users × 20 features", wide[2].args[0])],
                     p2d_mistakes, p2d_formula),
        pca_2d_check("pca_2d/input-unchanged", z_ord, p2d_mistakes, p2d_formula, unchanged=True),
    ])
    return [covariance, pca_ex, project_ex, reconstruct_ex, ratio_ex, pca_2d_ex]
