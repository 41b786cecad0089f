"""Session 12's derivations against independent methods: the density written out with inv and det and
integrated on a grid, Bayes' rule in 50-digit arithmetic (mpmath) where float64 underflows, central
finite differences of Q at the M-step's answer, brute force over every hidden path of an HMM, Monte
Carlo sampling of the fraud network, and EM's log-likelihood over many rounds. The last tests check
that the probes the checks rely on make their edge case happen on every seed."""

from __future__ import annotations

import importlib.util
import itertools
import runpy

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S12 = session_named("12-graphical-models")
seeds = st.integers(0, 2**32 - 1)


@pytest.fixture(scope="module")
def refs():
    return derive.load(S12, ROOT)


@pytest.fixture(scope="module")
def checks():
    spec = importlib.util.spec_from_file_location("checks12", S12.path / "checks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spd(rng, d, floor=0.3):
    A = rng.normal(size=(d, d))
    return A @ A.T / d + floor * np.eye(d)


def mixture(seed, n, k, d):
    rng = np.random.default_rng(seed)
    means = rng.uniform(-5, 5, (k, d))
    covs = np.stack([spd(rng, d) for _ in range(k)])
    weights = rng.dirichlet(np.full(k, 3.0))
    z = rng.permutation(np.arange(n) % k)
    X = means[z] + np.einsum("nij,nj->ni", np.linalg.cholesky(covs)[z], rng.normal(size=(n, d)))
    return X, weights, means, covs


def test_derivation_facts_all_hold():
    found = runpy.run_path(str(S12.derivations_file), run_name="derivations")
    for name in ("cholesky_proved", "logdet_proved", "lse_shift_proved", "estep_proved", "weights_proved",
                 "mean_proved", "var_proved", "cov_proved", "forward_proved", "log_forward_proved",
                 "elimination_proved", "barren_proved"):
        assert found[name] is True, name


# ── the Gaussian log-density ───────────────────────────────────────────────
@settings(max_examples=50, deadline=None)
@given(seed=seeds, n=st.integers(1, 8), d=st.integers(1, 4))
def test_log_density_matches_the_textbook_formula(refs, seed, n, d):
    rng = np.random.default_rng(seed)
    cov, mean = spd(rng, d), rng.normal(size=d)
    X = mean + rng.normal(size=(n, d))
    diff = X - mean
    pdf = np.exp(-0.5 * np.einsum("ni,ij,nj->n", diff, np.linalg.inv(cov), diff)) / np.sqrt(
        (2 * np.pi) ** d * np.linalg.det(cov))
    got = refs["gaussian_log_density"](X, mean, cov)
    assert got.shape == (n,)
    np.testing.assert_allclose(got, np.log(pdf), rtol=1e-10, atol=1e-10)


def test_density_integrates_to_one_on_a_grid(refs):
    mean, cov = np.array([0.5, -1.0]), np.array([[1.5, 0.6], [0.6, 0.8]])
    g = np.linspace(-9, 9, 601)
    xx, yy = np.meshgrid(g, g)
    p = np.exp(refs["gaussian_log_density"](np.column_stack([xx.ravel(), yy.ravel()]), mean, cov))
    assert abs(p.sum() * (g[1] - g[0]) ** 2 - 1) < 1e-6


def test_far_point_log_density_is_finite_where_the_density_underflows(refs):
    mean, cov = np.zeros(2), np.eye(2)
    X = np.array([[1000.0, -1000.0]])
    assert np.exp(-0.5 * np.sum(X**2)) == 0.0                      # probability space: exactly 0
    np.testing.assert_allclose(refs["gaussian_log_density"](X, mean, cov), -1e6 - np.log(2 * np.pi), rtol=1e-12)


@pytest.mark.parametrize("cov", [[[2.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 4.0]], [[1.0, 2.0], [2.0, 1.0]]],
                         ids=["zero-variance", "rank-one", "indefinite"])
def test_log_density_refuses_a_covariance_that_is_not_positive_definite(refs, cov):
    with pytest.raises(ValueError):
        refs["gaussian_log_density"](np.zeros((2, 2)), np.zeros(2), np.array(cov))


# ── the E-step and the log-likelihood ────────────────────────────────────────
def exact_log_joint(X, weights, means, covs):
    """log π_k + log N(x_n | k) in 50-digit arithmetic, straight from the density's formula."""
    mpmath.mp.dps = 50
    out = []
    for x in X:
        row = []
        for w, m, c in zip(weights, means, covs):
            diff = mpmath.matrix(list(x - m))
            C = mpmath.matrix(c.tolist())
            maha = (diff.T * mpmath.inverse(C) * diff)[0]
            row.append(mpmath.log(w) - maha / 2 - mpmath.log(mpmath.det(C)) / 2 - len(m) * mpmath.log(2 * mpmath.pi) / 2)
        out.append(row)
    return out


@settings(max_examples=25, deadline=None)
@given(seed=seeds, k=st.integers(1, 3), d=st.integers(1, 3))
def test_e_step_is_bayes_rule_even_far_away(refs, seed, k, d):
    X, w, mu, S = mixture(seed, 6, k, d)
    X = np.vstack([X, mu[0] + 800.0])                              # every density underflows here
    exact = exact_log_joint(X, w, mu, S)
    want = np.array([[float(mpmath.exp(a - mpmath.log(sum(mpmath.exp(b) for b in row)))) for a in row] for row in exact])
    R = refs["e_step"](X, w, mu, S)
    assert R.shape == (len(X), k)
    np.testing.assert_allclose(R, want, atol=1e-9)
    np.testing.assert_allclose(R.sum(axis=1), 1.0, rtol=1e-12)
    ll = sum(float(mpmath.log(sum(mpmath.exp(b) for b in row))) for row in exact)
    np.testing.assert_allclose(refs["gmm_log_likelihood"](X, w, mu, S), ll, rtol=1e-10)


# ── the M-step: Q's stationary point, and a maximum ──────────────────────────
def Q(X, R, w, mu, S, refs):
    return float(sum(np.sum(R[:, k] * (np.log(w[k]) + refs["gaussian_log_density"](X, mu[k], S[k])))
                     for k in range(len(w))))


@settings(max_examples=25, deadline=None)
@given(seed=seeds, k=st.integers(1, 3), d=st.integers(1, 3))
def test_m_step_zeroes_the_gradient_of_q(refs, seed, k, d):
    X, w0, mu0, S0 = mixture(seed, 30, k, d)
    R = refs["e_step"](X, w0, mu0 + 0.3, S0 * 1.2)
    w, mu, S = refs["m_step"](X, R)
    h = 1e-5          # Q is a few hundred: round-off (~1e-14 * |Q| / h) and truncation (~h**2) stay near 1e-7
    np.testing.assert_allclose(gradient(lambda m: Q(X, R, w, m, S, refs), mu, h), 0, atol=2e-6)
    sym = lambda c: (c + c.transpose(0, 2, 1)) / 2  # noqa: E731
    np.testing.assert_allclose(gradient(lambda c: Q(X, R, w, mu, sym(c), refs), S, h), 0, atol=2e-6)
    # on the simplex: the gradient in w is N_k / w_k, the same for every k (= N, the multiplier)
    np.testing.assert_allclose(gradient(lambda v: Q(X, R, v, mu, S, refs), w, h), len(X), rtol=1e-6)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, k=st.integers(2, 3))
