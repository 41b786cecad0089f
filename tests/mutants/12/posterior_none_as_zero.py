# `tickets or 0`: an unobserved tickets node read as the observation tickets = 0.
EXPECT = {"check": "region_posterior/tickets-unobserved", "says": "unobserved tickets read as tickets = 0",
          "passes": ["region_posterior/equals-enumeration"]}


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    evidence = p_chargeback[:, chargeback] * p_tickets[:, tickets or 0]
    post = p_region * (p_fraud @ evidence)
    return post / post.sum()
