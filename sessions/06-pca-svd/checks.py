"""Checks for session 06: covariance, PCA, projection, reconstruction, explained variance, the 2-D picture.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
PCA's answer is known only up to the sign of each component and the basis of a tie: pca and pca_2d
are judged by kit.kinds.subspace on what is determined. project and reconstruct receive their
components as inputs, so their answers are unique and are compared directly.

Probes are synthetic "users": correlated features with a chosen spectrum and means far from 0, so
that forgetting to centre, or dividing by N, shows at once. The wide probes (fewer users than
features, 16+ zero eigenvalues) make np.linalg.eig go complex on every seed.
"""

import numpy as np

from kit import compare
from kit.declare import Declare, unchanged, with_options
from kit.kinds.subspace import (EIGH_COLUMNS, EIGH_ORDER, columns_up_to_sign, eig_desc, eig_goes_complex,
                                eigenpairs, sign_flipped, with_spectrum)

CENTRE = "subtract X.mean(axis=0) first; X.T @ X / (N - 1) equals S + N/(N - 1) · mean mean^T, not S"
BY_N = "the covariance divides by N - 1, like np.cov (ddof=1); np.var and np.mean divide by N"
CENTRE_COPY = "X -= X.mean(axis=0) centres the caller's array; build a new one: Xc = X - X.mean(axis=0)"
STEP = "derivations.py, explained variance, step "
SPLIT = "the total variance counts every direction, the discarded ones too: all D eigenvalues, kept or not"


