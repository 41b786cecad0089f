# One row at a time, the diagonal left out with np.delete, shifted by the nearest neighbour.
def conditional_affinities(D, beta):
    D = np.asarray(D, dtype=float)
    P = np.zeros(D.shape)
    for i in range(len(D)):
        d = np.delete(D[i], i)
        e = np.exp(-beta[i] * (d - d.min()))
        P[i] = np.insert(e / e.sum(), i, 0.0)
    return P
