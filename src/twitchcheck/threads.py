"""One BLAS thread per process: the entry points call `use_one_blas_thread` at start.

The engine's matrices are small (at most 2**9 by 2**8), so handing each product
to a second BLAS thread costs more in synchronisation than it gains: choosing
an interview question ran about 3x faster with one thread. The server runs one
worker per core instead. The library itself never changes this process-wide
setting; the command line and the web app do.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def use_one_blas_thread() -> None:
    """Limit every loaded BLAS library (OpenBLAS, MKL) to one thread for the rest of the process."""
    threadpool_limits(limits=1, user_api="blas")
