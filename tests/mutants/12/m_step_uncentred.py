# The weighted second moment, never centred at the new means.
EXPECT = {"check": "m_step/values", "says": "not centred", "also": ["m_step/hard-assignments"]}


def m_step(X, R):
    Nk = R.sum(axis=0)
    means = (R.T @ X) / Nk[:, None]
    covs = np.stack([(R[:, k, None] * X).T @ X / Nk[k] for k in range(len(Nk))])
    return Nk / len(X), means, covs
