# x.flatten() is a copy: the perturbations never reach the x that f sees.
EXPECT = {"check": "numerical_gradient/values", "says": "f never saw the perturbation"}


def numerical_gradient(f, x, h=1e-5):
    flat = x.flatten()
    grad = np.zeros(flat.shape)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f(x)
        flat[i] = old - h
        f_minus = f(x)
        flat[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad.reshape(x.shape)
