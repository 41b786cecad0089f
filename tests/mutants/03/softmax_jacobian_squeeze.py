# .squeeze() instead of [0] to unwrap the (1, C) softmax: with one logit p becomes 0-d and np.diag(p) raises.
EXPECT = {"check": "softmax_jacobian/shapes", "says": "raised on a row of 1 logit: ValueError: Input must be 1- or 2-d",
          "passes": ["softmax_jacobian/ordinary", "softmax_jacobian/large-logits", "softmax_jacobian/input-unchanged"]}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :]).squeeze()
    return np.diag(p) - np.outer(p, p)
