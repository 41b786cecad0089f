# The Lagrangian's multiplier dropped: weights = N_k, summing to N.
EXPECT = {"check": "m_step/values", "says": "derivations.py, step 4a"}


def m_step(X, R):
    Nk = R.sum(axis=0)
    means = (R.T @ X) / Nk[:, None]
    covs = np.stack([(R[:, k, None] * (X - means[k])).T @ (X - means[k]) / Nk[k] for k in range(len(Nk))])
    return Nk, means, covs
