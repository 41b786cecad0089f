"""Central finite differences, the independent method every derivation test checks SymPy against.

    central(f, x)     f elementwise (out[i] depends on x[i] only): every entry nudged at once
    gradient(f, a)    f scalar: ∂f/∂a entry by entry, an array of a's shape (dW.shape == W.shape)
    jacobian(f, x)    f array-valued: numerator layout, J[i, j] = ∂f(x)[i] / ∂x[j]

Central, not forward: (f(x+h) - f(x-h)) / 2h is off by about h² f'''/6, forward by h f''/2, so at
h = 1e-6 central agrees to ~1e-10 and forward only to ~1e-6 (session 04's derivation shows both).
Every step is taken on a fresh array (x + step), so f never sees, or can change, the caller's x.
"""

from __future__ import annotations

import numpy as np

H = 1e-6


def central(f, x, h=H):
    """f'(x) for an elementwise f, all entries at once; x may be a scalar."""
    return (f(x + h) - f(x - h)) / (2 * h)


def jacobian(f, x, h=H):
    """∂f(x)/∂x, one entry of x at a time: shape f(x).shape + x.shape, J[i..., j...] = ∂f[i...]/∂x[j...]."""
    x = np.asarray(x, dtype=float)
    out_shape = np.shape(f(x))
    J = np.zeros(out_shape + x.shape)
    for j in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[j] = h
        J[(...,) + j] = (np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * h)
    return J


def gradient(f, a, h=H):
    """∂f/∂a for a scalar f of an array a: an array of a's shape."""
    grad = jacobian(f, a, h)
    assert grad.shape == np.shape(a), f"gradient() needs a scalar f; use jacobian() for an f of shape {np.shape(f(a))}"
    return grad
