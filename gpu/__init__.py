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
  :func:`mixed_chunk_attention`;
* collectives: :func:`ring_allreduce`, :func:`ring_reduce_scatter`,
  :func:`ring_all_gather`, :func:`mpi_ring_allreduce` (NumPy on simulated ranks; mpi4py);
* speculative decoding: :func:`speculative_sample`, :func:`greedy_decode`,
  :func:`speculative_greedy_decode`, :func:`tree_attention_mask`,
  :func:`tree_position_ids`, :func:`typical_acceptance` (NumPy);
* upsampling: :func:`upsample_nearest`, :func:`upsample_bilinear`,
  :func:`pixel_shuffle`, :func:`pixel_unshuffle`;
* embeddings: :func:`embedding`, :func:`embedding_backward`.

>>> import numpy as np
>>> from gpu import inclusive_scan
>>> inclusive_scan(np.array([1, 2, 3, 4]), backend="numpy")
array([ 1,  3,  6, 10])
"""

from gpu.attention import attention
from gpu.backend import available_backends
from gpu.embedding import embedding, embedding_backward
from gpu.flash_attention import flash_attention
from gpu.linear_attention import linear_attention
from gpu.mixed_chunk import mixed_chunk_attention
from gpu.performer import performer_attention, performer_features
from gpu.recurrence import linear_recurrence
from gpu.scan import exclusive_scan, inclusive_scan
from gpu.selective_scan import selective_scan
from gpu.speculative import (
    greedy_decode,
    speculative_greedy_decode,
    speculative_sample,
    tree_attention_mask,
    tree_position_ids,
    typical_acceptance,
)
from gpu.ssm import discretize, hippo_legs, ssm_convolve, ssm_kernel, ssm_recurrent
from gpu.upsample import pixel_shuffle, pixel_unshuffle, upsample_bilinear, upsample_nearest

__all__ = [
    "attention",
    "available_backends",
    "discretize",
    "embedding",
    "embedding_backward",
    "exclusive_scan",
    "flash_attention",
    "greedy_decode",
    "hippo_legs",
    "inclusive_scan",
    "linear_attention",
    "linear_recurrence",
    "mixed_chunk_attention",
    "mpi_ring_allreduce",
    "performer_attention",
    "performer_features",
    "pixel_shuffle",
    "pixel_unshuffle",
    "ring_all_gather",
    "ring_allreduce",
    "ring_reduce_scatter",
    "selective_scan",
    "speculative_greedy_decode",
    "speculative_sample",
    "ssm_convolve",
    "ssm_kernel",
    "ssm_recurrent",
    "tree_attention_mask",
    "tree_position_ids",
    "typical_acceptance",
    "upsample_bilinear",
    "upsample_nearest",
]

# gpu.collectives is imported on first use (PEP 562) rather than above: then
# `python -m gpu.collectives --check` finds it not yet imported, and runpy does
# not warn that the module is about to run a second time as __main__.
_LAZY = {
    name: "gpu.collectives"
    for name in ("mpi_ring_allreduce", "ring_all_gather", "ring_allreduce", "ring_reduce_scatter")
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gpu' has no attribute {name!r}")
