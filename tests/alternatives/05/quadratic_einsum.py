# einsum for the quadratic form, NumPy scalars returned as they come.
def quadratic_loss(A, b, w):
    return 0.5 * np.einsum("i,ij,j->", w, A, w) - np.dot(b, w)


def quadratic_gradient(A, b, w):
    return np.einsum("ij,j->i", A, w) - b
