# Copies every input into the cache, masks by zeroing a copy (the essay's line), loops over samples for db.
def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X.dot(W1) + b1
    h1 = z1.copy()
    h1[h1 < 0] = 0
    scores = h1.dot(W2) + b2
    return scores, [X.copy(), W1.copy(), W2.copy(), z1, h1]


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dh1 = dscores.dot(W2.T)
    dz1 = dh1.copy()
    dz1[z1 <= 0] = 0
    db1 = np.zeros(z1.shape[1])
    db2 = np.zeros(dscores.shape[1])
    for n in range(X.shape[0]):
        db1 += dz1[n]
        db2 += dscores[n]
    return dz1.dot(W1.T), X.T.dot(dz1), db1, h1.T.dot(dscores), db2
