"""Root pytest configuration, loaded for every run (tests and doctests alike).

Numba reads ``NUMBA_ENABLE_CUDASIM`` once, when it is first imported, so the
choice between a real GPU and Numba's CUDA simulator is made here, before any
test module or package doctest imports Numba.
"""

from __future__ import annotations

import os


def _has_nvidia_gpu() -> bool:
    # The driver's control device exists exactly when an NVIDIA driver is loaded;
    # checking it avoids importing Numba (which would freeze the setting) too early.
    return os.path.exists("/dev/nvidiactl")


if "NUMBA_ENABLE_CUDASIM" not in os.environ and not _has_nvidia_gpu():
    os.environ["NUMBA_ENABLE_CUDASIM"] = "1"
