# The joint P(region, evidence), never divided by P(evidence).
EXPECT = {"check": "region_posterior/equals-enumeration", "says": "not normalised",
          "also": ["region_posterior/tickets-unobserved"]}


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    evidence = p_chargeback[:, chargeback] * (p_tickets[:, tickets] if tickets is not None else 1.0)
    return p_region * (p_fraud @ evidence)
