def mse_loss(y_pred, y):
    r = (y_pred - y).ravel()
    return r @ r / r.size, (2 / r.size) * (y_pred - y)
