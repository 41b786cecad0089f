# The shift written into the caller's D.
EXPECT = {"check": "conditional_affinities/inputs-unchanged", "says": "changed the caller's array"}

def conditional_affinities(D, beta):
    D = np.asarray(D, dtype=float)
    np.fill_diagonal(D, np.inf)
    D -= np.min(D, axis=1, keepdims=True)
    e = np.exp(-np.asarray(beta)[:, None] * D)
    return e / np.sum(e, axis=1, keepdims=True)
