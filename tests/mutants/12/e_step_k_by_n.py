# Responsibilities as (K, N), one row per component (another library's convention; this course's is (N, K)).
EXPECT = {"check": "e_step/values", "says": "shape", "affects": ["m_step"]}


def e_step(X, weights, means, covs):
    a = np.stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k]) for k in range(len(weights))])
    return np.exp(a - logsumexp(a, axis=0)[None, :])
