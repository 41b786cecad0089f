# beta * D broadcasts beta along each row: entry (i, j) gets the neighbour's beta[j].
EXPECT = {"check": "conditional_affinities/values", "says": "beta[j] of the neighbour used"}

def conditional_affinities(D, beta):
    shifted = np.asarray(D, dtype=float) + np.diag(np.full(len(D), np.inf))
    shifted -= np.min(shifted, axis=1, keepdims=True)
    e = np.exp(-np.asarray(beta) * shifted)
    return e / np.sum(e, axis=1, keepdims=True)
