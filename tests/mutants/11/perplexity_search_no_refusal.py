# No check of the target: perplexity >= N - 1 runs out max_steps and returns a tiny beta.
EXPECT = {"check": "perplexity_search/bad-perplexity", "says": "ValueError"}

def perplexity_search(D, perplexity, tol=1e-5, max_steps=200):
    D = np.asarray(D, dtype=float)
    N = D.shape[0]
    target = np.log(perplexity)
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
