# eigvalsh sorts ascending; reading it as descending swaps L and mu (lr is symmetric, rate is not).
EXPECT = {"check": "optimal_step_size/diagonal", "says": "L and mu swapped in the rate"}


def optimal_step_size(A):
    eigenvalues = np.linalg.eigvalsh(A)
    L, mu = eigenvalues[0], eigenvalues[-1]
    return float(2 / (L + mu)), float((L - mu) / (L + mu))
