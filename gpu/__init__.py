"""Attention and scan kernels: NumPy reference, Numba CPU backend, Numba CUDA kernels.

Every kernel exists three times — ``backend='numpy'`` (the readable reference,
which is the specification), ``'cpu'`` (Numba, parallel over rows) and
``'cuda'`` (Numba CUDA: a real GPU, or Numba's simulator when
``NUMBA_ENABLE_CUDASIM=1``) — and the three are tested against each other.
NumPy in → NumPy out; CuPy in → CuPy out.  See :mod:`gpu.backend`.

* scans: :func:`inclusive_scan`, :func:`exclusive_scan`, :func:`linear_recurrence`;
* state-space models: :func:`selective_scan` (Mamba), :func:`hippo_legs`,
  :func:`discretize`, :func:`ssm_kernel`, :func:`ssm_convolve`, :func:`ssm_recurrent`;
* attention: :func:`attention` (reference), :func:`flash_attention`,
  :func:`linear_attention`, :func:`performer_features`, :func:`performer_attention`,
  :func:`mixed_chunk_attention`.

>>> import numpy as np
>>> from gpu import inclusive_scan
>>> inclusive_scan(np.array([1, 2, 3, 4]), backend="numpy")
array([ 1,  3,  6, 10])
"""

from gpu.attention import attention
from gpu.backend import available_backends
from gpu.flash_attention import flash_attention
from gpu.linear_attention import linear_attention
from gpu.mixed_chunk import mixed_chunk_attention
from gpu.performer import performer_attention, performer_features
from gpu.recurrence import linear_recurrence
from gpu.scan import exclusive_scan, inclusive_scan
from gpu.selective_scan import selective_scan
from gpu.ssm import discretize, hippo_legs, ssm_convolve, ssm_kernel, ssm_recurrent

__all__ = [
    "attention",
    "available_backends",
    "discretize",
    "exclusive_scan",
    "flash_attention",
    "hippo_legs",
    "inclusive_scan",
    "linear_attention",
    "linear_recurrence",
    "mixed_chunk_attention",
    "performer_attention",
    "performer_features",
    "selective_scan",
    "ssm_convolve",
    "ssm_kernel",
    "ssm_recurrent",
]
