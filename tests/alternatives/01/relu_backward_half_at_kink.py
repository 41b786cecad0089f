# Any value between 0 and dout is valid at the kink, e.g. SymPy's Heaviside(0) = 1/2.
def relu_backward(dout, x):
    return dout * np.heaviside(x, 0.5)
