# Bayes' rule in probabilities: fine near the data, 0 / 0 = nan for a user far from every component.
EXPECT = {"check": "e_step/far-points", "says": "stay in log space", "passes": ["e_step/values", "e_step/shapes"],
          "affects": ["m_step"]}


def e_step(X, weights, means, covs):
    p = np.column_stack([weights[k] * np.exp(gaussian_log_density(X, means[k], covs[k])) for k in range(len(weights))])
    return p / p.sum(axis=1, keepdims=True)