def test_m_step_beats_every_nearby_parameter(refs, seed, k):
    rng = np.random.default_rng(seed)
    X, w0, mu0, S0 = mixture(seed, 15, k, 2)
    R = refs["e_step"](X, w0, mu0, S0)
    w, mu, S = refs["m_step"](X, R)
    best = Q(X, R, w, mu, S, refs)
    for _ in range(30):
        v = rng.dirichlet(w * 200 + 1)
        A = rng.normal(scale=0.05, size=S.shape)
        assert Q(X, R, v, mu + rng.normal(scale=0.1, size=mu.shape), S + A @ A.transpose(0, 2, 1), refs) <= best + 1e-9


@settings(max_examples=20, deadline=None)
@given(seed=seeds, k=st.integers(1, 3), d=st.integers(1, 3))
def test_em_log_likelihood_never_decreases(refs, seed, k, d):
    X, w, mu, S = mixture(seed, 30, k, d)
    w, mu, S = np.full(k, 1 / k), mu + 0.5, S * 2
    previous = -np.inf
    for _ in range(15):
        ll = refs["gmm_log_likelihood"](X, w, mu, S)
        assert ll >= previous - 1e-9 * abs(ll)
        previous = ll
        w, mu, S = refs["m_step"](X, refs["e_step"](X, w, mu, S))


# ── the HMM forward pass ──────────────────────────────────────────────────────
def random_hmm(rng, s, m):
    return (np.log(rng.dirichlet(np.ones(s))), np.log(rng.dirichlet(np.ones(s), size=s)),
            np.log(rng.dirichlet(np.ones(m), size=s)))


