# No guard: evidence of probability 0 comes back as 0 / 0 = nan.
EXPECT = {"check": "region_posterior/zero-evidence", "says": "ValueError",
          "passes": ["region_posterior/equals-enumeration", "region_posterior/tickets-unobserved"]}


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    evidence = p_chargeback[:, chargeback] * (p_tickets[:, tickets] if tickets is not None else 1.0)
    post = p_region * (p_fraud @ evidence)
    with np.errstate(all="ignore"):
        return post / post.sum()
