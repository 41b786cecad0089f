def relu_forward(x):
    return np.where(x > 0, x, 0.0)
