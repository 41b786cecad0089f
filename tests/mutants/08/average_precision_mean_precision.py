EXPECT = {"check": "average_precision/values", "says": "the mean precision over the thresholds"}


def average_precision(y, scores):
    return float(np.mean(precision_recall_curve(y, scores)[0]))
