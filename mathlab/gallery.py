"""A gallery of pictures: the theorems of :mod:`mathlab` drawn from its own numbers.

Each figure puts an exact or simulated result next to the limit that theory
predicts, so a learner can *see* the statement before proving it:

``walk_distribution``
    The exact law of a ±1 random walk after ``n`` steps
    (:func:`mathlab.walk_distribution`) against its normal limit, mean
    ``n(2p - 1)`` and variance ``4npq``.  The walk lives on a lattice of
    spacing 2 (``S_n`` has the parity of ``n``), so each probability is
    compared with *twice* the density: ``P(S_n = x) ≈ 2·φ_{μ,σ}(x)``.
``arcsine_law``
    The time ``2k`` of the last visit to 0 in a walk of ``2n`` steps
    (:func:`mathlab.last_visit_probability`).  Its law is U-shaped -- the
    walk tends to stay on one side -- and ``P(k <= xn) → (2/π)·arcsin √x``.
``poisson_histogram``
    A histogram of :func:`mathlab.sample_poisson` against the expected counts
    ``size · poisson_pmf(k)``.
``robbins_monro``
    Finding a quantile from one noisy comparison per step
    (:func:`mathlab.robbins_monro`): the classic step ``1/n`` is too timid
    when the slope at the root is small, a larger step ``5·(n + 20)^(-2/3)``
    is noisy, and its Polyak–Ruppert average reaches the optimal error ``σ/(k√n)``.
``gd_vs_cg``
    Gradient descent against conjugate gradients on an ill-conditioned
    quadratic (:func:`mathlab.gradient_descent`,
    :func:`mathlab.conjugate_gradient`): ``O(κ)`` against ``O(√κ)`` iterations
    per digit, and CG's exact stop after at most ``n`` steps.
``adam_vs_adamw``
    Adam with L2 weight decay against AdamW on an L2-regularised,
    ill-conditioned quadratic (:func:`mathlab.adam_step`,
    :func:`mathlab.adamw_step`): Adam-L2 converges to the minimiser of the
    regularised loss; AdamW's decay bypasses the adaptive denominator, shrinks
    every coordinate alike whatever its curvature, and settles elsewhere.
``mixed_precision``
    SGD with float16 weights (:func:`mathlab.mixed_precision_sgd`): updates
    smaller than half a float16 step vanish and the weight never moves, while
    a float32 master copy accumulates them and follows the exact trajectory.

Running it
----------
Drawing needs matplotlib, the optional ``plot`` extra (``pip install '.[plot]'``)::

    python -m mathlab.gallery OUTDIR                        # all seven PNGs
    python -m mathlab.gallery OUTDIR --only arcsine_law gd_vs_cg

Each figure is a pair of functions: ``<name>_data(...)`` computes the numbers
(NumPy only, no matplotlib, so tests can check them against an oracle) and
``plot_<name>(outdir, ...)`` draws exactly those numbers and returns the path
of the PNG.  Every random draw comes from a seeded ``numpy.random.Generator``:
the same command draws the same pictures.  Figures are drawn on a bare
``matplotlib.figure.Figure`` with the Agg canvas, never through ``pyplot``,
so no window opens and a REPL session's pyplot state is left alone.

Cost: every figure takes well under a second except ``robbins_monro``
(``3 · n_seeds · n_steps`` Python calls of the noisy function, about a second
at the defaults) and ``mixed_precision`` (two runs of 10^4 Python-level SGD
steps, a fraction of a second).

>>> FIGURES[:5]
('walk_distribution', 'arcsine_law', 'poisson_histogram', 'robbins_monro', 'gd_vs_cg')
>>> FIGURES[5:]
('adam_vs_adamw', 'mixed_precision')
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist
from typing import Any, NamedTuple

import numpy as np

from mathlab._validate import require_int, require_probability, require_real
from mathlab.optim import adam_step, adamw_step
from mathlab.poisson import poisson_pmf, sample_poisson
from mathlab.precision import mixed_precision_sgd
from mathlab.quadratic import conjugate_gradient, gradient_descent
from mathlab.random_walk import last_visit_probability, walk_distribution
from mathlab.stochastic_approx import robbins_monro

__all__ = [
    "FIGURES",
    "adam_vs_adamw_data",
    "arcsine_data",
    "gd_vs_cg_data",
    "main",
    "mixed_precision_data",
    "plot_adam_vs_adamw",
    "plot_arcsine_law",
    "plot_gd_vs_cg",
    "plot_mixed_precision",
    "plot_poisson_histogram",
    "plot_robbins_monro",
    "plot_walk_distribution",
    "poisson_histogram_data",
    "robbins_monro_data",
    "walk_distribution_data",
]

FIGURES: tuple[str, ...] = (
    "walk_distribution",
    "arcsine_law",
    "poisson_histogram",
    "robbins_monro",
    "gd_vs_cg",
    "adam_vs_adamw",
    "mixed_precision",
)

# Every picture has the same size and resolution: 650 x 400 pixels, a few tens of KB.
_FIGSIZE = (6.5, 4.0)
_DPI = 100

_INSTALL_HINT = "pip install '.[plot]'"


# ---------------------------------------------------------------------------
# Drawing plumbing
# ---------------------------------------------------------------------------


def _new_figure(ncols: int = 1) -> tuple[Any, Any]:
    """A bare Agg-backed Figure and its axes; matplotlib is imported only here.

    A bare ``Figure`` (rather than ``pyplot.figure``) belongs to nobody: it never
    opens a window, needs no backend switch and is freed when it goes out of scope.
    """
    try:
        import matplotlib  # noqa: F401  (import the package first: a stale submodule

        # entry in sys.modules must not hide a missing or blocked matplotlib)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            f"mathlab.gallery draws with matplotlib, which is not installed: {_INSTALL_HINT}"
        ) from exc
    fig = Figure(figsize=_FIGSIZE, dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols)
    return fig, axes


def _save(fig: Any, outdir: str | Path, name: str) -> Path:
    """Write ``fig`` as ``outdir/name.png`` (creating ``outdir``) and return the path."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    # No "Software" stamp: the bytes then depend only on the picture, so a
    # regenerated README image shows up in git only when it really changed.
    fig.savefig(path, dpi=_DPI, metadata={"Software": None})
    return path


