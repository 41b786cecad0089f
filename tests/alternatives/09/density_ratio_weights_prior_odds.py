# The classifier's odds divided by the prior odds n_target / n_source; refuses via a loop.
def density_ratio_weights(p_target, n_source, n_target):
    for c in np.ravel(p_target):
        if not 0 <= c < 1:
            raise ValueError(f"P(target | x) = {c} is outside [0, 1)")
    c = np.asarray(p_target, dtype=float)
    prior_odds = n_target / n_source
    return (c / (1 - c)) / prior_odds
