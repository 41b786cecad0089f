# An "unbiased" covariance, N_k - 1: not the maximiser of Q.
EXPECT = {"check": "m_step/hard-assignments", "says": "derivations.py, step 4c",
          "also": ["m_step/values", "m_step/em-never-decreases"]}


def m_step(X, R):
    Nk = R.sum(axis=0)
    means = (R.T @ X) / Nk[:, None]
    covs = np.stack([(R[:, k, None] * (X - means[k])).T @ (X - means[k]) / (Nk[k] - 1) for k in range(len(Nk))])
    return Nk / len(X), means, covs
