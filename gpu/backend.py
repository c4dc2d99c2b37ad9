"""Backends, the ``backend=`` dispatch, and the array-module rule.

Every kernel in :mod:`gpu` exists three times, and the three are tested
against each other:

``'numpy'``
    The reference: plain, readable NumPy that computes in ``float64`` (exact
    ``int64`` accumulation for integers).  It *is* the specification; the other
    two must agree with it.
``'cpu'``
    Numba, ``@njit(parallel=True, cache=True)``: ``prange`` over independent
    rows, a plain sequential loop inside each row.  Small inputs run the
    same row loop in a sequential ``@njit`` twin (:func:`use_prange`).
``'cuda'``
    Numba, ``@cuda.jit``: runs on a real NVIDIA GPU, or — when
    ``NUMBA_ENABLE_CUDASIM=1`` is set before Numba is first imported — in
    Numba's CUDA simulator, which executes every GPU thread as a Python thread
    (about 5,000 threads per second: tiny shapes only).  The simulator has no
    warp shuffles, so the kernels use shared memory and ``cuda.syncthreads()``.

``backend='auto'`` picks ``'cuda'`` when a real GPU is present (or the input
already lives on one, as a CuPy array) and ``'cpu'`` otherwise; the simulator
is never picked automatically.

The array-module rule: NumPy in → NumPy out; CuPy in → CuPy out.  CuPy arrays
reach the CUDA kernels without a copy, through ``__cuda_array_interface__``;
the ``'numpy'`` and ``'cpu'`` backends copy them to the host and the result
back.  CuPy is optional and imported only when a CuPy array is seen, so
``import gpu`` works without CuPy and without a GPU.

The small API a kernel module builds on (``gpu.scan`` is the worked example)::

    xp = array_module(x, y)              # numpy or cupy, decided by the inputs
    backend = pick_backend(backend, xp)  # a validated name; 'auto' resolved
    x = as_float_array(x, "x", xp)       # gpu._validate: dtype rule, errors naming "x"
    rows, shape = as_rows(x, axis, xp)   # the scanned axis last, other axes flattened
    out = KERNELS[backend](to_backend(rows, backend))   # what that backend takes
    result = from_rows(from_backend(out, xp), shape, axis, xp)

plus, for ``@njit`` kernels, :func:`use_prange` (parallel or sequential
twin) and :func:`readonly_view` (for their inputs), and for CUDA kernels
:func:`threads_per_block` (launch geometry).  Argument checks
(dtypes, shapes, axes) live in :mod:`gpu._validate`.  A new scan on the GPU
needs no new kernel: define its associative operator as a
``cuda.jit(device=True)`` combine in a :class:`gpu.scan.PairOperator` and call
:func:`gpu.scan.scan_pairs_cuda` (``gpu.recurrence`` is the worked example).
"""

from __future__ import annotations

import functools
import math
from types import ModuleType
from typing import Any

import numba
import numpy as np
from numba import cuda

from gpu._validate import describe

BACKENDS: tuple[str, ...] = ("numpy", "cpu", "cuda")

# Threads per CUDA block.  A real GPU wants a few hundred threads per block to
# hide memory latency; the simulator pays for every thread with a Python
# thread (and for every syncthreads() with a round of polling), so it gets few.
REAL_GPU_THREADS = 256
SIMULATOR_THREADS = 8

# Fewest elements for which the 'cpu' backend runs its prange kernel (see use_prange).
PARALLEL_MIN_SIZE = 1 << 20


def using_simulator() -> bool:
    """True when Numba's CUDA simulator stands in for a GPU (``NUMBA_ENABLE_CUDASIM=1``)."""
    return bool(numba.config.ENABLE_CUDASIM)


@functools.cache
def has_real_gpu() -> bool:
    """True when a real NVIDIA GPU is usable through Numba (never under the simulator).

    Detection must not crash on a machine without a driver, so any failure of
    the probe counts as "no GPU".  The answer is cached: it cannot change
    while the process runs.
    """
    if using_simulator():
        return False
    try:
        return bool(cuda.is_available())
    except Exception:  # a broken driver install is "no GPU", not a crash at import
        return False


def available_backends() -> list[str]:
    """The backends usable in this process, a subset of ``['numpy', 'cpu', 'cuda']``.

    ``'numpy'`` and ``'cpu'`` are always usable; ``'cuda'`` is usable on a real
    NVIDIA GPU or under Numba's CUDA simulator.

    Returns
    -------
    list of str
        In the fixed order ``numpy, cpu, cuda``.

    Notes
    -----
    O(1) after the first call, which may probe the CUDA driver once.

    Examples
    --------
    >>> backends = available_backends()
    >>> backends[:2]
    ['numpy', 'cpu']
    >>> set(backends) <= {'numpy', 'cpu', 'cuda'}
    True
    """
    names = ["numpy", "cpu"]
    if using_simulator() or has_real_gpu():
        names.append("cuda")
    return names


def is_cupy(x: Any) -> bool:
    """True if ``x`` is a CuPy array (checked by its type's module: CuPy is never imported)."""
    return type(x).__module__.partition(".")[0] == "cupy"


