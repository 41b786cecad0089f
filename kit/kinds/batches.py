"""Exercises on a batch of samples as rows (the course's layout: X is N×D, out = X @ W + b): an affine
layer and its backward, a loss over a batch, least squares, an MLP's layers.

Such exercises are probed with shapes chosen on purpose (N, D, M all different, so a missing transpose
shows up as a wrong shape; N = D = M, so it runs and can be named), and their known mistakes are often
products that do not even run at some of those shapes. This module builds their inputs and lets a
session's mistake table say such a mistake in one expression:

    layer(rng, (2, 2, 3), 4)               # x of shape (2, 2, 3) (N = 2 samples, D = 6), W (6, 4), b (4,)
    layer(rng, (4, 3), 2, dout=True)       # dout (4, 2), x, W, b: the backward's arguments
    ("dW = x @ dout", (None, tried(lambda: rows(x) @ dout), None), "dW = x.T @ dout ...")
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit import probes


def rows(x: np.ndarray) -> np.ndarray:
    """x as (N, D): one sample per row, whatever the shape of a sample."""
    return x.reshape(x.shape[0], -1)


def tried(mistake: Callable):
    """A known mistake's value, or None when it cannot be computed for these shapes (a missing transpose
    on a rectangular input): judges.Style's mistakes skip a None, so the mistake is named where it runs."""
    try:
        with np.errstate(all="ignore"):
            return mistake()
    except (ValueError, IndexError):
        return None


def layer(rng: np.random.Generator, x_shape: tuple, M: int, dout: bool = False) -> tuple:
    """Ordinary random (x, W, b) for an affine layer: x of shape x_shape (N samples first, each flattened
    to D entries), W (D, M), b (M,); with dout, (dout, x, W, b) with dout (N, M) for its backward."""
    x = probes.ordinary(rng, x_shape)
    W, b = probes.ordinary(rng, (int(np.prod(x_shape[1:])), M)), probes.ordinary(rng, (M,))
    return ((probes.ordinary(rng, (x_shape[0], M)),) if dout else ()) + (x, W, b)
