def quadratic_gradient(A, b, w):
    grad = np.zeros(len(w))
    for i in range(len(w)):
        for j in range(len(w)):
            grad[i] += A[i, j] * w[j]
        grad[i] -= b[i]
    return grad
