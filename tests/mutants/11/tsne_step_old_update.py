# Y moved by the previous update.
EXPECT = {"check": "tsne_step/values", "says": "Y moved by the old update"}

def tsne_step(P, Y, update, lr, momentum):
    new_update = momentum * update - lr * tsne_gradient(P, Y)
    return Y + update, new_update
