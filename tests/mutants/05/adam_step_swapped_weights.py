# "Decay rate 0.9" read as the weight on the new gradient: both averages forget almost everything.
EXPECT = {"check": "adam_step/first-step", "says": "step 4a: the decay rate beta is the weight kept on the OLD average"}


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = (1 - beta1) * m + beta1 * grad
    v_new = (1 - beta2) * v + beta2 * grad ** 2
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new
