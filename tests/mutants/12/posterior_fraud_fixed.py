# Fraud "must be 1 if there was a chargeback": the hidden node fixed instead of summed out.
EXPECT = {"check": "region_posterior/equals-enumeration", "says": "fraud fixed at 1 instead of summed out"}


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    evidence = p_chargeback[1, chargeback] * (p_tickets[1, tickets] if tickets is not None else 1.0)
    post = p_region * p_fraud[:, 1] * evidence
    return post / post.sum()
