# The conditionals over N, never symmetrised.
EXPECT = {"check": "joint_probabilities/values", "says": "without symmetrising"}

def joint_probabilities(P_cond):
    return P_cond / len(P_cond)
