# Puts inf on the caller's diagonal to skip j == i.
EXPECT = {"check": "perplexity_search/input-unchanged", "says": "changed the caller's array"}

def perplexity_search(D, perplexity, tol=1e-5, max_steps=200):
    D = np.asarray(D, dtype=float)
    np.fill_diagonal(D, np.inf)
    N = D.shape[0]
    if not 1 < perplexity < N - 1:
        raise ValueError("perplexity must be between 1 and N - 1")
    target = np.log(perplexity)
    beta = np.ones(N)
    for i in range(N):
        lo, hi = 0.0, np.inf
        for _ in range(max_steps):
            e = np.exp(-beta[i] * (D[i] - D[i].min()))
            p = e / e.sum()
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
