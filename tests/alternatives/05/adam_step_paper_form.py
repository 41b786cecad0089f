# Kingma & Ba's "more efficient" ordering: the corrections folded into the step size and eps.
def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * np.square(grad)
    c2 = np.sqrt(1 - np.power(beta2, t))
    lr_t = lr * c2 / (1 - np.power(beta1, t))
    return w - lr_t * m_new / (np.sqrt(v_new) + eps * c2), m_new, v_new
