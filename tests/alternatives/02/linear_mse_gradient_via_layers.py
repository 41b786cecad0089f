# The chain rule as code: the session's own mse_loss and affine_backward, composed (one output too).
def linear_mse_gradient(X, W, Y):
    N, D = X.shape
    W2 = W.reshape(D, -1)
    _, dP = mse_loss(X @ W2, Y.reshape(N, -1))
    _, dW, _ = affine_backward(dP, X, W2, np.zeros(W2.shape[1]))
    return dW.reshape(W.shape)
