"""Session 02 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def affine_forward(x, W, b):
    N = x.shape[0]
    X = x.reshape(N, -1)             # (N, d1, ..., dk) -> (N, D): one sample per row; a view, x untouched
    return X @ W + b                 # (N, D) @ (D, M) + (M,): b is broadcast to every row


def affine_backward(dout, x, W, b):
    N = x.shape[0]
    X = x.reshape(N, -1)
    dx = (dout @ W.T).reshape(x.shape)   # dX = dY Wᵀ, then back to x's own shape
    dW = X.T @ dout                      # dW = Xᵀ dY: shape (D, M), like W
    db = dout.sum(axis=0)                # b touches every row: sum dY over the N samples
    return dx, dW, db


def mse_loss(y_pred, y):
    diff = y_pred - y
    loss = np.mean(diff ** 2)            # mean over all entries
    dy_pred = 2 * diff / diff.size       # d(r²)/dr = 2r, and the mean's 1/size
    return float(loss), dy_pred


def linear_mse_gradient(X, W, Y):
    dP = 2 * (X @ W - Y) / Y.size        # step 2: the MSE's gradient in P = X W (mean over all entries)
    return X.T @ dP                      # step 3: the layer's dW = Xᵀ dP, W's shape


def normal_equations(X, y):
    # grad = 2 Xᵀ(Xw - y)/N = 0  ⇔  (XᵀX) w = Xᵀy; solve the system, never form the inverse
    return np.linalg.solve(X.T @ X, X.T @ y)


def gradient_descent_step(w, X, y, lr):
    grad = 2 * X.T @ (X @ w - y) / y.size    # linear_mse_gradient's result for one output (M = 1)
    return w - lr * grad                      # a new array: the caller's w is untouched
