# log(softmax(z)): right on paper, but a probability that underflows to 0 gives log(0) = -inf.
EXPECT = {"check": "log_softmax/large-logits", "says": "divide by zero encountered in log", "affects": ["cross_entropy_loss"]}


def log_softmax(z):
    return np.log(softmax(z))