def _normal_pdf(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """Density of N(mean, sd²) at ``x``."""
    z = (x - mean) / sd
    return np.exp(-0.5 * z * z) / (sd * math.sqrt(2 * math.pi))


# ---------------------------------------------------------------------------
# 1. The law of a random walk and its normal limit
# ---------------------------------------------------------------------------


class WalkData(NamedTuple):
    """Numbers of the ``walk_distribution`` figure for one ``p``."""

    n: int
    p: Fraction
    positions: np.ndarray  # -n, -n + 2, ..., n (those of positive probability)
    probabilities: np.ndarray  # P(S_n = position), rounded to float
    limit: np.ndarray  # 2·φ(position): the normal density times the lattice spacing
    mean: float  # n(2p - 1)
    sd: float  # √(4npq)


def walk_distribution_data(n: int = 100, p: Fraction | int | float = Fraction(1, 2)) -> WalkData:
    """The exact law of a ±1 walk after ``n`` steps and its normal approximation.

    Parameters
    ----------
    n : int
        Number of steps, ``n >= 1``.
    p : Fraction, int or float
        Probability of a ``+1`` step, ``0 < p < 1`` (the walk must be random for
        a normal limit to exist).

    Returns
    -------
    WalkData
        ``positions``, exact ``probabilities`` rounded to floats, and ``limit`` =
        ``2·φ((x - μ)/σ)/σ`` with ``μ = n(2p - 1)``, ``σ² = 4npq``.  The factor 2
        is the lattice spacing: the probabilities of ``S_n`` sit on every other
        integer, so they approximate the density times 2.

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``p`` not a real number.
    ValueError
        If ``n < 1`` or ``p`` is not strictly between 0 and 1.

    Notes
    -----
    The cost of :func:`mathlab.walk_distribution`, ``Õ(n²)``, then ``O(n)``.

    Examples
    --------
    >>> d = walk_distribution_data(2)
    >>> d.positions.tolist(), d.probabilities.tolist()
    ([-2, 0, 2], [0.25, 0.5, 0.25])
    """
    n = require_int(n, "n", minimum=1)
    p = require_probability(p, "p")
    if not 0 < p < 1:
        raise ValueError(f"p must satisfy 0 < p < 1 for a normal limit, got {p}")
    law = walk_distribution(n, p)
    positions = np.fromiter(law.keys(), dtype=np.int64, count=len(law))
    probabilities = np.array([float(v) for v in law.values()])
    mean = n * float(2 * p - 1)
    sd = math.sqrt(4 * n * float(p * (1 - p)))
    limit = 2.0 * _normal_pdf(positions.astype(float), mean, sd)
    return WalkData(n, p, positions, probabilities, limit, mean, sd)


def plot_walk_distribution(
    outdir: str | Path,
    n: int = 100,
    ps: Sequence[Fraction | int | float] = (Fraction(1, 2), Fraction(3, 5)),
) -> Path:
    """Draw ``walk_distribution.png``: exact walk laws as stems against 2 × normal density.

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    n : int
        Number of steps.
    ps : sequence of probabilities
        One law per ``p`` (see :func:`walk_distribution_data`).

    Returns
    -------
    Path
        ``outdir/walk_distribution.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    fig, ax = _new_figure()
    lo, hi = math.inf, -math.inf
    for i, p in enumerate(ps):
        d = walk_distribution_data(n, p)
        color = f"C{i}"
        ax.vlines(d.positions, 0, d.probabilities, color=color, lw=1.2)
        ax.plot(d.positions, d.probabilities, "o", ms=2.5, color=color, label=f"exact, p = {d.p}")
        x = np.linspace(d.mean - 4 * d.sd, d.mean + 4 * d.sd, 400)
        ax.plot(
            x,
            2 * _normal_pdf(x, d.mean, d.sd),
            "--",
            color=color,
            lw=1,
            label=f"2·N({d.mean:g}, {d.sd**2:g}) density",
        )
        lo, hi = min(lo, x[0]), max(hi, x[-1])
    ax.set_xlim(lo, hi)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("position $S_n$")
    ax.set_ylabel("probability")
    ax.set_title(f"A ±1 random walk after n = {n} steps: exact law vs normal limit")
    ax.legend(fontsize=8)
    return _save(fig, outdir, "walk_distribution")


# ---------------------------------------------------------------------------
# 2. The arcsine law for the last visit to 0
# ---------------------------------------------------------------------------


class ArcsineData(NamedTuple):
    """Numbers of the ``arcsine_law`` figure."""

    n: int
    x: np.ndarray  # k/n for k = 0..n
    pmf: tuple[Fraction, ...]  # P(last visit at 2k), exact
    cdf: tuple[Fraction, ...]  # P(last visit <= 2k), exact
    limit_cdf: np.ndarray  # (2/π)·arcsin √x


def arcsine_data(n: int = 50) -> ArcsineData:
    """Exact law of the last visit to 0 in ``2n`` steps and the arcsine limit.

    Parameters
    ----------
    n : int
        Half the length of the walk, ``n >= 1``.

    Returns
    -------
    ArcsineData
        ``x = k/n``, the exact ``pmf[k] = last_visit_probability(k, n)``, its
        running sum ``cdf`` (``cdf[n] == 1`` exactly) and ``limit_cdf`` =
        ``(2/π)·arcsin √x``.

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 1``.

    Notes
    -----
    ``n + 1`` terms of ``O(n)``-bit integers: ``O(n²)`` bit operations.

    Examples
    --------
    >>> d = arcsine_data(2)
    >>> [str(c) for c in d.cdf]
    ['3/8', '5/8', '1']
    """
    n = require_int(n, "n", minimum=1)
    pmf = tuple(last_visit_probability(k, n) for k in range(n + 1))
    cdf: list[Fraction] = []
    total = Fraction(0)
    for term in pmf:
        total += term
        cdf.append(total)
    x = np.arange(n + 1) / n
    return ArcsineData(n, x, pmf, tuple(cdf), 2 / np.pi * np.arcsin(np.sqrt(x)))


def plot_arcsine_law(outdir: str | Path, n: int = 50) -> Path:
    """Draw ``arcsine_law.png``: the U-shaped law of the last zero and its arcsine limit.

    Left: ``n · P(last visit at 2k)`` against the density ``1/(π√(x(1-x)))``.
    Right: the exact distribution function against ``(2/π)·arcsin √x``.

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    n : int
        The walk has ``2n`` steps.

    Returns
    -------
    Path
        ``outdir/arcsine_law.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = arcsine_data(n)
    fig, (left, right) = _new_figure(ncols=2)
    # The density is infinite at both ends; sample it on the open interval.
    t = np.linspace(0, 1, 802)[1:-1]
    density = 1 / (np.pi * np.sqrt(t * (1 - t)))
    scaled = [n * float(v) for v in d.pmf]
    left.bar(d.x, scaled, width=0.8 / n, color="C0", label=f"n·P(last zero at 2k), n = {n}")
    left.plot(t, density, "C3", lw=1.2, label="1/(π√(x(1−x)))")
    left.set_ylim(0, 1.15 * max(scaled))
    left.set_xlabel("x = k/n")
    left.set_title("density of the last zero", fontsize=10)
    left.legend(fontsize=7, loc="upper center")
    right.step(d.x, [float(c) for c in d.cdf], where="post", color="C0", label="exact P(k ≤ xn)")
    right.plot(t, 2 / np.pi * np.arcsin(np.sqrt(t)), "C3", lw=1.2, label="(2/π)·arcsin √x")
    right.set_xlabel("x = k/n")
    right.set_title("distribution function", fontsize=10)
    right.legend(fontsize=7, loc="upper left")
    fig.suptitle(f"Arcsine law: last visit to 0 of a walk of 2n = {2 * n} steps")
    return _save(fig, outdir, "arcsine_law")


# ---------------------------------------------------------------------------
# 3. Poisson sampler against the pmf
# ---------------------------------------------------------------------------


class PoissonData(NamedTuple):
    """Numbers of the ``poisson_histogram`` figure."""

    lam: float
    size: int
    k: np.ndarray  # 0, 1, ..., max(largest sample, a far quantile)
    counts: np.ndarray  # how many samples equal k
    expected: np.ndarray  # size · P(X = k)


def poisson_histogram_data(lam: float = 4.5, size: int = 10_000, seed: int = 2024) -> PoissonData:
    """Counts of ``size`` Poisson(``lam``) samples and the counts the pmf predicts.

    Parameters
    ----------
    lam : float
        The mean, ``0 <= lam <= 1e6`` (one bar per value: keep it drawable).
    size : int
        Number of samples, ``>= 1``.
    seed : int
        Seed of the ``numpy.random.Generator`` handed to :func:`mathlab.sample_poisson`.

    Returns
    -------
    PoissonData
        ``k = 0..K`` with ``K`` the larger of the largest sample and
        ``lam + 5√lam``; ``counts[k]`` and ``expected[k] = size·poisson_pmf(k, lam)``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``lam`` is outside ``[0, 1e6]`` or ``size < 1``.

    Notes
    -----
    ``O(size + K)`` time and memory.

    Examples
    --------
    >>> d = poisson_histogram_data(2.0, size=1000, seed=1)
    >>> int(d.counts.sum()), round(float(d.expected.sum()))
    (1000, 1000)
    """
    lam = require_real(lam, "lam", minimum=0)
    if lam > 1e6:
        raise ValueError(f"lam must be <= 1e6 (one bar per value), got {lam}")
    size = require_int(size, "size", minimum=1)
    seed = require_int(seed, "seed", minimum=0)
    samples = sample_poisson(lam, size=size, rng=np.random.default_rng(seed))
    top = max(int(samples.max()), math.ceil(lam + 5 * math.sqrt(lam)))
    k = np.arange(top + 1)
    counts = np.bincount(samples, minlength=top + 1)
    return PoissonData(lam, size, k, counts, size * poisson_pmf(k, lam))


def plot_poisson_histogram(
    outdir: str | Path, lam: float = 4.5, size: int = 10_000, seed: int = 2024
) -> Path:
    """Draw ``poisson_histogram.png``: sampled counts as bars, expected counts as points.

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    lam, size, seed
        As in :func:`poisson_histogram_data`.

    Returns
    -------
    Path
        ``outdir/poisson_histogram.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = poisson_histogram_data(lam, size, seed)
    fig, ax = _new_figure()
    ax.bar(d.k, d.counts, width=0.8, color="C0", alpha=0.7, label=f"{d.size} samples")
    # ±2 standard deviations of a count (Binomial(size, p) ≈ Poisson(expected)):
    # about 95% of the bars should end inside these whiskers.
    ax.errorbar(
        d.k,
        d.expected,
        yerr=2 * np.sqrt(d.expected),
        fmt="o",
        color="C3",
        ms=3,
        capsize=2,
        lw=1,
        label="size·pmf(k) ± 2 sd",
    )
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("k")
    ax.set_ylabel("count")
    ax.set_title(f"sample_poisson(λ = {d.lam:g}) against poisson_pmf (seed {seed})")
    ax.legend(fontsize=8)
    return _save(fig, outdir, "poisson_histogram")


# ---------------------------------------------------------------------------
# 4. Robbins–Monro with and without Polyak–Ruppert averaging
# ---------------------------------------------------------------------------


class RobbinsMonroData(NamedTuple):
    """Numbers of the ``robbins_monro`` figure; trajectories have shape (n_seeds, n_steps + 1)."""

    alpha: float
    theta: float  # the alpha-quantile of N(0, 1): the root sought
    classic: np.ndarray  # iterates with a_n = 1/n
    plain: np.ndarray  # iterates with a_n = 5·(n + 20)^(-2/3)
    averaged: np.ndarray  # Polyak–Ruppert averages of `plain`
    optimal_sd: np.ndarray  # σ/(k√n), n = 1..n_steps: the best possible error


def robbins_monro_data(
    alpha: float = 0.9, n_steps: int = 20_000, n_seeds: int = 16
) -> RobbinsMonroData:
    """Robbins–Monro runs that look for the ``alpha``-quantile of N(0, 1).

    The only observation per step is one comparison: ``g(x, ξ) = 1{ξ <= x} - alpha``
    with ``ξ ~ N(0, 1)``, whose mean ``Φ(x) - alpha`` vanishes at ``θ = Φ⁻¹(alpha)``.
    Each seed ``0 .. n_seeds - 1`` runs three times from ``x0 = 0`` on the same noise:
    steps ``1/n``; steps ``5·(n + 20)^(-2/3)``; the averages of the latter.

    Parameters
    ----------
    alpha : float
        The quantile level, ``0 < alpha < 1``.
    n_steps : int
        Steps per run, ``>= 1``.
    n_seeds : int
        Independent runs, ``>= 1``.

    Returns
    -------
    RobbinsMonroData
        The root ``theta``, the three families of trajectories, and
        ``optimal_sd[n - 1] = σ/(k√n)`` with ``σ² = alpha(1 - alpha)`` the noise
        variance at the root and ``k = φ(θ)`` the slope there: the asymptotic
        error of the averages, equal to that of the best step ``1/(kn)`` (which
        would need the unknown ``k``).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``alpha`` is not in ``(0, 1)`` or a count is below 1.

    Notes
    -----
    At ``alpha = 0.9`` the slope ``k = φ(θ) ≈ 0.18`` is below ``1/2``, so
    steps ``1/n`` converge only like ``n^(-k)``, far slower than ``n^(-1/2)``
    (see :mod:`mathlab.stochastic_approx`); the larger steps
    ``5·(n + 20)^(-2/3)`` reach ``n^(-1/3)``, and averaging them gives
    ``n^(-1/2)`` with the optimal constant, whatever the factor 5.  The shift
    by 20 keeps the first steps below 1: a first step of 5 would throw the
    iterate into the flat tail of ``Φ``, where the slope is tiny and the way
    back takes hundreds of steps.

    ``3·n_seeds·n_steps`` calls of ``g``; ``O(n_seeds·n_steps)`` memory.

    Examples
    --------
    >>> d = robbins_monro_data(alpha=0.5, n_steps=5, n_seeds=2)
    >>> d.theta, d.plain.shape
    (0.0, (2, 6))
    """
    alpha = require_real(alpha, "alpha")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must satisfy 0 < alpha < 1, got {alpha}")
    n_steps = require_int(n_steps, "n_steps", minimum=1)
    n_seeds = require_int(n_seeds, "n_seeds", minimum=1)

    def g(x: float, rng: np.random.Generator) -> float:
        return float(rng.standard_normal() <= x) - alpha

    def big_step(n: int) -> float:
        return 5.0 * (n + 20) ** (-2 / 3)

    runs: dict[str, list[np.ndarray]] = {"classic": [], "plain": [], "averaged": []}
    for seed in range(n_seeds):
        # A fresh Generator with the same seed for each run: all three see the same ξ's.
        runs["classic"].append(robbins_monro(g, 0.0, n_steps, rng=np.random.default_rng(seed)))
        for key, average in (("plain", False), ("averaged", True)):
            path = robbins_monro(
                g, 0.0, n_steps, step=big_step, rng=np.random.default_rng(seed), average=average
            )
            runs[key].append(path)
    theta = NormalDist().inv_cdf(alpha)
    slope = NormalDist().pdf(theta)
    optimal = math.sqrt(alpha * (1 - alpha)) / slope / np.sqrt(np.arange(1, n_steps + 1))
    return RobbinsMonroData(
        alpha, theta, *(np.array(runs[key]) for key in ("classic", "plain", "averaged")), optimal
    )


def plot_robbins_monro(
    outdir: str | Path, alpha: float = 0.9, n_steps: int = 20_000, n_seeds: int = 16
) -> Path:
    """Draw ``robbins_monro.png``: trajectories (left) and their RMS error (right).

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    alpha, n_steps, n_seeds
        As in :func:`robbins_monro_data`.

    Returns
    -------
    Path
        ``outdir/robbins_monro.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = robbins_monro_data(alpha, n_steps, n_seeds)
    fig, (left, right) = _new_figure(ncols=2)
    steps = np.arange(1, n_steps + 1)
    series = (
        ("classic", "$a_n = 1/n$", "C2"),
        ("plain", "$a_n = 5(n+20)^{-2/3}$", "C0"),
        ("averaged", "averaged", "C3"),
    )
    for key, label, color in series:
        paths = getattr(d, key)
        left.plot(steps, paths[0, 1:], color=color, lw=0.8, label=label)
        rms = np.sqrt(np.mean((paths[:, 1:] - d.theta) ** 2, axis=0))
        right.loglog(steps, rms, color=color, lw=1, label=label)
    left.axhline(d.theta, color="k", lw=0.8, ls=":", label=f"θ = Φ⁻¹({d.alpha:g})")
    left.set_xscale("log")
    left.set_xlabel("step n")
    left.set_title("one run (seed 0)", fontsize=10)
    left.legend(fontsize=7)
    right.loglog(steps, d.optimal_sd, "k--", lw=0.8, label="optimal σ/(k√n)")
    right.set_xlabel("step n")
    right.set_title(f"RMS error over {n_seeds} seeds", fontsize=10)
    right.legend(fontsize=7)
    fig.suptitle(f"Robbins–Monro for the {d.alpha:g}-quantile of N(0, 1), one comparison per step")
    return _save(fig, outdir, "robbins_monro")


# ---------------------------------------------------------------------------
# 5. Gradient descent against conjugate gradients
# ---------------------------------------------------------------------------


class QuadraticRunData(NamedTuple):
    """Numbers of the ``gd_vs_cg`` figure."""

    A: np.ndarray  # symmetric, eigenvalues evenly spaced in [1, kappa]
    b: np.ndarray  # chosen so that the minimiser of xᵀAx + bᵀx is x_star
    x_star: np.ndarray  # unit vector
    kappa: float
    gd_errors: np.ndarray  # ‖x_k − x*‖ along gradient descent (x0 = 0, so error_0 = 1)
    cg_errors: np.ndarray  # ‖x_k − x*‖ along conjugate gradients


def gd_vs_cg_data(dim: int = 50, kappa: float = 100.0, seed: int = 0) -> QuadraticRunData:
    """Run gradient descent and CG on one ill-conditioned quadratic ``xᵀAx + bᵀx``.

    ``A = Q·diag(λ)·Qᵀ`` with ``Q`` a random orthogonal matrix (seeded) and
    ``λ`` evenly spaced in ``[1, kappa]``; ``b = -2A·x*`` for a random unit
    vector ``x*``, so the minimiser is known by construction.  Both methods
    start at 0 with relative tolerance ``1e-12``; gradient descent uses its
    default step ``1/L``.

    Parameters
    ----------
    dim : int
        Dimension, ``>= 2``.
    kappa : float
        Condition number of ``A``, ``>= 1``; gradient descent takes about
        ``κ·ln(10^12)`` steps, so keep it below ``10^3``.
    seed : int
        Seed of the Generator that draws ``Q`` and ``x*``.

    Returns
    -------
    QuadraticRunData
        The problem and the error ``‖x_k − x*‖`` of every iterate of each method.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``dim < 2``, ``kappa`` is outside ``[1, 1000]`` or ``seed < 0``.

    Notes
    -----
    ``O(dim³)`` to build ``A``, then ``O(dim²)`` per iteration:
    ``O(κ·dim²)`` for gradient descent, ``O(dim³)`` for CG.  With ``lr = 1/L``
    each gradient step multiplies the error along the eigenvalue ``λ`` by
    ``1 - λ/κ``, so ``‖e_k‖ <= (1 - 1/κ)^k``; CG's error obeys
    ``‖e_k‖ <= 2√κ·((√κ - 1)/(√κ + 1))^k`` and vanishes after ``dim`` steps
    in exact arithmetic.

    Examples
    --------
    >>> d = gd_vs_cg_data(dim=3, kappa=4.0)
    >>> len(d.cg_errors) <= 4, bool(d.cg_errors[-1] < 1e-9 < d.gd_errors[10])
    (True, True)
    """
    dim = require_int(dim, "dim", minimum=2)
    kappa = require_real(kappa, "kappa", minimum=1)
    if kappa > 1000:
        raise ValueError(f"kappa must be <= 1000 (gradient descent needs ~κ·28 steps), got {kappa}")
    seed = require_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    q, r = np.linalg.qr(rng.standard_normal((dim, dim)))
    q *= np.sign(np.diag(r))  # the sign fix makes Q Haar-distributed, not biased by QR's convention
    A = (q * np.linspace(1.0, kappa, dim)) @ q.T
    A = 0.5 * (A + A.T)  # exactly symmetric, so S = A
    x_star = rng.standard_normal(dim)
    x_star /= np.linalg.norm(x_star)
    b = -2.0 * A @ x_star
    x0 = np.zeros(dim)
    _, gd_history = gradient_descent(A, b, x0, tol=1e-12, max_iter=100_000)
    _, cg_history = conjugate_gradient(A, b, x0, tol=1e-12)
    gd_errors = np.linalg.norm(np.array(gd_history) - x_star, axis=1)
    cg_errors = np.linalg.norm(np.array(cg_history) - x_star, axis=1)
    return QuadraticRunData(A, b, x_star, kappa, gd_errors, cg_errors)


def plot_gd_vs_cg(outdir: str | Path, dim: int = 50, kappa: float = 100.0, seed: int = 0) -> Path:
    """Draw ``gd_vs_cg.png``: error per iteration of both methods with their bounds.

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    dim, kappa, seed
        As in :func:`gd_vs_cg_data`.

    Returns
    -------
    Path
        ``outdir/gd_vs_cg.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = gd_vs_cg_data(dim, kappa, seed)
    fig, (near, far) = _new_figure(ncols=2)
    k_gd = np.arange(len(d.gd_errors))
    k_cg = np.arange(len(d.cg_errors))
    rho = (math.sqrt(d.kappa) - 1) / (math.sqrt(d.kappa) + 1)
    # The same curves twice: CG is over after <= dim steps, gradient descent needs
    # ~κ·ln(1/tol); the left panel zooms on CG's range, the right shows the whole run.
    for ax, last in ((near, 2 * len(k_cg)), (far, len(k_gd))):
        k = np.arange(last)
        ax.semilogy(k_gd[:last], d.gd_errors[:last], "C0", lw=1.5, label="gradient descent")
        ax.semilogy(k, (1 - 1 / d.kappa) ** k, "C0:", lw=1, label="its bound $(1 - 1/κ)^k$")
        ax.semilogy(k_cg, d.cg_errors, "C3.-", lw=1.5, ms=3, label="conjugate gradient")
        ax.semilogy(
            k, 2 * math.sqrt(d.kappa) * rho**k, "C3:", lw=1, label="its bound $2\\sqrt{κ}\\,ρ^k$"
        )
        ax.set_ylim(1e-13, 10 * math.sqrt(d.kappa))
        ax.set_xlim(0, last)
        ax.set_xlabel("iteration k")
    near.set_ylabel("error $\\|x_k - x^*\\|$")
    near.set_title(f"CG: {len(k_cg) - 1} steps", fontsize=10)
    far.set_title(f"gradient descent: {len(k_gd) - 1} steps", fontsize=10)
    near.legend(fontsize=7, loc="lower left")
    fig.suptitle(f"Minimising xᵀAx + bᵀx: dim {len(d.b)}, κ = {d.kappa:g}, ρ = (√κ − 1)/(√κ + 1)")
    return _save(fig, outdir, "gd_vs_cg")


# ---------------------------------------------------------------------------
# 6. Adam with L2 decay against AdamW
# ---------------------------------------------------------------------------


class AdamVsAdamWData(NamedTuple):
    """Numbers of the ``adam_vs_adamw`` figure; trajectories have shape (n_steps + 1, 2)."""

    curvature: np.ndarray  # h: the loss is Σ h_i (w_i − center_i)² / 2
    center: np.ndarray  # the unregularised minimiser
    weight_decay: float  # λ: the regularised loss adds λ|w|²/2
    lr: float
    ridge: np.ndarray  # the minimiser of the regularised loss, h·center/(h + λ)
    adam: np.ndarray  # Adam with weight_decay = λ (L2 through the moments)
    adamw: np.ndarray  # AdamW with weight_decay = λ (decoupled)


def _regularised_loss(d: AdamVsAdamWData, w: np.ndarray) -> np.ndarray:
    """``Σ h_i (w_i − c_i)²/2 + λ|w|²/2`` at the points ``w[..., :]``."""
    return 0.5 * (d.curvature * (w - d.center) ** 2).sum(-1) + 0.5 * d.weight_decay * (w * w).sum(
        -1
    )


def adam_vs_adamw_data(
    kappa: float = 100.0, weight_decay: float = 2.0, lr: float = 0.01, n_steps: int = 10_000
) -> AdamVsAdamWData:
    """Adam-L2 and AdamW on ``Σ h_i (w_i − 1)²/2`` with ``h = (kappa, 1)``, decay ``λ``.

    Both start at ``(−1.5, −1)`` with the same ``lr`` and ``weight_decay = λ``.
    Adam adds ``λw`` to the gradient, so it minimises the L2-regularised loss
    ``F(w) = Σ h_i (w_i − 1)²/2 + λ|w|²/2``, whose minimiser is
    ``w_i = h_i/(h_i + λ)``: the flat coordinate (``h = 1``) is pulled towards
    0 far more than the steep one.  AdamW decays every coordinate by the same
    factor ``1 − lr·λ`` outside the adaptive step, and the adaptive step does
    not see the curvature (it is invariant to scaling a coordinate's
    gradient).  A fixed point needs ``λ·w_i = −m̂_i/(√v̂_i + ε)``, a number of
    size at most 1: with full-batch gradients AdamW ends at the minimiser of
    the *unregularised* loss inside the box ``|w_i| <= 1/λ`` (here the corner
    ``(1/λ, 1/λ)`` when ``λ > 1``), the same for both coordinates -- not the
    minimiser of ``F``.

    Parameters
    ----------
    kappa : float
        Curvature of the steep coordinate (the condition number), ``1 <= kappa <= 10^4``.
    weight_decay : float
        ``λ > 0``, finite.
    lr : float
        Learning rate, ``0 < lr <= 1``.
    n_steps : int
        Steps of each optimiser, ``>= 1``.  AdamW approaches its limit on the
        time scale of the second-moment average (``1/(1 − β₂) = 1000`` steps):
        within ``10^-3`` after ``10^4`` steps at the defaults.

    Returns
    -------
    AdamVsAdamWData
        The problem, the minimiser ``ridge`` of ``F``, and both trajectories.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    ``2·n_steps`` optimiser steps on 2 parameters: ``O(n_steps)``.

    Examples
    --------
    >>> d = adam_vs_adamw_data()
    >>> d.ridge.round(4).tolist(), d.adam[-1].round(4).tolist(), d.adamw[-1].round(2).tolist()
    ([0.9804, 0.3333], [0.9804, 0.3333], [0.5, 0.5])
    """
    kappa = require_real(kappa, "kappa")
    if not 1 <= kappa <= 1e4:
        raise ValueError(f"kappa must satisfy 1 <= kappa <= 1e4, got {kappa}")
    weight_decay = require_real(weight_decay, "weight_decay", positive=True)
    lr = require_real(lr, "lr", positive=True)
    if lr > 1:
        raise ValueError(f"lr must be <= 1, got {lr}")
    n_steps = require_int(n_steps, "n_steps", minimum=1)
    curvature = np.array([kappa, 1.0])
    center = np.ones(2)
    runs = {}
    for name, step in (("adam", adam_step), ("adamw", adamw_step)):
        w, state = np.array([-1.5, -1.0]), None
        path = [w]
        for _ in range(n_steps):
            w, state = step(w, curvature * (w - center), state, lr=lr, weight_decay=weight_decay)
            path.append(w)
        runs[name] = np.array(path)
    ridge = curvature * center / (curvature + weight_decay)
    return AdamVsAdamWData(curvature, center, weight_decay, lr, ridge, runs["adam"], runs["adamw"])


def plot_adam_vs_adamw(
    outdir: str | Path,
    kappa: float = 100.0,
    weight_decay: float = 2.0,
    lr: float = 0.01,
    n_steps: int = 10_000,
) -> Path:
    """Draw ``adam_vs_adamw.png``: both paths on the regularised loss (left), and
    their distance to its minimiser (right).

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    kappa, weight_decay, lr, n_steps
        As in :func:`adam_vs_adamw_data`.

    Returns
    -------
    Path
        ``outdir/adam_vs_adamw.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = adam_vs_adamw_data(kappa, weight_decay, lr, n_steps)
    fig, (plane, dist) = _new_figure(ncols=2)
    u, v = np.meshgrid(np.linspace(-1.7, 1.3, 241), np.linspace(-1.2, 1.3, 201))
    surface = _regularised_loss(d, np.stack([u, v], axis=-1))
    levels = _regularised_loss(d, d.ridge) + np.geomspace(1e-3, surface.max(), 14)
    plane.contour(u, v, surface, levels=levels, colors="0.75", linewidths=0.6)
    plane.plot(d.adam[:, 0], d.adam[:, 1], "C0", lw=1.2, label="Adam, L2 decay")
    plane.plot(d.adamw[:, 0], d.adamw[:, 1], "C3", lw=1.2, label="AdamW, decoupled")
    plane.plot(*d.ridge, "k*", ms=9, label="minimiser of the regularised loss")
    plane.plot(*d.center, "kx", ms=7, label="minimiser without decay")
    plane.plot(*d.adamw[-1], "o", color="C3", ms=4)
    r = 1 / d.weight_decay  # AdamW's implicit box |w_i| <= 1/λ
    plane.plot([-r, r, r, -r, -r], [-r, -r, r, r, -r], color="C3", ls="--", lw=0.7)
    plane.set_xlabel(f"$w_1$ (curvature {d.curvature[0]:g})")
    plane.set_ylabel(f"$w_2$ (curvature {d.curvature[1]:g})")
    plane.legend(fontsize=6, loc="lower right")
    plane.set_title("paths from (−1.5, −1); dashed: |w_i| = 1/λ", fontsize=10)
    steps = np.arange(len(d.adam))
    floor = 1e-13  # Adam's distance drops to round-off (~1e-16): drawn on the bottom edge
    for path, color, label in ((d.adam, "C0", "Adam, L2"), (d.adamw, "C3", "AdamW")):
        gap = np.linalg.norm(path - d.ridge, axis=1)
        dist.semilogy(steps, np.maximum(gap, floor), color=color, lw=1.2, label=label)
    corner = np.linalg.norm(d.adamw - r, axis=1)
    dist.semilogy(steps, np.maximum(corner, floor), "C3--", lw=0.8, label="AdamW to (1/λ, 1/λ)")
    dist.set_ylim(bottom=floor / 2)
    dist.set_xlabel("step")
    dist.set_ylabel("distance")
    dist.set_title("to the regularised minimiser ★", fontsize=10)
    dist.legend(fontsize=7)
    fig.suptitle(f"Adam vs AdamW, weight_decay = {d.weight_decay:g}, lr = {d.lr:g}")
    return _save(fig, outdir, "adam_vs_adamw")


# ---------------------------------------------------------------------------
# 7. Mixed precision: float16 weights with and without float32 master weights
# ---------------------------------------------------------------------------


class MixedPrecisionData(NamedTuple):
    """Numbers of the ``mixed_precision`` figure; trajectories have shape (n_steps + 1,)."""

    lr: float
    w0: float
    target: float  # the loss is (w − target)²/2
    float16_only: np.ndarray  # mixed_precision_sgd(..., master_weights=False)
    master_weights: np.ndarray  # mixed_precision_sgd(..., master_weights=True)
    exact: np.ndarray  # target + (w0 − target)(1 − lr)^k: SGD in exact arithmetic
    update: np.ndarray  # |lr·g| at each float16-only step (the update that is lost)
    half_spacing: np.ndarray  # half the float16 spacing below each float16-only weight


def mixed_precision_data(
    lr: float = 1e-4, n_steps: int = 10_000, w0: float = 1.0, target: float = 0.5
) -> MixedPrecisionData:
    """SGD on ``(w − target)²/2`` in float16, with and without float32 master weights.

    Parameters
    ----------
    lr : float
        Learning rate, ``0 < lr < 1``.
    n_steps : int
        Number of steps, ``>= 1``.
    w0, target : float
        Start and minimiser, finite, ``|w0|, |target| <= 1000``.

    Returns
    -------
    MixedPrecisionData
        Both float16 trajectories from :func:`mathlab.mixed_precision_sgd`, the
        exact one, and for the float16-only run the update size ``lr·|g|``
        against half the float16 spacing at the weight (below it the update
        rounds away).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    ``2·n_steps`` Python-level steps, ``O(n_steps)`` memory.

    Examples
    --------
    >>> d = mixed_precision_data(n_steps=2000)
    >>> float(d.float16_only[-1])
    1.0
    >>> round(float(d.master_weights[-1]), 3), round(float(d.exact[-1]), 3)
    (0.909, 0.909)
    """
    lr = require_real(lr, "lr", positive=True)
    if lr >= 1:
        raise ValueError(f"lr must be < 1, got {lr}")
    n_steps = require_int(n_steps, "n_steps", minimum=1)
    w0 = require_real(w0, "w0")
    target = require_real(target, "target")
    if abs(w0) > 1000 or abs(target) > 1000:
        raise ValueError(f"w0 and target must be at most 1000 in size, got {w0} and {target}")

    def grad(w: np.ndarray) -> np.ndarray:
        return w - target

    stuck = mixed_precision_sgd(w0, grad, lr, n_steps, master_weights=False)
    moving = mixed_precision_sgd(w0, grad, lr, n_steps, master_weights=True)
    exact = target + (w0 - target) * (1 - lr) ** np.arange(n_steps + 1)
    # Half the gap to the next float16 towards the target: a smaller step is lost.
    toward = np.sign(target - stuck)
    neighbour = np.nextafter(stuck.astype(np.float16), (stuck + toward).astype(np.float16))
    half_spacing = np.abs(neighbour.astype(np.float64) - stuck) / 2
    update = lr * np.abs(stuck - target)
    return MixedPrecisionData(lr, w0, target, stuck, moving, exact, update, half_spacing)


def plot_mixed_precision(
    outdir: str | Path,
    lr: float = 1e-4,
    n_steps: int = 10_000,
    w0: float = 1.0,
    target: float = 0.5,
) -> Path:
    """Draw ``mixed_precision.png``: the weight per step (left) and why float16 is stuck (right).

    Parameters
    ----------
    outdir : str or Path
        Folder to write to (created if missing).
    lr, n_steps, w0, target
        As in :func:`mixed_precision_data`.

    Returns
    -------
    Path
        ``outdir/mixed_precision.png``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    """
    d = mixed_precision_data(lr, n_steps, w0, target)
    fig, (left, right) = _new_figure(ncols=2)
    steps = np.arange(len(d.exact))
    left.plot(steps, d.exact, "k:", lw=1.2, label="exact arithmetic")
    left.plot(steps, d.master_weights, "C0", lw=1, label="float16 + float32 master")
    left.plot(steps, d.float16_only, "C3", lw=1.5, label="float16 only")
    left.set_xlabel("step")
    left.set_ylabel("weight w")
    left.set_title(f"SGD on (w − {d.target:g})²/2, lr = {d.lr:g}", fontsize=10)
    left.legend(fontsize=7)
    # Zoom on the start: the float16 copy of the master weight moves in float16
    # steps (2^-11 below 1.0) once the master has drifted half a step.
    zoom = steps[: min(len(steps), 121)]
    right.plot(zoom, d.exact[zoom], "k:", lw=1.2)
    right.step(zoom, d.master_weights[zoom], "C0", where="post", lw=1)
    right.step(zoom, d.float16_only[zoom], "C3", where="post", lw=1.5)
    right.set_xlabel("step")
    right.set_title("the first 120 steps", fontsize=10)
    fig.suptitle(
        f"float16 weights: each update lr·|g| <= {d.update.max():.1e} is below half a "
        f"float16 step ({d.half_spacing.min():.1e})",
        fontsize=10,
    )
    return _save(fig, outdir, "mixed_precision")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

_PLOTTERS: dict[str, Callable[[Path], Path]] = {
    "walk_distribution": plot_walk_distribution,
    "arcsine_law": plot_arcsine_law,
    "poisson_histogram": plot_poisson_histogram,
    "robbins_monro": plot_robbins_monro,
    "gd_vs_cg": plot_gd_vs_cg,
    "adam_vs_adamw": plot_adam_vs_adamw,
    "mixed_precision": plot_mixed_precision,
}


def main(argv: Sequence[str] | None = None) -> list[Path]:
    """Command line: ``python -m mathlab.gallery OUTDIR [--only NAME ...]``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments; default ``sys.argv[1:]``.

    Returns
    -------
    list of Path
        The PNG files written, in the order of :data:`FIGURES` (also printed, one a line).

    Raises
    ------
    SystemExit
        For a bad command line, e.g. an unknown figure name (argparse's message
        lists the valid ones).
    ImportError
        If matplotlib is not installed.
    """
    parser = argparse.ArgumentParser(
        prog="python -m mathlab.gallery",
        description="Draw the mathlab gallery: one PNG per figure.",
    )
    parser.add_argument("outdir", type=Path, help="folder for the PNG files (created if missing)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=FIGURES,
        metavar="NAME",
        help=f"draw only these figures; NAME is one of: {', '.join(FIGURES)}",
    )
    args = parser.parse_args(argv)
    if args.outdir.exists() and not args.outdir.is_dir():
        parser.error(f"OUTDIR {str(args.outdir)!r} exists and is not a folder")
    wanted = set(args.only or FIGURES)
    written = []
    for name in FIGURES:
        if name in wanted:
            path = _PLOTTERS[name](args.outdir)
            print(path)
            written.append(path)
    return written


if __name__ == "__main__":
    main()
