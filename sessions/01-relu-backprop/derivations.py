"""Session 01 derivations: ReLU, the sigmoid and a one-weight neuron, differentiated by SymPy.

Run it to see each derivation:  python sessions/01-relu-backprop/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it.
Every backward pass is `dout * local gradient`: the chain rule, one line each.
"""

import sympy as sp

from kit.symbolic import Reference, Subgradient, one_sided_derivatives, show

x, w, dout = sp.symbols("x w dout", real=True)

# ── ReLU: relu(x) = max(x, 0)
relu = sp.Max(x, 0)
relu_grad = sp.diff(relu, x)                     # Heaviside(x); SymPy says Heaviside(0) = 1/2
relu_left, relu_right = one_sided_derivatives(relu, x, kinks=[0])   # 0 and 1 at the kink

# ── sigmoid: s(x) = 1 / (1 + e^-x)
sigmoid = 1 / (1 + sp.exp(-x))
sigmoid_grad = sp.diff(sigmoid, x)               # e^-x / (1 + e^-x)^2
# The same derivative in terms of s itself, proved equal by SymPy, not assumed:
sigmoid_grad_in_s = sigmoid * (1 - sigmoid)
assert sp.simplify(sigmoid_grad - sigmoid_grad_in_s) == 0

# ── a neuron: f(x, w) = sigmoid(w * relu(x)); the chain rule composes the two above
neuron = sigmoid.subs(x, w * relu)
neuron_dx_left, neuron_dx_right = one_sided_derivatives(neuron, x, kinks=[0])
neuron_dw = sp.diff(neuron, w)                   # smooth in w: relu(x) is just a number here

REFERENCES = [
    Reference("relu_forward", (x,), relu),
    # dx = dout * relu'(x): any value between dout*0 and dout*1 is valid at x == 0
    Subgradient("relu_backward", (dout, x), dout * relu_left, dout * relu_right,
                formula="dx = dout * relu'(x),  relu'(x) = 0 for x < 0, 1 for x > 0, anything in [0, 1] at x = 0"),
    Reference("sigmoid_forward", (x,), sigmoid, formula="s(x) = 1 / (1 + exp(-x))"),
    Reference("sigmoid_backward", (dout, x), dout * sigmoid_grad_in_s,
              formula="dx = dout * s(x) * (1 - s(x))"),
    Reference("neuron_forward", (x, w), neuron, formula="f(x, w) = s(w * relu(x))"),
    Subgradient("neuron_backward_dx", (dout, x, w), dout * neuron_dx_left, dout * neuron_dx_right,
                formula="dx = dout * s'(w * relu(x)) * w * relu'(x)"),
    # per element; the kit sums it, since one w is shared by every element: dw = sum(dout * df/dw)
    Reference("neuron_backward_dw", (dout, x, w), dout * neuron_dw,
              formula="dw = sum(dout * s'(w * relu(x)) * relu(x))"),
]

if __name__ == "__main__":
    print("relu'(x) as SymPy differentiates it:", relu_grad, "  value at 0:", relu_grad.subs(x, 0))
    print("one-sided derivatives at the kink: left", relu_left.subs(x, 0), ", right", relu_right.subs(x, 0))
    print("s'(x) =", sigmoid_grad, "=", sigmoid_grad_in_s, "\n")
    show(REFERENCES)
