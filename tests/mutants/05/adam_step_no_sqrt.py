# Divides by the mean square itself: the move then scales like 1 / grad instead of being about lr.
EXPECT = {"check": "adam_step/first-step", "says": "no square root"}


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    return w - lr * m_hat / (v_hat + eps), m_new, v_new
