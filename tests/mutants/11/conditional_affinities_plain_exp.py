# No shift before the exp: with beta * D in the hundreds every exp underflows, 0 / 0.
EXPECT = {"check": "conditional_affinities/large-precision", "says": "invalid value"}

def conditional_affinities(D, beta):
    e = np.exp(-np.asarray(beta)[:, None] * np.asarray(D, dtype=float))
    np.fill_diagonal(e, 0.0)
    return e / np.sum(e, axis=1, keepdims=True)
