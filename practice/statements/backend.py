"""Backends: which of the package's three kinds of kernels this machine can run."""

from __future__ import annotations


def available_backends() -> list[str]:
    """Return the names of the compute backends usable in this process.

    The kernels of the ``gpu`` package each exist three times: ``'numpy'``
    (plain NumPy), ``'cpu'`` (compiled loops on the CPU) and ``'cuda'`` (GPU
    kernels).  The first two run everywhere.  ``'cuda'`` runs when an NVIDIA
    GPU is visible (``numba.cuda.is_available()``) or when the CUDA simulator
    is switched on (``numba.config.ENABLE_CUDASIM``, set by the environment
    variable ``NUMBA_ENABLE_CUDASIM=1``).

    Return the usable names as a list, in the fixed order
    ``'numpy', 'cpu', 'cuda'``.

    Constraints
    -----------
    - No arguments.
    - Must not crash on a machine without a GPU driver: no GPU means no
      ``'cuda'``.

    Errors (contract)
    -----------------
    None.  Each call returns a new list (changing it must not change the
    next call's answer).

    Examples
    --------
    >>> available_backends()[:2]
    ['numpy', 'cpu']
    >>> set(available_backends()) <= {'numpy', 'cpu', 'cuda'}
    True

    Complexity
    ----------
    ``O(1)``.

    Hint: wrap the GPU probe in try/except: any failure of it means "no GPU".
    """
    raise NotImplementedError
