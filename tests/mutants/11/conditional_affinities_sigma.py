# beta taken as 1 / sigma**2, so the exponent is -beta * D / 2.
EXPECT = {"check": "conditional_affinities/values", "says": "beta read as 1 / sigma**2"}

def conditional_affinities(D, beta):
    shifted = np.asarray(D, dtype=float) + np.diag(np.full(len(D), np.inf))
    shifted -= np.min(shifted, axis=1, keepdims=True)
    e = np.exp(-np.asarray(beta)[:, None] * shifted / 2)
    return e / np.sum(e, axis=1, keepdims=True)
