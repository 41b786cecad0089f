# p_chargeback[:, c] is a view: *= writes the tickets factor into the caller's table.
EXPECT = {"check": "region_posterior/inputs-unchanged", "says": "modified its argument `p_chargeback` in place",
          "passes": ["region_posterior/equals-enumeration"]}


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    evidence = p_chargeback[:, chargeback]
    if tickets is not None:
        evidence *= p_tickets[:, tickets]
    post = p_region * (p_fraud @ evidence)
    if post.sum() <= 0:
        raise ValueError("evidence of probability 0")
    return post / post.sum()
