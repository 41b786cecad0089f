EXPECT = {"check": "optimal_step_size/diagonal", "says": "lr = 1 / L", "affects": ["gd_to_tolerance"]}


def optimal_step_size(A):
    eigenvalues = np.linalg.eigvalsh(A)
    mu, L = eigenvalues[0], eigenvalues[-1]
    return float(1 / L), float(1 - mu / L)
