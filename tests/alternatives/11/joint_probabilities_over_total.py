# Symmetrise, then normalise by the total (which is 2N when every row of P_cond sums to 1).
def joint_probabilities(P_cond):
    S = np.asarray(P_cond, dtype=float) + np.transpose(P_cond)
    return S / S.sum()
