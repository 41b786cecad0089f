# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Session 06 — take-home exercises: PCA, eigenvectors and the SVD
#
# Fill in each function, then run `make check S=06`. Derive first (see `derivations.py`
# and the slides), then translate the formula into NumPy.
#
# Conventions used by every function below:
# - `X` is `(N, D)`: one user (sample) per **row**, one feature per column.
# - The covariance divides by `N - 1`, like `np.cov`. Explained-variance *ratios* do not depend on it.
# - Components are a `(k, D)` array, one unit-length component per **row**, largest variance first.
# - The sign of each component is arbitrary (if w is an eigenvector, so is -w): the checker accepts
#   either sign and never compares raw components.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def covariance(X):
    """The sample covariance matrix of the features.

    Parameters
    ----------
    X : ndarray, shape (N, D)            N >= 2 users in rows, D features in columns; float or integer

    Returns
    -------
    S : ndarray, shape (D, D)            S = Xc.T @ Xc / (N - 1),  Xc = X - X.mean(axis=0)

    S is (D, D) even when D == 1. Hint: centre first, then one matrix product. np.cov treats
    each ROW as a variable unless you pass rowvar=False, and returns a 0-d array when D == 1.
    Do not modify X (X -= ... would).
    """
    raise NotImplementedError("covariance: write it, then run `make check S=06`")


# %%
def pca(X, k):
    """The k principal components of X and the variance along each.

    Parameters
    ----------
    X : ndarray, shape (N, D)            users in rows
    k : int                              how many components, 1 <= k <= min(N - 1, D)

    Returns
    -------
    components : ndarray, shape (k, D)           one unit-length eigenvector of S per ROW,
                                                 orthogonal to each other
    explained_variance : ndarray, shape (k,)     the matching eigenvalues of S = covariance(X),
                                                 largest first

    Return them as a tuple (components, explained_variance). They solve S w = λ w (the stationarity
    condition of w.T @ S @ w - λ (w.T @ w - 1)), and the variance along w is λ.
    Hint: np.linalg.eigh(S) is made for symmetric S: real results, orthonormal eigenvectors, but
    eigenvalues in ASCENDING order and eigenvectors in its COLUMNS. np.linalg.eig gives neither
    guarantee. The SVD of the centred data, Xc = U diag(s) Vt, works too: the rows of Vt are the
    components and s**2 / (N - 1) the variances. Do not modify X.
    """
    raise NotImplementedError("pca: write it, then run `make check S=06`")


# %%
def project(X, mean, components):
    """Each user's coordinates along the given components.

    Parameters
    ----------
    X : ndarray, shape (N, D)            users in rows
    mean : ndarray, shape (D,)           the mean the components were computed around
    components : ndarray, shape (k, D)   orthonormal rows, e.g. from pca(X, k)

    Returns
    -------
    Z : ndarray, shape (N, k)            Z = (X - mean) @ components.T

    Use the components exactly as given (do not flip or reorder them). Do not modify the inputs.
    """
    raise NotImplementedError("project: write it, then run `make check S=06`")


# %%
def reconstruct(Z, mean, components):
    """Back from coordinates to feature space: the closest points in the components' span.

    Parameters
    ----------
    Z : ndarray, shape (N, k)            coordinates, e.g. from project(...)
    mean : ndarray, shape (D,)
    components : ndarray, shape (k, D)   orthonormal rows

    Returns
    -------
    X_hat : ndarray, shape (N, D)        X_hat = Z @ components + mean

    With k == D the reconstruction is exact. Do not modify the inputs.
    """
    raise NotImplementedError("reconstruct: write it, then run `make check S=06`")


# %%
def explained_variance_ratio(X, k):
    """The share of the data's total variance that each of the top k components carries.
    Derive it yourself.

    The total variance of the data is the sum of the variances of its D features. Component i
    carries some of it; this function returns those shares for the k components with the largest
    variance, largest first.

    Parameters
    ----------
    X : ndarray, shape (N, D)            users in rows
    k : int                              1 <= k <= D

    Returns
    -------
    ratio : ndarray, shape (k,)          entry i: component i's own share of the total variance
                                         (not cumulative), largest first; each entry in [0, 1],
                                         and the entries sum to 1 when k == D

    Derive it in four steps (the slides lead you through them; derivations.py, "explained
    variance ratio, step by step", has each step for when you are stuck):
    1. the variance of the data along component i (what is w.T @ S @ w at an eigenvector?);
    2. the total variance as a quantity computed from S = covariance(X);
    3. that total in terms of the eigenvalues of S (S = W diag(lam) W.T);
    4. does dividing by N instead of N - 1 change the answer?
    You may reuse covariance and pca. Do not modify X.
    """
    raise NotImplementedError("explained_variance_ratio: write it, then run `make check S=06`")


# %%
def pca_2d(X):
    """The essay's use: each user as a point in 2-D, ready to scatter-plot.

    Parameters
    ----------
    X : ndarray, shape (N, D)            users in rows, D >= 2, N >= 3

    Returns
    -------
    Z : ndarray, shape (N, 2)            Z = (X - X.mean(axis=0)) @ components.T with the top 2 components

    Each column's sign is arbitrary (either is accepted). Hint: reuse pca and project.
    Do not modify X.
    """
    raise NotImplementedError("pca_2d: write it, then run `make check S=06`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 4)) @ rng.normal(size=(4, 4)) + 10   # 50 "users", 4 correlated features
    print(np.round(np.cov(X, rowvar=False), 3))
