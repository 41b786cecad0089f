# Perturbs up, then down, and moves on: every entry is left at old - h.
EXPECT = {"check": "numerical_gradient/x-restored", "says": "modified its argument `x` in place"}


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = f(x)
        x[idx] -= 2 * h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
