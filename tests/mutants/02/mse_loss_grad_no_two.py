EXPECT = {"check": "mse_loss/vector", "says": "the 2 from d(r²)/dr = 2r is missing"}


def mse_loss(y_pred, y):
    diff = y_pred - y
    return float(np.mean(diff ** 2)), diff / diff.size
