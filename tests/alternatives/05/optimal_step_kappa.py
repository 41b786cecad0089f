# Through the condition number, eigenvalues from np.linalg.eigvals (real for symmetric A); a list.
def optimal_step_size(A):
    eigenvalues = np.real(np.linalg.eigvals(A))
    mu, L = eigenvalues.min(), eigenvalues.max()
    kappa = L / mu
    return [2 / (mu * (kappa + 1)), (kappa - 1) / (kappa + 1)]
