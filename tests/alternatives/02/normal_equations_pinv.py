def normal_equations(X, y):
    return np.linalg.pinv(X) @ y
