# The covariances divided by N, as np.cov(..., bias=True) over all users would.
# Shrunken covariances make EM's log-likelihood fall after its first round.
EXPECT = {"check": "m_step/em-never-decreases", "says": "log-lik got worse at round",
          "also": ["m_step/values", "m_step/hard-assignments"]}


def m_step(X, R):
    Nk = R.sum(axis=0)
    means = (R.T @ X) / Nk[:, None]
    covs = np.stack([(R[:, k, None] * (X - means[k])).T @ (X - means[k]) / len(X) for k in range(len(Nk))])
    return Nk / len(X), means, covs
