# The sums of the derivation, written out.
def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    N, D = X.shape
    M = W.shape[1]
    dX, dW, db = np.zeros((N, D)), np.zeros((D, M)), np.zeros(M)
    for n in range(N):
        for m in range(M):
            db[m] += dout[n, m]
            for d in range(D):
                dX[n, d] += dout[n, m] * W[d, m]
                dW[d, m] += X[n, d] * dout[n, m]
    return dX.reshape(x.shape), dW, db
