def relu_backward(dout, x):
    dx = np.zeros(np.shape(x))
    for i in np.ndindex(np.shape(x)):
        if x[i] > 0:
            dx[i] = dout[i]
    return dx
