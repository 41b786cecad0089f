# Divides the symmetrised sum by N: P sums to 2.
EXPECT = {"check": "joint_probabilities/values", "says": "the 2 of the 2N is missing"}

def joint_probabilities(P_cond):
    return (P_cond + P_cond.T) / len(P_cond)
