# Makes mean a row with `mean.shape = (1, -1)`: that reshapes the caller's array, not a copy.
EXPECT = {"check": "reconstruct/inputs-unchanged", "says": "modified its argument `mean` in place",
          "passes": ["reconstruct/values"]}


def reconstruct(Z, mean, components):
    mean.shape = (1, -1)
    return Z @ components + mean
