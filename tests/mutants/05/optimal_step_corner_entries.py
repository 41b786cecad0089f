EXPECT = {"check": "optimal_step_size/diagonal", "says": "A[-1, -1] and A[0, 0]", "affects": ["gd_to_tolerance"]}


def optimal_step_size(A):
    mu, L = A[0, 0], A[-1, -1]
    return float(2 / (L + mu)), float((L - mu) / (L + mu))
