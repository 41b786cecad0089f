# Rabiner's scaling: normalise alpha at every step, keep the log scale factors, add them back at the end.


def hmm_forward(log_pi, log_A, log_B, obs):
    A, B = np.exp(log_A), np.exp(log_B)
    T, S = len(obs), len(log_pi)
    hat, log_c = np.zeros((T, S)), np.zeros(T)
    m = np.max(log_pi + log_B[:, obs[0]])
    a = np.exp(log_pi + log_B[:, obs[0]] - m)
    log_c[0] = m + np.log(a.sum())
    hat[0] = a / a.sum()
    for t in range(1, T):
        a = B[:, obs[t]] * (hat[t - 1] @ A)
        log_c[t] = np.log(a.sum())
        hat[t] = a / a.sum()
    with np.errstate(divide="ignore"):
        log_alpha = np.log(hat) + np.cumsum(log_c)[:, None]
    return log_alpha, float(np.sum(log_c))