def cov_shape(case, outcome):
    """What a wrong (N, N) or 0-d covariance comes from."""
    got, (n, d) = compare.received(outcome["value"])[0], np.shape(case.args[0])
    if got is not None and got.shape == (n, n) != (d, d):
        return ("np.cov(X) treats rows as variables: that is one row/column per USER; X is (N, D) with users in rows, "
                "so S = Xc.T @ Xc / (N - 1) is (D, D), as np.cov(X, rowvar=False) gives")
    return "np.cov returns a 0-d array when D == 1; S is always (D, D): np.atleast_2d(...)" if got is not None \
        and got.shape == () and d == 1 else ""


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/06-pca-svd/derivations.py")
    cov, pca, proj, p2d = refs["covariance"], refs["pca"], refs["project"], refs["pca_2d"]
    users = lambda n, spectrum, dims=None, **kw: with_spectrum(rng, n, spectrum, dims, **kw)  # noqa: E731
    ints = lambda X: np.rint(X).astype(int)  # noqa: E731

    def spectra(X):
        """S, its eigenvalues and eigenvectors (largest first), those of the uncentred X.T X / (N - 1), N."""
        X = np.asarray(X, dtype=float)
        n = X.shape[0]
        return (cov(X), *eig_desc(cov(X)), *eig_desc(X.T @ X / (n - 1)), n)

    # ── covariance(X) ────────────────────────────────────────────────────────
    cov_style = d.style("covariance", ("X",), elementwise=False, mistakes=lambda X: [
        ("the data was not centred", np.asarray(X, float).T @ X / (len(X) - 1), CENTRE),
        ("divided by N instead of N - 1", cov(X) * (len(X) - 1) / len(X), BY_N)])
    c_ord = d.cases("covariance", ("8 users × 3 correlated features", users(8, [9.0, 3.0, 0.8])),
                    ("12 users × 4 correlated features", users(12, [16.0, 5.0, 2.0, 0.5])))
    covariance = d.exercise("covariance", cov_style, {
        "values": with_options(c_ord, explain=cov_shape),
        "shapes": with_options(c_ord[:1] + d.cases(
            "covariance", ("one feature (D = 1)", users(6, [4.0], jitter=False)),
            ("two users (N = 2, the smallest N - 1 allows)", users(2, [2.5], 3, jitter=False)),
            ("more features than users (N = 4, D = 6)", users(4, [8.0, 2.0, 0.5], 6)),
            ("an integer array", ints(users(9, [20.0, 6.0, 1.5])))), explain=cov_shape),
        "input-unchanged": unchanged(c_ord, CENTRE_COPY)})

    # ── pca(X, k): (components, explained_variance), judged on what is determined ─
    def pca_mistakes(X, k):
        S, lam, rows, lam_u, rows_u, n = spectra(X)
        lam_up, W = np.linalg.eigh(S)
        return [("the k largest eigenvalues in ascending order", (None, lam[:k][::-1]), EIGH_ORDER),
                ("the k smallest eigenvalues", (None, np.sort(lam)[:k]), EIGH_ORDER),
                ("the data was not centred", (rows_u[:k], lam_u[:k]), CENTRE),
                ("divided by N instead of N - 1", (None, lam[:k] * (n - 1) / n), BY_N),
                ("singular values of Xc, not variances", (None, np.sqrt(np.clip((n - 1) * lam[:k], 0, None))),
                 "the SVD Xc = U diag(s) Vt gives variances s**2 / (N - 1)"),
                ("the eigenvectors of the k smallest eigenvalues", (rows[::-1][:k], None), EIGH_ORDER),
                ("rows of eigh's W taken as eigenvectors", (W[np.argsort(lam_up)[::-1][:k]], None),
                 EIGH_COLUMNS.format("components"))]

    pca_style = d.style("pca", ("X", "k"), elementwise=False, outputs=("components", "explained_variance"),
                        mistakes=pca_mistakes, rtol=1e-6, atol=1e-8)
    p_ord = d.cases("pca", ("10 users × 4 features, k = 2", (users(10, [9.0, 4.0, 1.5, 0.4]), 2)),
                    ("12 users × 5 features, k = 3", (users(12, [12.0, 5.0, 2.0, 0.7, 0.2]), 3)),
                    ("8 users × 3 features, k = 1", (users(8, [6.0, 1.5, 0.3]), 1)))
    tied = d.cases("pca", ("12 users × 4 features, eigenvalues 6, 2, 2, 0.5 (a tie), k = 3",
                           (users(12, [6.0, 2.0, 2.0, 0.5], decimals=None, jitter=False), 3)),
                   ("10 users × 3 features, eigenvalues 3, 3, 0.6 (a tie), k = 2",
                    (users(10, [3.0, 3.0, 0.6], decimals=None, jitter=False), 2)))
    wide = d.cases("pca", *[(f"{n} users × {dims} features (more features than users), k = {k}",
                             (eig_goes_complex(rng, n, dims, spectrum, cov), k)) for n, dims, spectrum, k in [
        (5, 20, [10.0, 3.0, 1.0, 0.3], 2), (6, 24, [9.0, 3.5, 1.2, 0.4, 0.1], 3), (4, 20, [7.0, 2.0, 0.5], 2)]])
    edges = d.cases("pca", ("9 users × 3 features, all k = D = 3 components", (users(9, [8.0, 2.5, 0.6]), 3)),
                    ("7 users × 2 features, k = 1", (users(7, [5.0, 0.9]), 1)),
                    ("an integer array, 10 users × 3 features, k = 2", (ints(users(10, [30.0, 8.0, 2.0])), 2)))
    pca_ex = d.exercise("pca", pca_style, {key: eigenpairs(f"pca/{key}", "pca", cases, pca_style, aspects,
                                                           axis="principal axis", sign_note=key == "component-order",
                                                           unchanged_advice=CENTRE_COPY) for key, cases, aspects in [
        ("explained-variance", p_ord, "variance"),
        ("orthonormal-rows", p_ord, "variance orthonormal span"),
        ("subspace", p_ord, "variance span"),
        ("component-order", p_ord, "variance span order"),
        ("tied-eigenvalues", p_ord[:1] + tied, "variance orthonormal span"),      # a tie: only the span is determined
        ("more-features-than-users", p_ord[:1] + wide, "variance orthonormal span order"),
        ("shapes-and-integers", p_ord[:1] + edges, "variance orthonormal span order"),
        ("input-unchanged", p_ord, "variance unchanged")]})

    # ── project(X, mean, components) and reconstruct(Z, mean, components) ────
    def fitted(X, k, fit_on=None):
        """X, and the mean and (sign-flipped) components a learner's pca could have returned for fit_on."""
        fit_on = X if fit_on is None else fit_on
        return X, np.asarray(fit_on, dtype=float).mean(axis=0), sign_flipped(rng, pca(fit_on, k)[0])

    proj_style = d.style("project", ("X", "mean", "components"), elementwise=False, rtol=1e-6, atol=1e-8,
                         mistakes=lambda X, mean, V: [
        ("the mean was not subtracted", X @ V.T, "coordinates are measured from the mean: (X - mean) @ components.T"),
        ("X's own mean used instead of the `mean` argument", (X - X.mean(axis=0)) @ V.T,
         "new users are projected around the TRAINING mean you were given, not their own"),
        ("the mean added instead of subtracted", (X + mean) @ V.T, "Z = (X - mean) @ components.T")])
    Xa, Xb, Xc1 = users(10, [9.0, 3.0, 1.0, 0.3]), users(8, [6.0, 2.0, 0.5]), users(6, [5.0, 1.0, 0.2])
    Xtrain = users(15, [10.0, 4.0, 1.0, 0.2])
    pr_ord = d.cases("project", ("10 users × 4 features, k = 2", fitted(Xa, 2)), ("8 users × 3 features, k = 1", fitted(Xb, 1)),
                     ("5 new users, projected with the mean and components of 15 others",
                      fitted(np.round(Xtrain[:5] + rng.normal(scale=2.0, size=(5, 4)), 2), 3, Xtrain)))
    project_ex = d.exercise("project", proj_style, {
        "values": pr_ord,
        "shapes": pr_ord[:1] + d.cases("project", ("one user (N = 1)", fitted(Xa[:1], 2, Xa)),
                                       ("all components (k = D = 3)", fitted(Xc1, 3)),
                                       ("an integer X", fitted(ints(users(7, [25.0, 6.0, 1.0])), 2))),
        "inputs-unchanged": unchanged(pr_ord, "X -= mean centres the caller's array; compute X - mean into a new one")})

    rec_style = d.style("reconstruct", ("Z", "mean", "components"), elementwise=False, rtol=1e-6, atol=1e-8,
                        mistakes=lambda Z, mean, V: [
        ("the mean was not added back", Z @ V, "project subtracted the mean, so reconstruct adds it back: Z @ components + mean"),
        ("the mean subtracted instead of added", Z @ V - mean, "X_hat = Z @ components + mean")])

    def coded(X, k, fit_on=None, decimals=3):
        """(Z, mean, components): X's coordinates, rounded as a learner would store them."""
        _, mean, V = fitted(X, k, fit_on)
        Z = proj(X, mean, V)
        return np.round(Z, decimals) if decimals is not None else Z, mean, V

    rc_ord = d.cases("reconstruct", ("10 users, k = 2 of D = 4", coded(Xa, 2)), ("8 users, k = 1 of D = 3", coded(Xb, 1)))
    reconstruct_ex = d.exercise("reconstruct", rec_style, {
        "values": rc_ord,
        "shapes": rc_ord[:1] + d.cases("reconstruct", ("all components (k = D = 3): the reconstruction is X itself",
                                                       coded(Xc1, 3, decimals=None)),
                                       ("one user (N = 1), k = 2", coded(Xa[:1], 2, Xa))),
        "inputs-unchanged": unchanged(rc_ord)})

    # ── explained_variance_ratio(X, k) ───────────────────────────────────────
    def ratio_mistakes(X, k):
        S, lam, _, lam_u, _, n = spectra(X)
        r, s = lam / lam.sum(), np.sqrt(np.clip((n - 1) * lam, 0, None))      # s: the singular values of Xc
        return [("divided by the sum of the k kept variances, not the total", lam[:k] / lam[:k].sum(), STEP + "3: " + SPLIT),
                ("the cumulative ratio (np.cumsum)", np.cumsum(r)[:k],
                 STEP + "1: entry i is the variance along component i alone, over the total; not a running sum"),
                ("the k largest ratios in ascending order", r[:k][::-1], EIGH_ORDER),
                ("the k smallest ratios", np.sort(r)[:k], EIGH_ORDER),
                ("the data was not centred", lam_u[:k] / lam_u.sum(), CENTRE),
                ("the variances themselves, not divided by the total", lam[:k],
                 STEP + "2: a share is a variance divided by the total variance of the data"),
                ("singular values of Xc divided by their sum (no square)", (s / s.sum())[:k],
                 STEP + "1: the variance along component i is s_i**2 / (N - 1), the SQUARE of the singular value; "
                 "the N - 1 cancels (step 4), the square does not"),
                ("the total taken as the sum of ALL entries of S (the variance of the features' sum)", lam[:k] / S.sum(),
                 STEP + "2: the total variance adds the D features' own variances, the diagonal of S; the "
                 "off-diagonal covariances are not the variance of any feature"),
                ("each variance divided by the largest one, not by the total", lam[:k] / lam[0],
                 STEP + "2: the share is relative to the total variance of all D features, not to the first component")]

    ratio_style = d.style("explained_variance_ratio", ("X", "k"), elementwise=False, mistakes=ratio_mistakes,
                          rtol=1e-6, atol=1e-8)
    e_ord = d.cases("explained_variance_ratio", ("10 users × 4 features, k = 2", (users(10, [9.0, 4.0, 1.5, 0.4]), 2)),
                    ("12 users × 5 features, k = 3", (users(12, [12.0, 5.0, 2.0, 0.7, 0.2]), 3)))
    ratio_ex = d.exercise("explained_variance_ratio", ratio_style, {
        "values": e_ord,
        "all-tied-and-wide": e_ord[:1] + d.cases(
            "explained_variance_ratio", ("all components (k = D = 4): the ratios sum to 1", (users(9, [7.0, 3.0, 1.0, 0.2]), 4)),
            ("eigenvalues 6, 2, 2, 0.5 (a tie), k = 3", (tied[0].args[0], 3)),
            ("5 users × 20 features (more features than users), k = 2", (wide[0].args[0], 2))),
        "input-unchanged": unchanged(e_ord, CENTRE_COPY)})

    # ── pca_2d(X): the essay's 2-D picture of high-dimensional users, each column up to sign ─
    def p2d_mistakes(X):
        _, lam, rows, _, _, n = spectra(X)
        Z = p2d(X)
        return [("the data was not centred", np.asarray(X, float) @ rows[:2].T, "subtract X.mean(axis=0) before projecting"),
                ("whitened coordinates (divided by sqrt(λ))", Z / np.sqrt(lam[:2]),
                 "Z = Xc @ components.T keeps each axis's spread; do not rescale the columns"),
                ("U alone, the SVD's left singular vectors", Z / np.sqrt((n - 1) * lam[:2]),
                 "with Xc = U diag(s) Vt the coordinates are U * s (= Xc @ Vt.T), not U"),
                ("the two smallest-variance components", (X - np.mean(X, axis=0)) @ rows[::-1][:2].T, EIGH_ORDER),
                ("the columns in ascending order", Z[:, ::-1], EIGH_ORDER)]

    p2d_style = d.style("pca_2d", ("X",), elementwise=False, mistakes=p2d_mistakes, rtol=1e-6, atol=1e-8)
    z_ord = d.cases("pca_2d", ("15 users × 5 features", users(15, [14.0, 5.0, 1.5, 0.5, 0.1])),
                    ("12 users × 4 features", users(12, [8.0, 3.0, 0.9, 0.2])))
    z_wide = d.cases("pca_2d", ("5 users × 20 features", wide[0].args[0]), ("4 users × 20 features", wide[2].args[0]))
    return [covariance, pca_ex, project_ex, reconstruct_ex, ratio_ex, d.exercise("pca_2d", p2d_style, {
        key: columns_up_to_sign(f"pca_2d/{key}", "pca_2d", cases, p2d_style, unchanged=key == "input-unchanged",
                                unchanged_advice=CENTRE_COPY) for key, cases in [
            ("coordinates", z_ord), ("more-features-than-users", z_ord[:1] + z_wide), ("input-unchanged", z_ord)]})]
