# For a symmetric positive definite A the singular values are the eigenvalues.
def optimal_step_size(A):
    s = np.linalg.svd(A, compute_uv=False)
    return 2 / (s[0] + s[-1]), (s[0] - s[-1]) / (s[0] + s[-1])
