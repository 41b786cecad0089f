EXPECT = {"check": "sgd_step/values", "says": "a step uphill", "affects": ["gd_to_tolerance"]}


def sgd_step(w, grad, lr):
    return w + lr * grad
