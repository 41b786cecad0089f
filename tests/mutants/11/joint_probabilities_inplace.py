# Symmetrises in the caller's array.
EXPECT = {"check": "joint_probabilities/input-unchanged", "says": "changed the caller's array"}

def joint_probabilities(P_cond):
    P_cond += P_cond.T
    return P_cond / (2 * len(P_cond))
