# log_alpha as (S, T), one row per state (another library's layout; this course's is (T, S)).
EXPECT = {"check": "hmm_forward/values", "says": "shape", "also": ["hmm_forward/shapes"]}


def hmm_forward(log_pi, log_A, log_B, obs):
    log_alpha = np.zeros((len(log_pi), len(obs)))
    log_alpha[:, 0] = log_pi + log_B[:, obs[0]]
    for t in range(1, len(obs)):
        log_alpha[:, t] = log_B[:, obs[t]] + logsumexp(log_alpha[:, t - 1][:, None] + log_A, axis=0)
    return log_alpha, float(logsumexp(log_alpha[:, -1], axis=0))
