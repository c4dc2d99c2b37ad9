"""Root pytest configuration, loaded for every run (tests and doctests alike).

Numba reads ``NUMBA_ENABLE_CUDASIM`` once, when it is first imported, so the
choice between a real GPU and Numba's CUDA simulator is made here, before any
test module or package doctest imports Numba.
"""

from __future__ import annotations

from practice.cuda_env import use_simulator_without_gpu

use_simulator_without_gpu()
