# A correct function that prints a lot is still correct.
def neuron_forward(x, w):
    print("debugging neuron_forward " * 2000)
    return sigmoid_forward(w * relu_forward(x))
