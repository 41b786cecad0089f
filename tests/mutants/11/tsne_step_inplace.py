# Moves the caller's Y in place.
EXPECT = {"check": "tsne_step/inputs-unchanged", "says": "changed the caller's array"}

def tsne_step(P, Y, update, lr, momentum):
    new_update = momentum * update - lr * tsne_gradient(P, Y)
    Y += new_update
    return Y, new_update
