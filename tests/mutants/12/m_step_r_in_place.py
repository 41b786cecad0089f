# R /= Nk turns the caller's responsibilities into per-component weights.
EXPECT = {"check": "m_step/inputs-unchanged", "says": "modified its argument `R` in place",
          "passes": ["m_step/values", "m_step/hard-assignments"]}


def m_step(X, R):
    Nk = R.sum(axis=0)
    R /= Nk
    means = R.T @ X
    covs = np.stack([(R[:, k, None] * (X - means[k])).T @ (X - means[k]) for k in range(len(Nk))])
    return Nk / len(X), means, covs
