# Returns a NumPy float64 instead of a Python float: both are numbers.
def rel_error(a, b):
    return np.max(np.abs(np.subtract(a, b)) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