def array_module(*arrays: Any) -> ModuleType:
    """``cupy`` if any argument is a CuPy array, else ``numpy``; decides the output's module."""
    if any(is_cupy(a) for a in arrays):
        import cupy  # lazily: CuPy is optional, and present whenever a CuPy array exists

        return cupy
    return np


def pick_backend(backend: Any, xp: ModuleType = np) -> str:
    """Validate ``backend`` and resolve ``'auto'``; ``xp`` is the inputs' array module.

    ``'auto'`` → ``'cuda'`` on a real GPU or for CuPy input, else ``'cpu'``.
    An unknown name is a ``ValueError``, a non-string a ``TypeError``, and
    ``'cuda'`` where no GPU and no simulator exist a ``ValueError``.
    """
    if not isinstance(backend, str):
        raise TypeError(f"backend must be a string, got {describe(backend)}")
    if backend == "auto":
        return "cuda" if xp is not np or has_real_gpu() else "cpu"
    if backend not in BACKENDS:
        raise ValueError(f"backend must be 'auto' or one of {list(BACKENDS)}, got {backend!r}")
    usable = available_backends()
    if backend not in usable:
        raise ValueError(
            f"backend {backend!r} is not available here (no NVIDIA GPU and the CUDA simulator "
            f"is off); available backends: {usable}"
        )
    return backend


def to_backend(x: Any, backend: str) -> Any:
    """``x`` as the given backend's kernels take it.

    ``'numpy'``/``'cpu'``: a NumPy array (a CuPy array is copied to the host).
    ``'cuda'``: a Numba device array — a zero-copy view of a CuPy array, or a
    copy of a NumPy array on the device (under the simulator the "device" is
    host memory).
    """
    if backend != "cuda":
        return x.get() if is_cupy(x) else x
    if is_cupy(x):
        return cuda.as_cuda_array(x)
    return cuda.to_device(x)


def from_backend(y: Any, xp: ModuleType) -> Any:
    """A kernel's output ``y`` (NumPy or Numba device array) as an array of module ``xp``."""
    if isinstance(y, np.ndarray):
        return y if xp is np else xp.asarray(y)
    if xp is np:
        return y.copy_to_host()
    return xp.asarray(y)  # CuPy wraps the device memory without a copy


def use_prange(n_rows: int, size: int) -> bool:
    """Whether a ``'cpu'`` kernel should run its ``prange`` (parallel) twin.

    Rows are the unit of parallel work, so one row never benefits; and waking
    the worker threads costs from microseconds on an idle machine to
    milliseconds on a busy one (measured: ~2 ms on the shared 2-core
    development machine, the time a sequential scan takes for ~2·10^6
    elements), so small inputs stay on the calling thread.
    """
    return n_rows >= 2 and size >= PARALLEL_MIN_SIZE


def readonly_view(x: np.ndarray) -> np.ndarray:
    """A read-only view of ``x`` (no copy), for passing inputs to ``@njit`` kernels.

    Numba compiles one specialisation for a writable and another for a
    read-only array (``np.broadcast_to`` views are read-only), so inputs that
    arrive both ways would compile a kernel twice.  Handing kernels read-only
    views of their inputs keeps it to one compile per dtype — and guarantees
    the kernel cannot write to the caller's data.
    """
    view = x.view()
    view.flags.writeable = False
    return view


def as_rows(x: Any, axis: int, xp: ModuleType = np) -> tuple[Any, tuple[int, ...]]:
    """``x`` as a C-contiguous 2-D array ``(rows, n)``: ``axis`` moved last, other axes flattened.

    Returns the rows and the shape to pass to :func:`from_rows` to undo it.
    ``axis`` must already be normalised to ``range(x.ndim)``.
    """
    moved = x if axis == x.ndim - 1 else xp.moveaxis(x, axis, -1)
    n_rows = math.prod(moved.shape[:-1])  # explicit: reshape(-1, 0) is ambiguous when n == 0
    rows = xp.ascontiguousarray(moved.reshape(n_rows, moved.shape[-1]))
    return rows, tuple(moved.shape)


def from_rows(rows: Any, moved_shape: tuple[int, ...], axis: int, xp: ModuleType = np) -> Any:
    """Undo :func:`as_rows`: a C-contiguous array with the scanned axis back at ``axis``."""
    out = rows.reshape(moved_shape)
    if axis == len(moved_shape) - 1:
        return out
    return xp.ascontiguousarray(xp.moveaxis(out, -1, axis))


def threads_per_block(n: int, threads: int | None = None, per_thread: int = 1) -> int:
    """Threads per block for a row of ``n`` elements, each thread handling ``per_thread``.

    ``threads`` (a power of two) overrides the default: 256 on a real GPU, 8
    under the simulator.  The result is never more than the row needs, so a
    row of 5 elements launches 8 threads at most, not 256.
    """
    if threads is None:
        threads = SIMULATOR_THREADS if using_simulator() else REAL_GPU_THREADS
    if threads < 1 or threads & (threads - 1):
        raise ValueError(f"threads must be a positive power of two, got {threads}")
    busy = -(-n // per_thread)  # threads that get at least one element
    needed = 1 << max(0, busy - 1).bit_length()  # the next power of two >= busy
    return min(threads, needed)
