"""Session 05 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def quadratic_loss(A, b, w):
    # f = 1/2 w.T A w - b.T w: one number
    return float(0.5 * w @ A @ w - b @ w)


def quadratic_gradient(A, b, w):
    # d/dw (1/2 w.T A w) = A w for symmetric A;  d/dw (b.T w) = b
    return A @ w - b


def optimal_step_size(A):
    eigenvalues = np.linalg.eigvalsh(A)            # ascending, real: A is symmetric
    mu, L = eigenvalues[0], eigenvalues[-1]
    lr = 2 / (L + mu)                              # balances |1 - lr*mu| = |1 - lr*L|
    rate = (L - mu) / (L + mu)                     # = (kappa - 1) / (kappa + 1)
    return float(lr), float(rate)


def sgd_step(w, grad, lr):
    # a new array: `w -= lr * grad` would change the caller's w
    return w - lr * grad


def momentum_step(w, grad, velocity, lr, beta):
    velocity_new = beta * velocity + grad          # remember past gradients, decayed by beta
    w_new = w - lr * velocity_new                  # move along the new velocity
    return w_new, velocity_new


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad         # running mean of grad
    v_new = beta2 * v + (1 - beta2) * grad ** 2    # running mean of grad**2
    m_hat = m_new / (1 - beta1 ** t)               # undo the pull towards m_0 = 0; t = 1 on the first step
    v_hat = v_new / (1 - beta2 ** t)
    w_new = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w_new, m_new, v_new


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr, _ = optimal_step_size(A)
    w = np.array(w0, dtype=float)                  # a copy: the caller's w0 stays as it was
    for steps in range(max_steps):
        grad = quadratic_gradient(A, b, w)
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w = sgd_step(w, grad, lr)
    return w, max_steps
