def project(X, mean, components):
    return np.einsum("nd,kd->nk", X - mean, components)
