"""NumPy if it is loaded, for code that must work before it is (kit check's early path).

`sys.modules` holds NumPy from the moment another thread starts importing it; it counts as loaded
only once it has `ndarray` and `generic`. Until then no value here can be an array: every array the
kit handles was made by a NumPy that had finished importing.
"""

from __future__ import annotations

import sys


def loaded():
    """The NumPy module once fully imported, else None."""
    numpy = sys.modules.get("numpy")
    if numpy is None or getattr(numpy, "generic", None) is None or getattr(numpy, "ndarray", None) is None:
        return None
    return numpy
