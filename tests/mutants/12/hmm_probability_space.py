# The textbook recursion in probabilities, logs taken at the end: alpha underflows to 0 on a long sequence.
EXPECT = {"check": "hmm_forward/long-sequence", "says": "stay in log space",
          "passes": ["hmm_forward/values", "hmm_forward/shapes"]}


def hmm_forward(log_pi, log_A, log_B, obs):
    A, B = np.exp(log_A), np.exp(log_B)
    alpha = np.zeros((len(obs), len(log_pi)))
    alpha[0] = np.exp(log_pi) * B[:, obs[0]]
    for t in range(1, len(obs)):
        alpha[t] = B[:, obs[t]] * (alpha[t - 1] @ A)
    return np.log(alpha), float(np.log(alpha[-1].sum()))