@settings(max_examples=40, deadline=None)
@given(seed=seeds, s=st.integers(1, 3), m=st.integers(1, 4), t=st.integers(1, 6))
def test_forward_equals_the_sum_over_every_hidden_path(refs, seed, s, m, t):
    rng = np.random.default_rng(seed)
    lp, lA, lB = random_hmm(rng, s, m)
    obs = rng.integers(0, m, t)
    log_alpha, ll = refs["hmm_forward"](lp, lA, lB, obs)
    assert log_alpha.shape == (t, s)
    for step in range(t):                                         # alpha_t(j) = P(x_0..x_t, z_t = j), by brute force
        for j in range(s):
            total = sum(np.exp(lp[z[0]] + lB[z[0], obs[0]] + sum(lA[z[u - 1], z[u]] + lB[z[u], obs[u]]
                                                                  for u in range(1, step + 1)))
                        for z in itertools.product(range(s), repeat=step + 1) if z[-1] == j)
            np.testing.assert_allclose(np.exp(log_alpha[step, j]), total, rtol=1e-10)
    np.testing.assert_allclose(np.exp(ll), np.exp(log_alpha[-1]).sum(), rtol=1e-10)


def test_forward_on_a_long_sequence_equals_the_scaled_recursion(refs):
    rng = np.random.default_rng(5)
    lp, lA, lB = random_hmm(rng, 3, 5)
    obs = rng.integers(0, 5, 2000)
    log_alpha, ll = refs["hmm_forward"](lp, lA, lB, obs)
    A, B, log_c = np.exp(lA), np.exp(lB), 0.0                      # Rabiner's scaling, independently
    a = np.exp(lp) * B[:, obs[0]]
    for t in range(len(obs)):
        if t:
            a = B[:, obs[t]] * (a @ A)
        log_c += np.log(a.sum())
        a = a / a.sum()
    assert np.isfinite(log_alpha).all() and ll < -745               # the unscaled alpha would be 0.0
    np.testing.assert_allclose(ll, log_c, rtol=1e-10)
    np.testing.assert_allclose(log_alpha[-1] - ll, np.log(a), atol=1e-8)


# ── variable elimination on the fraud network ─────────────────────────────────
@settings(max_examples=30, deadline=None)
@given(seed=seeds, t=st.sampled_from([None, 0, 1, 2]), c=st.integers(0, 1))
def test_enumeration_equals_elimination_and_monte_carlo(refs, seed, t, c):
    rng = np.random.default_rng(seed)
    pr, pf, pt, pc = rng.dirichlet(np.ones(5)), rng.dirichlet(np.ones(2), 5), rng.dirichlet(np.ones(3), 2), \
        rng.dirichlet(np.ones(2), 2)
    post = refs["region_posterior"](pr, pf, pt, pc, t, c)
    ev = pc[:, c] * (pt[:, t] if t is not None else 1.0)
    eliminated = pr * (pf @ ev)
    np.testing.assert_allclose(post, eliminated / eliminated.sum(), rtol=1e-12)
    # ancestral sampling, then keep the samples that agree with the evidence (rejection)
    n = 200_000
    r = rng.choice(5, n, p=pr)
    f = (rng.random(n) < pf[r, 1]).astype(int)
    tk = (rng.random(n)[:, None] > np.cumsum(pt[f], axis=1)).sum(axis=1)
    ch = (rng.random(n) < pc[f, 1]).astype(int)
    keep = (ch == c) & ((tk == t) if t is not None else True)
    if keep.sum() > 2000:
        np.testing.assert_allclose(np.bincount(r[keep], minlength=5) / keep.sum(), post, atol=0.04)


# ── the probes make their edge case happen on every seed ──────────────────────
def calls_of(checks, refs, seed, check_id):
    exercises = checks.exercises(refs, np.random.default_rng([seed, 12]))
    return next(c for e in exercises for c in e.checks if c.id == check_id).calls


@pytest.mark.parametrize("seed", range(8))
def test_probes_underflow_in_probability_space_on_every_seed(checks, refs, seed):
    lp, lA, lB, obs = calls_of(checks, refs, seed, "hmm_forward/long-sequence")[1].args
    assert np.exp(refs["hmm_forward"](lp, lA, lB, obs)[1]) == 0.0
    assert np.exp(lB).max() <= 0.41                                 # the guarantee: 900 * log(0.41) < -745
    for check in ("e_step/far-points", "gmm_log_likelihood/far-points"):
        X, w, mu, S = calls_of(checks, refs, seed, check)[1].args
        assert (np.exp(refs["_log_joint"](X, w, mu, S))[-3:] == 0.0).all()
    X, mean, cov = calls_of(checks, refs, seed, "gaussian_log_density/far-points")[1].args
    assert (np.exp(refs["gaussian_log_density"](X, mean, cov))[-3:] == 0.0).all()
