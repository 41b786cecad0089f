"""Session 11's derivations against independent methods: double loops over pairs for the distances,
affinities and Q; the entropy of each row computed from its definition for the perplexity search;
central finite differences of the KL divergence for the gradient (the NumPy reference and SymPy's
own formula, evaluated numerically), and of the entropy for dH/dbeta; a small step of gradient descent
lowering the cost."""

from __future__ import annotations

import runpy

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import central, gradient

S11 = session_named("11-tsne")
seeds = st.integers(0, 2**32 - 1)


@pytest.fixture(scope="module")
def refs():
    return derive.load(S11, ROOT)


@pytest.fixture(scope="module")
def derivation():
    return runpy.run_path(str(S11.derivations_file), run_name="derivations")


def problem(refs, seed, n, scale=2.0):
    """A random joint P (from random points and precisions) and a random embedding Y of n points."""
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=scale, size=(n, 3))
    P = refs["joint_probabilities"](refs["conditional_affinities"](refs["squared_distances"](X),
                                                                   rng.uniform(0.2, 2.0, n)))
    return P, rng.normal(size=(n, 2))


def entropy(p):
    """-sum p log p in nats, one term at a time, 0 log 0 = 0."""
    return -sum(float(x) * np.log(float(x)) for x in p if x > 0)


def test_every_derivation_holds(derivation):
    for flag in ("expanded_equals_direct", "shift_cancels", "entropy_closed_form", "entropy_decreasing",
                 "largest_entropy", "bits_same_perplexity", "joint_sums_to_one", "q_sums_to_one",
                 "step1_holds", "step2_holds", "step3_holds", "gradient_holds", "forces_balance"):
        assert derivation[flag] is True, flag


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 10), dims=st.integers(1, 5), seed=seeds)
def test_squared_distances_match_a_double_loop(refs, n, dims, seed):
    X = np.random.default_rng(seed).uniform(-50, 50, size=(n, dims))
    loop = np.array([[np.linalg.norm(X[i] - X[j]) ** 2 for j in range(n)] for i in range(n)])
    D = refs["squared_distances"](X)
    np.testing.assert_allclose(D, loop, rtol=1e-10, atol=1e-9)
    assert np.all(D >= 0) and np.all(np.diag(D) == 0)


def test_squared_distances_never_negative_far_from_the_origin(refs):
    """Near-duplicate points at 1e6: the expanded form goes negative, the reference does not."""
    X = 1e6 + np.random.default_rng(4).normal(scale=1e-3, size=(8, 3))
    X[4:] = X[:4]
    sq = np.sum(X**2, axis=1)
    assert np.min(sq[:, None] + sq[None, :] - 2 * X @ X.T) < 0       # the trap is real on this input
    D = refs["squared_distances"](X)
    assert np.all(D >= 0) and np.all(D[np.arange(4), np.arange(4) + 4] == 0)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 9), seed=seeds)
def test_conditional_affinities_match_the_unshifted_definition(refs, n, seed):
    rng = np.random.default_rng(seed)
    D, beta = refs["squared_distances"](rng.normal(size=(n, 2))), rng.uniform(0.1, 3.0, n)
    loop = np.zeros((n, n))
    for i in range(n):
        total = sum(np.exp(-beta[i] * D[i, k]) for k in range(n) if k != i)
        for j in range(n):
            loop[i, j] = 0.0 if i == j else np.exp(-beta[i] * D[i, j]) / total
    P = refs["conditional_affinities"](D, beta)
    np.testing.assert_allclose(P, loop, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)


def test_conditional_affinities_survive_huge_precisions(refs):
    D = refs["squared_distances"](np.random.default_rng(2).normal(size=(5, 2)))
    with np.errstate(all="raise"):
        P = refs["conditional_affinities"](D, np.full(5, 1e5))
    nearest = np.argmin(D + np.diag(np.full(5, np.inf)), axis=1)
    np.testing.assert_allclose(P[np.arange(5), nearest], 1.0)         # all the mass on the nearest neighbour


@settings(max_examples=25, deadline=None)
@given(n=st.integers(4, 12), seed=seeds, data=st.data())
def test_perplexity_bounds_reach_the_target_entropy(refs, n, seed, data):
    """At both ends of the interval the row entropies, from their definition, are log(perplexity) -/+ tol."""
    rng = np.random.default_rng(seed)
    D = refs["squared_distances"](rng.normal(scale=rng.choice([0.01, 1.0, 30.0]), size=(n, 3)))
    perp = data.draw(st.floats(1.2, n - 1.2))
    lo, hi = refs["perplexity_bounds"](D, perp, 1e-5)
    assert np.all(lo <= hi)
    for beta, target in ((lo, np.log(perp) + 1e-5), (hi, np.log(perp) - 1e-5)):
        P = refs["conditional_affinities"](D, beta)
        np.testing.assert_allclose([entropy(row) for row in P], target, atol=1e-8)
    mid = refs["conditional_affinities"](D, (lo + hi) / 2)
    np.testing.assert_allclose([np.exp(entropy(row)) for row in mid], perp, rtol=1e-4)   # the perplexity itself


