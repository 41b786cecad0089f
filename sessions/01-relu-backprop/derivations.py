"""Session 01 derivations: ReLU, the sigmoid and a one-weight neuron, differentiated by SymPy.

Run it to see each derivation:  python sessions/01-relu-backprop/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).
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

# ── a neuron: f(x, w) = sigmoid(w * relu(x)). neuron_backward is the derive-it-yourself exercise:
#    derive it on paper first, then compare your steps with these. SymPy does every step; the chain
#    rule's product is then checked against SymPy differentiating the whole composite in one go.
a, z = sp.symbols("a z", real=True)
# step 1: name the pieces, one node each:  x -> a = relu(x) -> z = w * a -> f = s(z);  w -> z
neuron = sigmoid.subs(x, z).subs(z, w * a).subs(a, relu)
# step 2: each piece's local derivative in its own input(s)
df_dz = sp.diff(sigmoid.subs(x, z), z)                # s'(z), taken at z (the sigmoid's input), not at x
dz_da, dz_dw = sp.diff(w * a, a), sp.diff(w * a, w)   # w, and a
da_dx_left, da_dx_right = relu_left, relu_right       # relu'(x), one-sided at the kink
# step 3: the chain rule: multiply the local derivatives along the path from f back to x (and to w),
# each at the forward pass's values (z = w * a, a = relu(x))
forward_values = lambda e: e.subs(z, w * a).subs(a, relu)
neuron_dx_left, neuron_dx_right = (forward_values(df_dz * dz_da) * d for d in (da_dx_left, da_dx_right))
neuron_dw = forward_values(df_dz * dz_dw)
# independent: SymPy differentiating the composite directly gives the same, the kink's one-sided ones too
_direct_left, _direct_right = one_sided_derivatives(neuron, x, kinks=[0])
assert sp.simplify(neuron_dw - sp.diff(neuron, w)) == 0
for mine, direct in ((neuron_dx_left, _direct_left), (neuron_dx_right, _direct_right)):
    assert all(sp.simplify((mine - direct).subs(x, v)) == 0 for v in (-2, 0, sp.Rational(3, 2)))
# step 4: times the upstream gradient dout (below, in REFERENCES);
# step 5: one w is shared by every entry, so dw adds up dout * df/dw over the entries (the kit sums).
NEURON_STEPS = ("derive it in steps (derivations.py, steps 1-5): 1 name the pieces a = relu(x), z = w * a, "
                "f = s(z); 2 each piece's local derivative in its own input; 3 multiply them along the path "
                "from f back to x, and back to w; 4 times dout; 5 w is shared by every entry: add up its terms")

# >>> course-only: what the kit grades against, the answers in SymPy (kit release leaves them out)
REFERENCES = [
    Reference("relu_forward", (x,), relu),
    # dx = dout * relu'(x): any value between dout*0 and dout*1 is valid at x == 0
    Subgradient("relu_backward", (dout, x), dout * relu_left, dout * relu_right,
                formula="dx = dout * relu'(x),  relu'(x) = 0 for x < 0, 1 for x > 0, anything in [0, 1] at x = 0"),
    Reference("sigmoid_forward", (x,), sigmoid, formula="s(x) = 1 / (1 + exp(-x))"),
    Reference("sigmoid_backward", (dout, x), dout * sigmoid_grad_in_s,
              formula="dx = dout * s(x) * (1 - s(x))"),
    Reference("neuron_forward", (x, w), neuron, formula="f(x, w) = s(w * relu(x))"),
    # derive-it-yourself: feedback points at the steps above, never at the finished formula
    Subgradient("neuron_backward_dx", (dout, x, w), dout * neuron_dx_left, dout * neuron_dx_right,
                formula=NEURON_STEPS),
    # per element; the kit sums it, since one w is shared by every element (step 5)
    Reference("neuron_backward_dw", (dout, x, w), dout * neuron_dw, formula=NEURON_STEPS),
]
# <<< course-only

if __name__ == "__main__":
    print("relu'(x) as SymPy differentiates it:", relu_grad, "  value at 0:", relu_grad.subs(x, 0))
    print("one-sided derivatives at the kink: left", relu_left.subs(x, 0), ", right", relu_right.subs(x, 0))
    print("s'(x) =", sigmoid_grad, "=", sigmoid_grad_in_s, "\n")
    # >>> course-only: each reference's formula, the answers themselves
    show(REFERENCES)
    # <<< course-only
