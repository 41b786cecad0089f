"""Session 06's derivations against independent methods: np.cov for the covariance, the SVD of the
centred data for PCA (variances s**2 / (N - 1), components = rows of Vt), np.linalg.lstsq for the
projection, brute-force sums for the reconstruction error, and central finite differences for the
Lagrangian's gradient. PCA's signs are free, so components are compared through V.T @ V and |cos|."""

from __future__ import annotations

import runpy

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S06 = session_named("06-pca-svd")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S06, ROOT)


@pytest.fixture(scope="module")
def derivation():
    """The SymPy objects of derivations.py, to check them numerically."""
    return runpy.run_path(str(S06.derivations_file), run_name="derivations")


def spectrum_data(seed, n, d, gap=2.0):
    """Random (n, d) data whose nonzero covariance eigenvalues are at least a factor `gap` apart."""
    rng = np.random.default_rng(seed)
    r = min(n - 1, d)
    lam = 10.0 * gap ** -np.arange(r) * rng.uniform(0.9, 1.1)
    a = rng.normal(size=(n, r))
    q, _ = np.linalg.qr(a - a.mean(axis=0))
    axes, _ = np.linalg.qr(rng.normal(size=(d, r)))
    return (q * np.sqrt((n - 1) * lam)) @ axes.T + rng.uniform(-20, 20, size=d)


def svd_pca(X, k):
    """The independent route: Xc = U diag(s) Vt."""
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k], s[:k] ** 2 / (len(X) - 1), s


shapes = st.tuples(st.integers(2, 12), st.integers(1, 6))
seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=60, deadline=None)
@given(shape=shapes, seed=seeds)
def test_covariance_matches_np_cov(refs, shape, seed):
    X = np.random.default_rng(seed).uniform(-50, 50, size=shape)
    S = refs["covariance"](X)
    assert S.shape == (shape[1], shape[1])
    np.testing.assert_allclose(S, np.atleast_2d(np.cov(X, rowvar=False)), rtol=1e-9, atol=1e-9)


def test_covariance_is_the_average_product_of_deviations(refs):
    """A brute-force double loop over users, straight from the definition (divides by N - 1)."""
    X = np.random.default_rng(3).normal(size=(7, 3)) * [1.0, 5.0, 0.2] + [10.0, -3.0, 40.0]
    N, D = X.shape
    mu = X.sum(axis=0) / N
    loop = np.array([[sum((X[n, i] - mu[i]) * (X[n, j] - mu[j]) for n in range(N)) / (N - 1) for j in range(D)]
                     for i in range(D)])
    np.testing.assert_allclose(refs["covariance"](X), loop, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(3, 12), d=st.integers(2, 7), seed=seeds, data=st.data())
def test_pca_matches_the_svd_of_centred_data(refs, n, d, seed, data):
    X = spectrum_data(seed, n, d)
    k = data.draw(st.integers(1, min(n - 1, d)))
    V, ev = refs["pca"](X, k)
    V_svd, ev_svd, _ = svd_pca(X, k)
    assert V.shape == (k, d) and ev.shape == (k,)
    np.testing.assert_allclose(ev, ev_svd, rtol=1e-8, atol=1e-10)
    assert np.all(np.diff(ev) <= 0), "descending"
    np.testing.assert_allclose(V @ V.T, np.eye(k), atol=1e-10)                  # orthonormal rows
    np.testing.assert_allclose(V.T @ V, V_svd.T @ V_svd, atol=1e-8)            # the same subspace
    np.testing.assert_allclose(np.abs(np.sum(V * V_svd, axis=1)), 1, atol=1e-8)  # the same axes, any sign


