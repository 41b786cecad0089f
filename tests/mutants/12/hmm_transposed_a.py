# A[j, i] where A[i, j] belongs: log_A @-style indexing the wrong way round.
EXPECT = {"check": "hmm_forward/values", "says": "log_A transposed"}


def hmm_forward(log_pi, log_A, log_B, obs):
    log_alpha = np.zeros((len(obs), len(log_pi)))
    log_alpha[0] = log_pi + log_B[:, obs[0]]
    for t in range(1, len(obs)):
        log_alpha[t] = log_B[:, obs[t]] + logsumexp(log_alpha[t - 1][None, :] + log_A, axis=1)
    return log_alpha, float(logsumexp(log_alpha[-1], axis=0))
