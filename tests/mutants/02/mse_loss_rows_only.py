# Divides by N = len(y): right for a vector, wrong for an (N, M) prediction.
EXPECT = {"check": "mse_loss/mean-over-all-entries", "says": "divided by N = len(y) only"}


def mse_loss(y_pred, y):
    diff = y_pred - y
    N = len(y)
    return float(np.sum(diff ** 2) / N), 2 * diff / N
