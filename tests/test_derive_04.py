"""Session 04's derivations against independent methods: central finite differences of the forward
pass and the loss (random shapes, away from ReLU's kinks), one-sided differences at a kink, a plain
loop for the softmax cross-entropy and the relative error, and the probe functions of the stub."""

from __future__ import annotations

import ast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S04 = session_named("04-backprop-mlp")
NAMES = ("X", "W1", "b1", "W2", "b2")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S04, ROOT)


def kink_free_network(rng, n, d, hidden, c):
    while True:
        X, W1, b1 = rng.normal(size=(n, d)), rng.normal(size=(d, hidden)), rng.normal(size=hidden)
        if np.abs(X @ W1 + b1).min() > 1e-3:
            return X, W1, b1, rng.normal(size=(hidden, c)), rng.normal(size=c)


shapes = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 5), st.integers(1, 4))


@settings(max_examples=25, deadline=None)
@given(shape=shapes, seed=st.integers(0, 2**32 - 1))
def test_two_layer_grads_match_central_differences(refs, shape, seed):
    rng = np.random.default_rng(seed)
    params = kink_free_network(rng, *shape)
    dscores = rng.normal(size=(shape[0], shape[3]))
    grads = refs["two_layer_grads"](dscores, *params)
    for k, (name, p, g) in enumerate(zip(NAMES, params, grads)):
        assert g.shape == p.shape, f"d{name} has {name}'s shape"

        def L(v, k=k):
            moved = list(params)
            moved[k] = v
            return np.sum(dscores * refs["two_layer_scores"](*moved))

        np.testing.assert_allclose(g, gradient(L, p), rtol=1e-5, atol=1e-7, err_msg=f"d{name}")


def test_kink_slopes_are_the_one_sided_derivatives(refs):
    """z1[0, 0] == 0: at_kink=1 is the right derivative in b1[0], at_kink=0 the left one."""
    X = np.array([[1.0, -0.5], [0.5, 2.0]])
    W1 = np.array([[1.0, 0.5, -1.0], [2.0, -1.5, 0.5]])
    b1 = np.array([-(X[0] @ W1[:, 0]), 0.3, 0.7])
    W2, b2 = np.array([[1.0, -2.0], [0.5, 0.25], [-1.0, 1.5]]), np.array([0.1, -0.2])
    dscores = np.array([[0.7, -1.3], [0.2, 0.4]])
    assert (X @ W1 + b1)[0, 0] == 0.0

    def L(b):
        return np.sum(dscores * refs["two_layer_scores"](X, W1, b, W2, b2))

    step = np.array([1e-6, 0.0, 0.0])
    right, left = (L(b1 + step) - L(b1)) / 1e-6, (L(b1) - L(b1 - step)) / 1e-6
    assert right != pytest.approx(left), "a real kink: the one-sided slopes differ"
    assert refs["two_layer_grads"](dscores, X, W1, b1, W2, b2, 1.0)[2][0] == pytest.approx(right, rel=1e-5)
    assert refs["two_layer_grads"](dscores, X, W1, b1, W2, b2, 0.0)[2][0] == pytest.approx(left, abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 5), c=st.integers(2, 5), seed=st.integers(0, 2**32 - 1))
def test_softmax_ce_matches_a_loop_and_central_differences(refs, n, c, seed):
    rng = np.random.default_rng(seed)
    scores, y = rng.normal(scale=3, size=(n, c)), rng.integers(0, c, size=n)
    loss, dscores = refs["softmax_ce"](scores, y)
    by_loop = -sum(np.log(np.exp(s[t]) / np.sum(np.exp(s))) for s, t in zip(scores, y)) / n
    assert loss == pytest.approx(by_loop, rel=1e-12)
    numeric = gradient(lambda s: refs["softmax_ce"](s, y)[0], scores)
    np.testing.assert_allclose(dscores, numeric, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(dscores.sum(axis=1), 0, atol=1e-12)


def test_softmax_ce_is_finite_for_large_scores(refs):
    scores = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -999.5]])
    loss, dscores = refs["softmax_ce"](scores, np.array([1, 0]))
    small = scores - scores.max(axis=1, keepdims=True)
    expect_loss, expect_d = refs["softmax_ce"](small, np.array([1, 0]))
    assert np.isfinite(loss) and loss == pytest.approx(expect_loss)
    np.testing.assert_allclose(dscores, expect_d)


def probes_of_the_stub():
    """PROBES as the learner's exercises.py defines it (the assignment only, no learner code)."""
    tree = ast.parse(S04.exercises_file.read_text())
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PROBES")
    namespace = {"np": np}
    exec(compile(ast.Module([node], []), "exercises.py", "exec"), namespace)
    return namespace["PROBES"]


@pytest.mark.parametrize("name", ["exp", "cubic", "coupled"])
def test_probe_gradients_match_the_stub_and_central_differences(refs, name):
    rng = np.random.default_rng(4)
    f = probes_of_the_stub()[name]
    exact = {"exp": refs["probe_exp_grad"], "cubic": refs["probe_cubic_grad"], "coupled": refs["probe_coupled_grad"]}[name]
    value = {"exp": lambda v: np.sum(refs["probe_exp"](v)), "cubic": lambda v: np.sum(refs["probe_cubic"](v)),
             "coupled": refs["probe_coupled"]}[name]
    for shape in [(5,), (2, 3), (2, 2, 2)]:
        x = rng.uniform(-1.5, 1.5, size=shape)
        assert float(value(x)) == pytest.approx(f(x), rel=1e-13), "derivations.py's probe is the stub's"
        np.testing.assert_allclose(exact(x), gradient(f, x, 1e-5), rtol=1e-8, atol=1e-8)


def test_forward_differences_miss_the_probe_tolerance(refs):
    """The exp probe tells the two apart: central within 1e-7, forward off by about h f''/2."""
    x = np.array([[0.5, 1.0, 1.5]])
    f = lambda v: np.sum(refs["probe_exp"](v))
    exact = refs["probe_exp_grad"](x)
    forward = np.array([(f(x + s) - f(x)) / 1e-5 for s in np.eye(3)[:, None, :] * 1e-5])
    assert np.allclose(gradient(f, x, 1e-5), exact, rtol=1e-7, atol=1e-7)
    assert not np.isclose(forward, exact.ravel(), rtol=1e-7, atol=1e-7).any()


@settings(max_examples=60, deadline=None)
@given(a=arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e3, 1e3)), seed=st.integers(0, 2**32 - 1))
def test_rel_error_entries_match_a_loop(refs, a, seed):
    rng = np.random.default_rng(seed)
    b = np.where(rng.random(a.shape) < 0.3, a, a + rng.normal(size=a.shape))
    b[rng.random(a.shape) < 0.2] = 0.0
    got = refs["rel_error_entries"](a, b)
    for i in range(a.size):
        den = max(1e-8, abs(a[i]) + abs(b[i]))
        assert got[i] == pytest.approx(abs(a[i] - b[i]) / den, rel=1e-12, abs=1e-300)

