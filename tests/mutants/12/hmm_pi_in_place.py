# log_pi += ... builds the first step in the caller's array.
EXPECT = {"check": "hmm_forward/inputs-unchanged", "says": "modified its argument `log_pi` in place",
          "passes": ["hmm_forward/values"]}


def hmm_forward(log_pi, log_A, log_B, obs):
    log_pi += log_B[:, obs[0]]
    log_alpha = [log_pi]
    for t in range(1, len(obs)):
        log_alpha.append(log_B[:, obs[t]] + logsumexp(log_alpha[-1][:, None] + log_A, axis=0))
    return np.array(log_alpha), float(logsumexp(log_alpha[-1], axis=0))
