# db as ones(N) @ dout; a list instead of a tuple; np.dot instead of @.
def affine_backward(dout, x, W, b):
    N = x.shape[0]
    dx = np.dot(dout, W.T).reshape(*x.shape)
    dW = np.dot(np.reshape(x, (N, -1)).T, dout)
    db = np.ones(N) @ dout
    return [dx, dW, db]