@settings(max_examples=40, deadline=None)
@given(n=st.integers(4, 12), d=st.integers(2, 6), seed=seeds)
def test_pca_components_are_stationary_points_of_the_lagrangian(refs, n, d, seed):
    """The derivation's result S w = λ w with w^T w = 1, for every returned pair."""
    X = spectrum_data(seed, n, d)
    k = min(n - 1, d)
    V, ev = refs["pca"](X, k)
    S = np.cov(X, rowvar=False)
    np.testing.assert_allclose(S @ V.T, V.T * ev, atol=1e-8)
    # The variance along each component is its eigenvalue: var(Xc @ w) = λ.
    np.testing.assert_allclose(np.var((X - X.mean(0)) @ V.T, axis=0, ddof=1), ev, rtol=1e-8, atol=1e-10)


def test_pca_tie_determines_only_the_span(refs):
    """Eigenvalues 5, 2, 2, 0.5: the top-3 span is determined, a basis inside the tie is not."""
    rng = np.random.default_rng(11)
    a = rng.normal(size=(12, 4))
    q, _ = np.linalg.qr(a - a.mean(axis=0))
    axes, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    X = (q * np.sqrt(11 * np.array([5.0, 2.0, 2.0, 0.5]))) @ axes.T + 7.0
    V, ev = refs["pca"](X, 3)
    np.testing.assert_allclose(ev, [5.0, 2.0, 2.0], rtol=1e-10)
    np.testing.assert_allclose(V.T @ V, axes[:, :3] @ axes[:, :3].T, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 10), d=st.integers(2, 6), seed=seeds)
def test_projection_is_the_least_squares_coordinate(refs, n, d, seed):
    """z minimises ||x - mean - V^T z||: compare with np.linalg.lstsq, user by user."""
    X = spectrum_data(seed, n, d)
    k = min(n - 1, d, 2)
    V, _ = refs["pca"](X, k)
    mean = X.mean(axis=0)
    Z = refs["project"](X, mean, V)
    lstsq = np.array([np.linalg.lstsq(V.T, x - mean, rcond=None)[0] for x in X])
    assert Z.shape == (n, k)
    np.testing.assert_allclose(Z, lstsq, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 10), d=st.integers(2, 6), seed=seeds, data=st.data())
def test_reconstruction_error_is_the_discarded_variance(refs, n, d, seed, data):
    """sum ||x - x_hat||^2 = (N - 1) · (sum of the discarded eigenvalues), by brute force."""
    X = spectrum_data(seed, n, d)
    k = data.draw(st.integers(1, min(n - 1, d)))
    V, _ = refs["pca"](X, k)
    mean = X.mean(axis=0)
    Xhat = refs["reconstruct"](refs["project"](X, mean, V), mean, V)
    assert Xhat.shape == X.shape
    error = sum(float(np.sum((x - xh) ** 2)) for x, xh in zip(X, Xhat))
    lam = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False)))[::-1]
    np.testing.assert_allclose(error, (n - 1) * lam[k:].sum(), rtol=1e-7, atol=1e-8)


def test_reconstruction_with_every_component_is_exact(refs):
    X = spectrum_data(5, 9, 4)
    V, _ = refs["pca"](X, 4)
    mean = X.mean(axis=0)
    np.testing.assert_allclose(refs["reconstruct"](refs["project"](X, mean, V), mean, V), X, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 12), d=st.integers(2, 6), seed=seeds, data=st.data())
def test_explained_variance_ratio_matches_svd_and_ignores_n_vs_n_minus_1(refs, n, d, seed, data):
    X = spectrum_data(seed, n, d)
    k = data.draw(st.integers(1, d))
    got = refs["explained_variance_ratio"](X, k)
    _, _, s = svd_pca(X, d)
    var = np.zeros(d)
    var[: len(s)] = s**2          # with N <= D there are fewer singular values than features
    np.testing.assert_allclose(got, (var / var.sum())[:k], rtol=1e-8, atol=1e-12)
    biased = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False, bias=True)))[::-1]   # divides by N
    np.testing.assert_allclose(got, biased[:k] / biased.sum(), rtol=1e-8, atol=1e-12)
    assert np.sum(refs["explained_variance_ratio"](X, d)) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 12), d=st.integers(2, 6), seed=seeds)
