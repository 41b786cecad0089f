# Averages P_cond and its transpose: P sums to N, not 1.
EXPECT = {"check": "joint_probabilities/values", "says": "the N of the 2N is missing",
          "also": ["joint_probabilities/shapes"]}

def joint_probabilities(P_cond):
    return (P_cond + P_cond.T) / 2
