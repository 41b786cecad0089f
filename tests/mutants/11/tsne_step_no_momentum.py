# Plain gradient descent: the momentum ignored.
EXPECT = {"check": "tsne_step/values", "says": "the momentum left out"}

def tsne_step(P, Y, update, lr, momentum):
    new_update = -lr * tsne_gradient(P, Y)
    return Y + new_update, new_update
