EXPECT = {"check": "numerical_gradient/values", "says": "returned shape (12,), expected (3, 4)"}


def numerical_gradient(f, x, h=1e-5):
    grad = []
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = f(x)
        x[idx] = old - h
        f_minus = f(x)
        x[idx] = old
        grad.append((f_plus - f_minus) / (2 * h))
    return np.array(grad)
