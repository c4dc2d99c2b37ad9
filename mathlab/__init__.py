"""NumPy math routines: random walks, Poisson, quadratics, stochastic approximation.

The routines arrive with the mathlab issue; the package exists so the
distribution's layout is final from the start.
"""

__all__: list[str] = []
