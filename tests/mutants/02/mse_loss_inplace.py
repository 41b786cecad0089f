# `diff = y_pred` names the caller's array; `-=` then overwrites the predictions.
EXPECT = {"check": "mse_loss/inputs-unchanged", "says": "modified its argument `y_pred` in place"}


def mse_loss(y_pred, y):
    diff = y_pred
    diff -= y
    return float(np.mean(diff ** 2)), 2 * diff / diff.size
