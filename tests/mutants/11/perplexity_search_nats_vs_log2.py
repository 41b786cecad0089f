# The entropy in nats, compared with log2(perplexity).
EXPECT = {"check": "perplexity_search/values", "says": "an entropy in nats compared with log2(perplexity)"}

def perplexity_search(D, perplexity, tol=1e-5, max_steps=200):
    D = np.asarray(D, dtype=float)
    N = D.shape[0]
    if not 1 < perplexity < N - 1:
        raise ValueError("perplexity must be between 1 and N - 1")
    target = np.log2(perplexity)
    beta = np.ones(N)
    for i in range(N):
        lo, hi = 0.0, np.inf
        for _ in range(max_steps):
            p = _row(D, i, beta[i])
            H = -np.sum(p[p > 0] * np.log(p[p > 0]))
            if abs(H - target) < tol:
                break
            if H > target:
                lo = beta[i]
                beta[i] = beta[i] * 2 if hi == np.inf else (lo + hi) / 2
            else:
                hi = beta[i]
                beta[i] = (lo + hi) / 2
    return beta
