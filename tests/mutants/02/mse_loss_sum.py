EXPECT = {"check": "mse_loss/vector", "says": "the sum of squares, not their mean"}


def mse_loss(y_pred, y):
    diff = y_pred - y
    return float(np.sum(diff ** 2)), 2 * diff / diff.size
