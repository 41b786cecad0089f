EXPECT = {"check": "mse_loss/vector", "says": "the 1/N of the mean is missing"}


def mse_loss(y_pred, y):
    diff = y_pred - y
    return float(np.mean(diff ** 2)), 2 * diff
