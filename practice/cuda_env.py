"""Choose between a real GPU and Numba's CUDA simulator, before Numba is imported.

Numba reads ``NUMBA_ENABLE_CUDASIM`` once, when it is first imported, so the choice
is made by whoever runs first: the repository's root ``conftest.py`` for the suite,
and the judge's plugin before it loads a learner's file (which may import Numba).
"""

from __future__ import annotations

import os


def has_nvidia_gpu() -> bool:
    # The driver's control device exists exactly when an NVIDIA driver is loaded;
    # checking it avoids importing Numba (which would freeze the setting) too early.
    return os.path.exists("/dev/nvidiactl")


def use_simulator_without_gpu() -> None:
    """Run CUDA kernels in Numba's simulator when there is no GPU, unless told otherwise."""
    if "NUMBA_ENABLE_CUDASIM" not in os.environ and not has_nvidia_gpu():
        os.environ["NUMBA_ENABLE_CUDASIM"] = "1"
