EXPECT = {"check": "reconstruct/values", "says": "the mean was not added back"}


def reconstruct(Z, mean, components):
    return Z @ components
