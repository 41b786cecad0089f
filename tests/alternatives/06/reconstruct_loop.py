# One user at a time: x_hat = mean + V^T z.
def reconstruct(Z, mean, components):
    return np.array([mean + components.T @ z for z in Z])
