# log(1 + e^u) as np.logaddexp(0, u); the gradient as T * dL/dT (derivations.py: the two agree).
def temperature_nll(z, y, log_t):
    y = np.asarray(y)
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    T = np.exp(log_t)
    u = np.asarray(z, dtype=float) / T
    nll = np.mean(np.logaddexp(0.0, u) - y * u)
    p = np.exp(-np.logaddexp(0.0, -u))
    d_dT = np.mean((p - y) * (-u / T))
    return nll, T * d_dT
