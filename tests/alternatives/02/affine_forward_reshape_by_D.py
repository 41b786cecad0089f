# Reshape by D (W's rows) instead of N; np.dot and an explicit row vector for b.
def affine_forward(x, W, b):
    return np.dot(x.reshape(-1, W.shape[0]), W) + b.reshape(1, -1)
