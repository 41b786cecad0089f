"""The inputs checks try: ordinary random values from a seed, plus the edge cases that catch
real mistakes. Values are rounded to two decimals so a failing example reads well."""

from __future__ import annotations

import numpy as np

HUGE = 1e300


def ordinary(rng: np.random.Generator, shape, scale: float = 3.0, margin: float = 0.1) -> np.ndarray:
    """Uniform in ±scale, both signs, never within `margin` of 0 (kinks are probed on purpose)."""
    x = np.round(rng.uniform(margin, scale, size=shape) * rng.choice([-1.0, 1.0], size=shape), 2)
    return np.asarray(x + np.where(x == 0, margin, 0.0), dtype=float)


def mixed_signs(rng: np.random.Generator, n: int = 6) -> np.ndarray:
    """A short 1-D input that surely holds both signs."""
    x = ordinary(rng, (n,))
    x[0], x[1] = -abs(x[0]), abs(x[1])
    return x


def with_zeros(rng: np.random.Generator, shape, every: int = 3) -> np.ndarray:
    """Ordinary values with exact zeros at every `every`-th entry."""
    x = ordinary(rng, shape)
    x.reshape(-1)[::every] = 0.0
    return x


def large(rng: np.random.Generator, n: int = 8) -> np.ndarray:
    """Huge magnitudes of both signs, finite, next to ordinary values."""
    x = ordinary(rng, (n,))
    x[:4] = [-HUGE, HUGE, -1e10, 1e10]
    return x


def integers(rng: np.random.Generator, shape, low: int = -5, high: int = 6) -> np.ndarray:
    return rng.integers(low, high, size=shape)


def scalar(rng: np.random.Generator, low: float = 0.5, high: float = 2.0) -> float:
    """A plain Python float of either sign, e.g. a shared weight."""
    return float(np.round(rng.uniform(low, high) * rng.choice([-1.0, 1.0]), 2))
