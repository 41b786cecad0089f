# The textbook line on the caller's array: right values, caller's w changed.
EXPECT = {"check": "sgd_step/inputs-unchanged", "says": "modified its argument `w` in place"}


def sgd_step(w, grad, lr):
    w -= lr * grad
    return w
