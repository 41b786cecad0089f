# The gradient through the softmax Jacobian, row by row: ds = J_p^T dp with J = diag(p) - p p^T.
def softmax_loss(scores, y):
    n, c = scores.shape
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    p = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
    loss = -np.sum(np.log(p[np.arange(n), y])) / n
    dscores = np.zeros((n, c))
    for i in range(n):
        jac = np.diag(p[i]) - np.outer(p[i], p[i])        # dp_j / ds_k
        dp = np.zeros(c)
        dp[y[i]] = -1.0 / (n * p[i, y[i]])                 # d(-log p_y / n) / dp
        dscores[i] = jac.T @ dp
    return float(loss), dscores
