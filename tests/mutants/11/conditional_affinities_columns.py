# Normalised down the columns.
EXPECT = {"check": "conditional_affinities/values", "says": "normalised down the columns"}

def conditional_affinities(D, beta):
    shifted = np.asarray(D, dtype=float) + np.diag(np.full(len(D), np.inf))
    shifted -= np.min(shifted, axis=1, keepdims=True)
    e = np.exp(-np.asarray(beta)[:, None] * shifted)
    return e / np.sum(e, axis=0, keepdims=True)