def test_pca_2d_matches_u_times_s_up_to_column_signs(refs, n, d, seed):
    X = spectrum_data(seed, n, d)
    Z = refs["pca_2d"](X)
    U, s, _ = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    want = U[:, :2] * s[:2]
    assert Z.shape == (n, 2)
    signs = np.sign(np.sum(Z * want, axis=0))
    np.testing.assert_allclose(Z * signs, want, atol=1e-8)
    np.testing.assert_allclose(Z @ Z.T, want @ want.T, atol=1e-7)   # sign-free: the Gram matrix


@pytest.mark.parametrize("size", [2, 3], ids=["2x2", "3x3"])
def test_lagrangian_gradient_matches_central_differences(derivation, size):
    """SymPy's ∂L/∂w for L = w^T S w - λ (w^T w - 1), at random symmetric S, w and λ."""
    S, w, L = {2: ("S2", "w2", "L2"), 3: ("S3", "w3", "L3")}[size]
    S, w, L = derivation[S], derivation[w], derivation[L]
    grad = derivation["dL_dw2" if size == 2 else "dL_dw3"]
    lam = derivation["lam"]
    rng = np.random.default_rng(size)
    A = rng.normal(size=(size, size))
    Sv = (A + A.T) / 2
    subs = {S[i, j]: Sv[i, j] for i in range(size) for j in range(size)}
    f = sp.lambdify([list(w), lam], L.subs(subs), "numpy")
    g = sp.lambdify([list(w), lam], grad.subs(subs), "numpy")
    for _ in range(5):
        wv, lv = rng.normal(size=size), rng.normal()
        numeric = gradient(lambda v: f(v, lv), wv)
        np.testing.assert_allclose(np.ravel(g(wv, lv)), numeric, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(np.ravel(g(wv, lv)), 2 * (Sv @ wv - lv * wv), rtol=1e-10)


def test_every_proof_in_the_derivation_holds(derivation):
    for name in ("covariance_proved", "uncentred_proved", "variance_is_quadratic_form", "eigen_2x2", "eigen_3x3",
                 "second_is_next_eigenvector", "real_eigenvalues", "normal_equations", "dot_product_proved",
                 "project_layout", "reconstruct_layout", "reconstruction_error_proved", "total_is_trace",
                 "trace_is_sum", "ratio_unaffected"):
        assert derivation[name] is True, name


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_second_component_is_the_best_direction_orthogonal_to_the_first(refs, seed):
    """The step derived with a second multiplier, by brute force: among many random unit vectors
    orthogonal to the first component, none has more variance than the second component, whose
    variance is the second eigenvalue; and the second multiplier, gamma = 2 w1^T S w2, is 0."""
    X = spectrum_data(seed, 40, 5)
    V, ev = refs["pca"](X, 2)
    S = np.cov(X, rowvar=False)
    rng = np.random.default_rng(seed)
    candidates = rng.normal(size=(20000, 5))
    candidates -= np.outer(candidates @ V[0], V[0])              # orthogonal to the first component
    candidates /= np.linalg.norm(candidates, axis=1, keepdims=True)
    variances = np.einsum("ni,ij,nj->n", candidates, S, candidates)
    assert variances.max() <= ev[1] * (1 + 1e-10)
    assert variances.max() > 0.9 * ev[1]
    np.testing.assert_allclose(V[1] @ S @ V[1], ev[1], rtol=1e-10)
    assert abs(2 * V[0] @ S @ V[1]) < 1e-8 * ev[0]


def test_total_variance_is_the_sum_of_feature_variances_and_of_all_eigenvalues(refs):
    """Steps 2 and 3 of the explained variance ratio, numerically: np.var per column, np.linalg.eigvalsh."""
    X = spectrum_data(4, 7, 9)                                  # more features than users: zero eigenvalues
    total = np.var(X, axis=0, ddof=1).sum()
    np.testing.assert_allclose(total, np.linalg.eigvalsh(np.cov(X, rowvar=False)).sum(), rtol=1e-10)
    ratio = refs["explained_variance_ratio"](X, 3)
    np.testing.assert_allclose(ratio, refs["pca"](X, 3)[1] / total, rtol=1e-10)
