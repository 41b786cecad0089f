"""Session 06 reference answers. Never shipped to learners (see `kit release`).

Layout: X is (N, D), users in rows; components are (k, D), one per row.
"""

import numpy as np


def covariance(X):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)                  # centre every feature: each column now averages 0
    return Xc.T @ Xc / (X.shape[0] - 1)      # S_ij = sum_n Xc[n, i] Xc[n, j] / (N - 1), like np.cov


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))   # stationarity of the Lagrangian: S w = λ w
    order = np.argsort(lam)[::-1][:k]        # eigh is ascending; the variance along w is λ, so largest first
    return W[:, order].T, lam[order]         # eigenvectors are eigh's COLUMNS; we return them as rows


def project(X, mean, components):
    Xc = np.asarray(X, dtype=float) - mean   # coordinates are measured from the mean
    return Xc @ components.T                 # z_n = V (x_n - mean), all rows at once: (N, D) @ (D, k)


def reconstruct(Z, mean, components):
    return Z @ components + mean             # x_hat_n = mean + V^T z_n, all rows at once: (N, k) @ (k, D)


def explained_variance_ratio(X, k):
    S = covariance(X)
    _, variances = pca(X, k)
    return variances / np.trace(S)           # trace(S) = sum of ALL eigenvalues = total variance


def pca_2d(X):
    X = np.asarray(X, dtype=float)
    components, _ = pca(X, 2)
    return project(X, X.mean(axis=0), components)   # (N, 2): ready for plt.scatter(Z[:, 0], Z[:, 1])