def test_entropy_falls_as_the_precision_grows(derivation):
    """SymPy's dH/dbeta against central differences of H, on numbers."""
    H, beta, d = derivation["H"], derivation["beta"], derivation["d"]
    point = {d[0]: 0.3, d[1]: 1.7, d[2]: 4.0}
    f = sp.lambdify(beta, H.subs(point), "numpy")
    df = sp.lambdify(beta, derivation["dH_dbeta"].subs(point), "numpy")
    for b in (0.05, 0.5, 2.0):
        assert df(b) < 0
        np.testing.assert_allclose(df(b), central(f, b), rtol=1e-6)


def test_joint_probabilities_are_symmetric_and_sum_to_one(refs):
    P_cond = refs["conditional_affinities"](refs["squared_distances"](np.random.default_rng(5).normal(size=(7, 3))),
                                            np.linspace(0.3, 2.0, 7))
    P = refs["joint_probabilities"](P_cond)
    loop = np.array([[(P_cond[i, j] + P_cond[j, i]) / 14 for j in range(7)] for i in range(7)])
    np.testing.assert_allclose(P, loop, rtol=1e-12)
    np.testing.assert_allclose(P, P.T)
    np.testing.assert_allclose(P.sum(), 1.0)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 10), seed=seeds)
def test_student_t_affinities_match_a_double_loop(refs, n, seed):
    Y = np.random.default_rng(seed).normal(scale=3.0, size=(n, 2))
    w = np.array([[0.0 if i == j else 1 / (1 + np.sum((Y[i] - Y[j]) ** 2)) for j in range(n)] for i in range(n)])
    Q = refs["student_t_affinities"](Y)
    np.testing.assert_allclose(Q, w / w.sum(), rtol=1e-12)
    np.testing.assert_allclose(Q.sum(), 1.0)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 9), seed=seeds)
def test_kl_divergence_matches_its_definition(refs, n, seed):
    P, Y = problem(refs, seed, n)
    Q = refs["student_t_affinities"](Y)
    loop = sum(P[i, j] * np.log(P[i, j] / Q[i, j]) for i in range(n) for j in range(n) if i != j and P[i, j] > 0)
    np.testing.assert_allclose(refs["kl_divergence"](P, Y), loop, rtol=1e-10, atol=1e-14)
    assert refs["kl_divergence"](P, Y) >= -1e-12                       # Gibbs' inequality


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 9), seed=seeds)
def test_gradient_matches_central_differences_of_the_kl(refs, n, seed):
    P, Y = problem(refs, seed, n)
    numeric = gradient(lambda Y_: refs["kl_divergence"](P, Y_), Y)
    dY = refs["tsne_gradient"](P, Y)
    assert dY.shape == Y.shape
    np.testing.assert_allclose(dY, numeric, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(dY.sum(axis=0), 0.0, atol=1e-12)      # the forces balance


def test_sympy_gradient_matches_central_differences(derivation):
    """The derivation's own C and its 4 sum (p - q) w (y_i - y_j), evaluated on numbers (N = 3, 2-D)."""
    Y, pair, dist2 = derivation["Y"], derivation["pair"], derivation["dist2"]
    to_y = {s_ab: dist2(*ab) for ab, s_ab in pair.items()}
    p01, p02 = derivation["p01"], derivation["p02"]
    numbers = {p01: 0.2, p02: 0.12}
    symbols = list(Y)
    C = sp.lambdify([symbols], derivation["C"].subs(to_y).subs(numbers), "numpy")
    G = sp.lambdify([symbols], derivation["grad_formula"].subs(to_y).subs(numbers), "numpy")
    y = np.random.default_rng(8).normal(size=6)
    numeric = gradient(lambda v: C(list(v)), y).reshape(3, 2)
    np.testing.assert_allclose(np.asarray(G(list(y)), dtype=float), numeric, rtol=1e-6, atol=1e-9)


def test_a_small_step_lowers_the_cost(refs):
    P, Y = problem(refs, 3, 8)
    Y_new, update = refs["tsne_step"](P, Y, np.zeros_like(Y), 0.5, 0.8)
    np.testing.assert_allclose(update, -0.5 * refs["tsne_gradient"](P, Y))
    assert refs["kl_divergence"](P, Y_new) < refs["kl_divergence"](P, Y)
    np.testing.assert_allclose(Y_new.mean(axis=0), Y.mean(axis=0), atol=1e-12)   # the mean stays put
