# The interpolated envelope (PASCAL VOC style): each precision replaced by the best one at a higher recall.
EXPECT = {"check": "average_precision/not-interpolated", "says": "interpolated envelope"}


def average_precision(y, scores):
    precision, recall = precision_recall_curve(y, scores)
    best = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum(np.diff(recall, prepend=0.0) * best))
