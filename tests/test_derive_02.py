"""Session 02's derivations against independent methods: central finite differences for every
gradient (entry by entry, on random shapes, multi-dimensional x included), a plain loop for the
forward pass and the mean, numpy.linalg.lstsq for least squares, and many small gradient steps
converging to the same answer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S02 = session_named("02-linear-layer")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S02, ROOT)


LAYER_SHAPES = [pytest.param((2, 3), 2, id="N2-D3-M2"), pytest.param((4, 2), 3, id="N4-D2-M3"),
                pytest.param((1, 5), 1, id="N1-D5-M1"), pytest.param((3, 3), 3, id="square"),
                pytest.param((2, 2, 3), 4, id="x-2x2x3-M4"), pytest.param((3, 1, 2, 2), 2, id="x-3x1x2x2-M2")]


def layer(seed, x_shape, M):
    rng = np.random.default_rng(seed)
    D = int(np.prod(x_shape[1:]))
    return (rng.normal(size=x_shape), rng.normal(size=(D, M)), rng.normal(size=M),
            rng.normal(size=(x_shape[0], M)))


@pytest.mark.parametrize("x_shape,M", LAYER_SHAPES)
def test_affine_forward_matches_a_loop(refs, x_shape, M):
    x, W, b, _ = layer(1, x_shape, M)
    flat = x.reshape(x_shape[0], -1)
    looped = np.array([[b[m] + sum(flat[n, d] * W[d, m] for d in range(W.shape[0])) for m in range(M)]
                       for n in range(x_shape[0])])
    np.testing.assert_allclose(refs["affine_forward"](x, W, b), looped, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("x_shape,M", LAYER_SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_affine_backward_matches_central_differences(refs, x_shape, M, seed):
    x, W, b, dout = layer(seed, x_shape, M)
    fwd = refs["affine_forward"]
    dx, dW, db = refs["affine_backward_dx"](dout, x, W), refs["affine_backward_dW"](dout, x), refs["affine_backward_db"](dout)
    assert dx.shape == x.shape and dW.shape == W.shape and db.shape == b.shape
    np.testing.assert_allclose(dx, gradient(lambda v: np.sum(dout * fwd(v, W, b)), x), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dW, gradient(lambda v: np.sum(dout * fwd(x, v, b)), W), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(db, gradient(lambda v: np.sum(dout * fwd(x, W, v)), b), rtol=1e-6, atol=1e-8)


predictions = array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5).flatmap(
    lambda shape: st.tuples(*[arrays(np.float64, shape, elements=st.floats(-10, 10)) for _ in range(2)]))


@settings(max_examples=60, deadline=None)
@given(pair=predictions)
def test_mse_is_the_mean_over_all_entries(refs, pair):
    y_pred, y = pair
    squares = [(p - t) ** 2 for p, t in zip(y_pred.ravel(), y.ravel())]
    np.testing.assert_allclose(refs["mse_loss"](y_pred, y), sum(squares) / len(squares), rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(pair=predictions)
def test_mse_gradient_matches_central_differences(refs, pair):
    y_pred, y = pair
    grad = refs["mse_loss_grad"](y_pred, y)
    assert grad.shape == y_pred.shape
    numeric = gradient(lambda v: refs["mse_loss"](v, y), y_pred, h=1e-4)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-7)


def least_squares_problem(seed, N, D):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, D))
    return X, X @ rng.normal(size=D) + 0.3 * rng.normal(size=N)


@pytest.mark.parametrize("N,D", [(5, 1), (8, 3), (30, 5), (4, 4)])
@pytest.mark.parametrize("seed", [0, 1])
def test_normal_equations_match_lstsq_and_zero_the_gradient(refs, N, D, seed):
    X, y = least_squares_problem(seed, N, D)
    w = refs["normal_equations"](X, y)
    assert w.shape == (D,)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-9, atol=1e-10)
    loss = lambda v: np.mean((X @ v - y) ** 2)
    np.testing.assert_allclose(gradient(loss, w), 0, atol=1e-7)


@pytest.mark.parametrize("N,D", [(5, 1), (8, 3), (30, 5)])
def test_linear_mse_grad_matches_central_differences(refs, N, D):
    X, y = least_squares_problem(7, N, D)
    w = np.random.default_rng(8).normal(size=D)
    grad = refs["linear_mse_grad"](w, X, y)
    assert grad.shape == w.shape
    np.testing.assert_allclose(grad, gradient(lambda v: np.mean((X @ v - y) ** 2), w), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("N,D,M", [pytest.param(5, 3, 2, id="N5-D3-M2"), pytest.param(4, 2, 3, id="N4-D2-M3"),
                                   pytest.param(3, 3, 3, id="square"), pytest.param(6, 2, 0, id="one-output")])
def test_linear_mse_gradient_matches_central_differences(refs, N, D, M):
    """The derive-it exercise's reference: the mean over all N*M entries, differentiated in W."""
    rng = np.random.default_rng(N * 10 + D + M)
    X = rng.normal(size=(N, D))
    W, Y = (rng.normal(size=(D, M)), rng.normal(size=(N, M))) if M else (rng.normal(size=D), rng.normal(size=N))
    dW = refs["linear_mse_gradient"](X, W, Y)
    assert dW.shape == W.shape
    np.testing.assert_allclose(dW, gradient(lambda V: np.mean((X @ V - Y) ** 2), W), rtol=1e-6, atol=1e-8)


def test_linear_mse_gradient_feedback_points_at_steps_not_the_formula(refs):
    text = refs.formulas["linear_mse_gradient"]
    assert "step" in text and "derivations.py" in text
    assert "X.T @" not in text and "/ Y.size" not in text and "2 *" not in text
    assert "X.T @" not in refs.formulas["gradient_descent_step"]


def test_gradient_descent_step_is_one_step_downhill(refs):
    X, y = least_squares_problem(3, 20, 3)
    w = np.array([1.0, -2.0, 0.5])
    loss = lambda v: np.mean((X @ v - y) ** 2)
    lr = 0.05
    new = refs["gradient_descent_step"](w, X, y, lr)
    np.testing.assert_allclose(new, w - lr * gradient(loss, w), rtol=1e-6, atol=1e-8)
    assert loss(new) < loss(w)


def test_gradient_descent_converges_to_the_normal_equations(refs):
    X, y = least_squares_problem(4, 40, 3)
    w = np.zeros(3)
    for _ in range(2000):
        w = refs["gradient_descent_step"](w, X, y, 0.1)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-6, atol=1e-8)

