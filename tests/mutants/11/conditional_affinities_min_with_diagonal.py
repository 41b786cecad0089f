# Subtracts the row minimum, but the diagonal's 0 is that minimum: no shift at all.
EXPECT = {"check": "conditional_affinities/large-precision", "says": "OFF-diagonal"}

def conditional_affinities(D, beta):
    D = np.asarray(D, dtype=float)
    e = np.exp(-np.asarray(beta)[:, None] * (D - np.min(D, axis=1, keepdims=True)))
    np.fill_diagonal(e, 0.0)
    return e / np.sum(e, axis=1, keepdims=True)
