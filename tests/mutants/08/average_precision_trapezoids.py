EXPECT = {"check": "average_precision/values", "says": "trapezoids under the PR curve"}


def average_precision(y, scores):
    precision, recall = precision_recall_curve(y, scores)
    return float(np.trapezoid(precision, recall))
