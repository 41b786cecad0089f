# The entropy in bits against log2(perplexity) (the same perplexity), and a bisection on log(sigma)
# with beta = 1 / (2 sigma**2); tol is then in bits, a tighter test than the docstring's nats.
def perplexity_search(D, perplexity, tol=1e-5, max_steps=200):
    D = np.asarray(D, dtype=float)
    N = len(D)
    if perplexity <= 1 or perplexity >= N - 1:
        raise ValueError(f"perplexity {perplexity} is out of reach for {N} points: it must lie in (1, N - 1)")
    beta = np.empty(N)
    for i in range(N):
        d = np.delete(D[i], i)
        lo, hi = -30.0, 30.0                        # log sigma
        for _ in range(max_steps):
            mid = (lo + hi) / 2
            b = 1.0 / (2.0 * np.exp(2 * mid))
            e = np.exp(-b * (d - d.min()))
            p = e / e.sum()
            H_bits = -np.sum(p[p > 0] * np.log2(p[p > 0]))
            if abs(H_bits - np.log2(perplexity)) < tol:
                break
            lo, hi = (lo, mid) if H_bits > np.log2(perplexity) else (mid, hi)   # too flat: smaller sigma
        beta[i] = b
    return beta
