"""The reading-group kit: sessions, SymPy references, a sandboxed grader and slides."""

import os

# Before anything imports NumPy: one BLAS thread, so forked learner processes stay small and a
# memory limit of a few hundred MiB does not break OpenBLAS's thread start.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
