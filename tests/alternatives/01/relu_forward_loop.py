def relu_forward(x):
    x = np.asarray(x)
    out = np.empty(x.shape, dtype=float)
    for i, v in np.ndenumerate(x):
        out[i] = v if v > 0 else 0.0
    return out
