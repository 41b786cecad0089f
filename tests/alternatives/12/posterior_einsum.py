# The elimination as one einsum over fraud; an unobserved tickets node as a factor of ones.


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    t_factor = p_tickets[:, tickets] if tickets is not None else np.ones(2)
    post = np.einsum("r,rf,f,f->r", p_region, p_fraud, t_factor, p_chargeback[:, chargeback])
    if not post.sum() > 0:
        raise ValueError(f"P(evidence) = {post.sum()}: no posterior")
    return post / post.sum()
