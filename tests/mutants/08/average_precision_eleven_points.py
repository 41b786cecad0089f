EXPECT = {"check": "average_precision/values", "says": "11-point"}


def average_precision(y, scores):
    precision, recall = precision_recall_curve(y, scores)
    return float(np.mean([precision[recall >= r].max() for r in np.linspace(0, 1, 11)]))
