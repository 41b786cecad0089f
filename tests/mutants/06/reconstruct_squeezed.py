# np.squeeze "to tidy the result": one user's (1, D) row comes back as a (D,) vector.
EXPECT = {"check": "reconstruct/shapes", "says": "one user (N = 1)", "passes": ["reconstruct/values"]}


def reconstruct(Z, mean, components):
    return np.squeeze(Z @ components + mean)
