"""Known mistakes of a function applied to each row of a batch: a softmax, a log-softmax, t-SNE's
conditional affinities p(j | i), a row-normalised probability table. Learners get the axis wrong in
the same few ways whatever the function; this names them the same way in every session, so the
gradebook counts them together.

The session says how to compute its function along any axis (`along(z, axis, keepdims)`, with
axis=None for the whole array and keepdims applying to the reduction), and adds its own mistakes:

    mistakes=lambda z: axis_mistakes(softmax_along, z) + [("z / sum(z): the exp is missing", ...)]
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit.feedback import KEEPDIMS_WORDS
from kit.kinds.batches import tried


def axis_mistakes(along: Callable, z: np.ndarray) -> list[tuple[str, np.ndarray, str]]:
    """(words, value, advice) for: keepdims forgotten, reduced down the columns, reduced over everything.

    Without keepdims the (N,) row results broadcast only where the shapes allow (an (N, N) batch):
    there column j silently gets row j's normaliser; elsewhere NumPy raises (kit.feedback names it from
    the exception) and the mistake's value is None, which judges.Style skips."""
    return [(KEEPDIMS_WORDS, tried(lambda: along(z, 1, False)), "the (N,) row results broadcast along the columns, "
             "so entry [i, j] is normalised with row j's; keep keepdims=True (or write [:, None])"),
            ("normalised down the columns (axis=0) instead of along each row", tried(lambda: along(z, 0, True)),
             "each row is one example: reduce over its classes, axis=1, keepdims=True"),
            ("one normaliser over the whole array (no axis)", tried(lambda: along(z, None, True)),
             "every row needs its own normaliser: axis=1, keepdims=True")]
