# Two nested loops written for matrices, np.atleast_2d for vectors: on a 3-D x, x[i, j] is a whole row,
# perturbed all at once.
EXPECT = {"check": "numerical_gradient/shapes", "says": "numerical_gradient/shapes is about grad having x's shape",
          "passes": ["numerical_gradient/values", "numerical_gradient/central-differences", "numerical_gradient/x-restored"]}


def numerical_gradient(f, x, h=1e-5):
    grid = np.atleast_2d(x)            # a view: writes to it reach x
    grad = np.zeros(grid.shape)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            old = grid[i, j]
            grid[i, j] = old + h
            f_plus = f(x)
            grid[i, j] = old - h
            f_minus = f(x)
            grid[i, j] = old
            grad[i, j] = (f_plus - f_minus) / (2 * h)
    return grad.reshape(x.shape)
