EXPECT = {"check": "numerical_gradient/central-differences", "says": "forward differences", "passes": ["numerical_gradient/x-restored", "numerical_gradient/shapes"]}


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        grad[idx] = (f(x) - fx) / h
        x[idx] = old
    return grad
