# The quotient rule stopped after its first term: (e_i / S)' taken as e_i' / S.
EXPECT = {"check": "softmax_jacobian/ordinary",
          "says": "derivations.py, step 2 (the quotient rule): (e_i / S)' = (e_i' S - e_i S') / S**2 has a second term"}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]
    return np.diag(p)
