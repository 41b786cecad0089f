# A step up the gradient.
EXPECT = {"check": "tsne_step/values", "says": "a step up the gradient", "also": ["tsne_step/first-step"]}

def tsne_step(P, Y, update, lr, momentum):
    new_update = momentum * update + lr * tsne_gradient(P, Y)
    return Y + new_update, new_update
