"""NumPy math routines: random walks, Poisson, quadratics, stochastic approximation.

One module per topic:

* :mod:`mathlab.random_walk` — exact walk probabilities from generating functions;
* :mod:`mathlab.poisson` — stable pmf/cdf, a Numba sampler, Poisson processes;
* :mod:`mathlab.goodness_of_fit` — a χ² test for discrete samplers;
* :mod:`mathlab.quadratic` — minimising ``xᵀAx + bᵀx + c``, gradient descent, CG;
* :mod:`mathlab.stochastic_approx` — Robbins–Monro and Kiefer–Wolfowitz;
* :mod:`mathlab.calculus` — numerical derivatives and harmonic numbers;
* :mod:`mathlab.autograd` — reverse-mode automatic differentiation (``Tensor``);
* :mod:`mathlab.optim` — one step of Adam and of AdamW;
* :mod:`mathlab.precision` — float16/bfloat16 rounding, loss scaling, master weights.

>>> from mathlab import return_probability, directional_derivative
>>> return_probability(4)
Fraction(3, 8)
>>> round(directional_derivative(lambda p: p[0]**2 + p[1]**2, [1, 2], [3, 4]), 6)
4.4
"""

from mathlab.autograd import Tensor, cross_entropy, log_softmax, no_grad, softmax
from mathlab.calculus import directional_derivative, gradient, harmonic_number
from mathlab.goodness_of_fit import chi_square_gof
from mathlab.optim import adam_step, adamw_step
from mathlab.poisson import (
    poisson_cdf,
    poisson_pmf,
    poisson_process,
    poisson_process_conditional,
    sample_poisson,
)
from mathlab.precision import (
    DynamicLossScaler,
    mixed_precision_sgd,
    round_to_bfloat16,
    round_to_float16,
)
from mathlab.quadratic import (
    classify_quadratic,
    conjugate_gradient,
    gradient_descent,
    minimize_quadratic,
)
from mathlab.random_walk import (
    first_passage_probability,
    first_return_probability,
    generating_function_coefficients,
    last_visit_probability,
    return_probability,
    simulate_walks,
    walk_distribution,
)
from mathlab.stochastic_approx import incremental_mean, kiefer_wolfowitz, robbins_monro

__all__ = [
    "DynamicLossScaler",
    "Tensor",
    "adam_step",
    "adamw_step",
    "chi_square_gof",
    "classify_quadratic",
    "conjugate_gradient",
    "cross_entropy",
    "directional_derivative",
    "first_passage_probability",
    "first_return_probability",
    "generating_function_coefficients",
    "gradient",
    "gradient_descent",
    "harmonic_number",
    "incremental_mean",
    "kiefer_wolfowitz",
    "last_visit_probability",
    "log_softmax",
    "minimize_quadratic",
    "mixed_precision_sgd",
    "no_grad",
    "poisson_cdf",
    "poisson_pmf",
    "poisson_process",
    "poisson_process_conditional",
    "return_probability",
    "robbins_monro",
    "round_to_bfloat16",
    "round_to_float16",
    "sample_poisson",
    "simulate_walks",
    "softmax",
    "walk_distribution",
]
