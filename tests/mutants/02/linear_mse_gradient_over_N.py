# A wrong derivation: the mean taken over the N samples only, as if M were 1.
EXPECT = {"check": "linear_mse_gradient/rectangular", "says": "divided by N (the samples) only"}


def linear_mse_gradient(X, W, Y):
    return 2 * X.T @ (X @ W - Y) / X.shape[0]
