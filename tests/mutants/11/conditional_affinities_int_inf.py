# A copy of D, but an integer D cannot hold inf on its diagonal.
EXPECT = {"check": "conditional_affinities/shapes", "says": "integer distances"}

def conditional_affinities(D, beta):
    D = np.array(D)
    np.fill_diagonal(D, np.inf)
    D = D - np.min(D, axis=1, keepdims=True)
    e = np.exp(-np.asarray(beta)[:, None] * D)
    return e / np.sum(e, axis=1, keepdims=True)
