def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    dx = np.einsum("nm,dm->nd", dout, W).reshape(x.shape)
    dW = np.einsum("nd,nm->dm", X, dout)
    db = np.einsum("nm->m", dout)
    return dx, dW, db
