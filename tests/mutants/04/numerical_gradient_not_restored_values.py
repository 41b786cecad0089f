# The same mistake seen through a function whose entries interact: later entries are wrong.
EXPECT = {"check": "numerical_gradient/values", "says": "x not restored: each entry is left at old - h"}


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = f(x)
        x[idx] -= 2 * h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
