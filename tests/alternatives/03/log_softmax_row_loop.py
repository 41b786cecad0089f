import math


def log_softmax(z):
    out = np.empty(z.shape)
    for n, row in enumerate(z):
        m = max(row)
        lse = m + math.log(sum(math.exp(v - m) for v in row))
        out[n] = [v - lse for v in row]
    return out
