# p = exp(z - logsumexp(z)), with logsumexp written out as m + log(sum(exp(z - m))).
def softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.exp(z - lse)
