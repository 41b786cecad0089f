# Never touches x at all: perturbs fresh copies.
def numerical_gradient(f, x, h=1e-5):
    grad = np.empty(x.shape)
    for idx in np.ndindex(*x.shape):
        step = np.zeros(x.shape)
        step[idx] = h
        grad[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return grad
