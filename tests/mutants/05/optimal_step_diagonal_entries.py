# Right formula, wrong eigenvalues: the diagonal of A only holds them when A is diagonal.
EXPECT = {"check": "optimal_step_size/rotated", "says": "read from the diagonal of A", "affects": ["gd_to_tolerance"]}


def optimal_step_size(A):
    d = np.diag(A)
    mu, L = d.min(), d.max()
    return float(2 / (L + mu)), float((L - mu) / (L + mu))
