"""Attention and scan kernels: NumPy reference, Numba CPU backend, Numba CUDA kernels.

The kernels arrive with the gpu issues; the package exists so the
distribution's layout is final from the start.
"""

__all__: list[str] = []
