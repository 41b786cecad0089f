# Centres into a buffer made with np.zeros_like(X): for an integer X the buffer is integer too,
# so every centred value is truncated toward zero.
EXPECT = {"check": "project/shapes", "says": "on an integer X", "passes": ["project/values", "project/inputs-unchanged"]}


def project(X, mean, components):
    Xc = np.zeros_like(X)
    for n in range(len(X)):
        Xc[n] = X[n] - mean
    return Xc @ components.T
