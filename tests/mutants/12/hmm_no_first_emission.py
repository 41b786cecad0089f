# The recursion starts from the prior alone: the first observation is never seen.
EXPECT = {"check": "hmm_forward/values", "says": "the first step without its emission", "also": ["hmm_forward/shapes"]}


def hmm_forward(log_pi, log_A, log_B, obs):
    log_alpha = np.zeros((len(obs), len(log_pi)))
    log_alpha[0] = log_pi
    for t in range(1, len(obs)):
        log_alpha[t] = log_B[:, obs[t]] + logsumexp(log_alpha[t - 1][:, None] + log_A, axis=0)
    return log_alpha, float(logsumexp(log_alpha[-1], axis=0))
