# The diagonal's exp(0) = 1 counted in each row's normaliser, then zeroed.
EXPECT = {"check": "conditional_affinities/values", "says": "the diagonal counted in the normaliser"}

def conditional_affinities(D, beta):
    e = np.exp(-np.asarray(beta)[:, None] * np.asarray(D, dtype=float))
    P = e / np.sum(e, axis=1, keepdims=True)
    np.fill_diagonal(P, 0.0)
    return P
