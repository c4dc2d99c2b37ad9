"""Random walks on the integers, exactly, through generating functions.

The problem
-----------
A walker starts at 0 and takes ``n`` independent steps, each ``+1`` with
probability ``p`` and ``-1`` with probability ``q = 1 - p``.  ``S_n`` is its
position after ``n`` steps.  We want *exact* answers (``Fraction``) to the
classical questions about ``S_n``:

* where is the walker after ``n`` steps?          (:func:`walk_distribution`)
* is it back at 0 at step ``n``?  ``u_n``            (:func:`return_probability`)
* is step ``n`` its *first* return to 0?  ``f_n``    (:func:`first_return_probability`)
* does it reach level ``r`` for the first time at step ``n``?
                                                   (:func:`first_passage_probability`)
* when, in ``2n`` steps, was it last at 0?  (the arcsine law,
  :func:`last_visit_probability`)

and a Monte Carlo check of all of them (:func:`simulate_walks`).

The idea: generating functions
------------------------------
One step is the Laurent polynomial ``p·x + q/x``: the exponent of ``x`` is the
displacement, the coefficient its probability.  Independent steps multiply, so
the law of ``S_n`` is read off ``(p·x + q/x)^n``.  Factor out ``x^(-n)``::

    (p·x + q/x)^n = x^(-n) · (p·y + q)^n,        y = x²,

so the coefficient of ``y^k`` is the probability of ``k`` up-steps, i.e. of
position ``2k - n``.  With ``p = a/c`` in lowest terms this is
``(a·y + (c - a))^n / c^n``: an *integer* polynomial raised to the ``n``-th
power, which we compute by repeated squaring.

For the symmetric walk (``p = q = 1/2``) three power series carry everything:

* ``U(s) = Σ u_n s^n = (1 - s²)^(-1/2)``  (the constant term of ``((x + 1/x)/2)^n``
  is ``C(n, n/2)/2^n``, and the binomial series sums those to ``(1 - s²)^(-1/2)``);
* ``F(s) = Σ f_n s^n = 1 - (1 - s²)^(1/2)``, because a return at step ``n`` is a
  first return at some step ``k`` followed by a return ``n - k`` steps later:
  ``u_n = Σ f_k u_(n-k)`` (the *renewal identity*), i.e. ``U = 1 + F·U``, so
  ``U = 1/(1 - F)``.  Reading off coefficients, ``f_(2n) = u_(2n)/(2n - 1)``;
* ``Φ_r(s) = Φ_1(s)^r`` with ``Φ_1(s) = (1 - (1 - s²)^(1/2))/s = F(s)/s`` for the
  first passage to level ``r``: to reach ``r`` the walk must first reach 1, then 2
  from there, and so on -- ``r`` independent copies of the passage to 1.  A first
  return to 0 is one step away from 0 followed by a first passage back, which is
  why ``Φ_1 = F/s``.

The coefficients of ``(1 - t)^α`` come from the binomial series,
``a_0 = 1,  a_(k+1) = a_k·(k - α)/(k + 1)``, exactly, with ``Fraction``.
``Φ_1(s)`` turns out to be ``Σ_j C_j (s/2)^(2j+1)`` with ``C_j`` the Catalan
numbers, so ``Φ_1^r`` is again an integer series raised to a power.

Fast exact polynomial powers: Kronecker substitution
----------------------------------------------------
Multiplying two polynomials with non-negative integer coefficients, all below
``B``, is one multiplication of two big integers: evaluate both at ``X = B``
(the coefficients become the "digits" of a base-``B`` number), multiply, and
read the product's coefficients back as its base-``B`` digits -- nothing
carries from one digit into the next as long as every product coefficient is
below ``B``.  We pack with ``B = 10^D`` into ``decimal.Decimal`` integers rather
than into ``int``: CPython's ``int`` multiplies huge numbers by Karatsuba,
``O(N^1.58)``, while the ``decimal`` module (libmpdec) switches to a
number-theoretic transform, ``O(N log N)``; packing, truncating and unpacking
are then just string slicing.  For ``n = 10^4`` and ``p = 1/2`` the last
squaring multiplies two 15-million-digit numbers in under a second, more than
ten times faster than the same squaring with ``int``.

Complexity
----------
``walk_distribution(n, a/c)``: ``O(log n)`` multiplications of packed integers
of at most ``(n + 1)·D`` digits, ``D ≈ n·log10(c)``; with the transform that is
``Õ(n² log c)`` time and memory -- the size of the answer itself, which holds
``n + 1`` fractions of about ``n·log2(c)`` bits each.  The single
probabilities ``u_n``, ``f_n`` and the arcsine terms are ``O(1)`` binomial
coefficients (``O(n)`` bits); so is ``first_passage_probability(r, n)``,
whose one coefficient Lagrange inversion reads off ``Φ_1 = s·(1 + Φ_1²)/2``.
The whole series ``Φ_r`` (``generating_function_coefficients('first_passage',
n, r=r)``) is a series truncated to ``(n - r)/2`` terms raised to the ``r``-th
power: ``O(log r)`` multiplications of ``Õ(n²)``-digit integers.
``simulate_walks`` is ``O(n_steps·n_walks)`` vectorised NumPy work.
"""

from __future__ import annotations

import decimal
import math
import sys
from fractions import Fraction
from typing import Any

import numpy as np

from mathlab._validate import (
    as_generator,
    describe,
    require_int,
    require_probability,
    require_real,
)

__all__ = [
    "first_passage_probability",
    "first_return_probability",
    "generating_function_coefficients",
    "last_visit_probability",
    "return_probability",
    "simulate_walks",
    "walk_distribution",
]

_SERIES_NAMES = ("U", "F", "first_passage")


# --------------------------------------------------------------------------
# Kronecker substitution on decimal integers
# --------------------------------------------------------------------------


def _exact_context(max_digits: int) -> decimal.Context:
    """A decimal context in which integer arithmetic up to ``max_digits`` digits is exact.

    ``Inexact`` and ``Rounded`` are trapped, so a wrong digit bound raises
    instead of silently rounding a coefficient away.
    """
    return decimal.Context(
        prec=max(max_digits, 1),
        Emax=decimal.MAX_EMAX,
        Emin=decimal.MIN_EMIN,
        traps=[decimal.Inexact, decimal.Rounded, decimal.Overflow, decimal.InvalidOperation],
    )


def _slot_digits(bound: int) -> int:
    """Smallest ``D`` with ``bound < 10**D``: a slot wide enough for every coefficient <= bound."""
    digits = max(1, int(bound.bit_length() * 0.30102999566398120))  # log10(2), never above
    power = 10**digits
    while power <= bound:
        digits += 1
        power *= 10
    return digits


def _digits_to_int(digits: str) -> int:
    # int(str) refuses strings longer than sys.get_int_max_str_digits() (4300 by
    # default since CPython 3.11), so convert longer ones half by half.
    limit = sys.get_int_max_str_digits()
    if limit == 0 or len(digits) <= limit:
        return int(digits)
    half = len(digits) // 2
    return _digits_to_int(digits[:-half]) * 10**half + _digits_to_int(digits[-half:])


def _int_to_digits(value: int, width: int) -> str:
    # str(Decimal(int)) is not subject to the str-digits limit either.
    text = str(value) if value.bit_length() < 10_000 else str(decimal.Decimal(value))
    return text.zfill(width)


def _pack(coeffs: list[int], slot: int) -> decimal.Decimal:
    """``Σ coeffs[k]·10^(slot·k)`` as one decimal integer (coefficients must be in [0, 10^slot))."""
    return decimal.Decimal("".join(_int_to_digits(c, slot) for c in reversed(coeffs)) or "0")


def _unpack(packed: decimal.Decimal, slot: int, count: int) -> list[int]:
    """The lowest ``count`` base-``10^slot`` digits of ``packed``, least significant first."""
    text = str(packed).zfill(count * slot)
    end = len(text)
    return [_digits_to_int(text[end - (k + 1) * slot : end - k * slot]) for k in range(count)]


def _truncate(packed: decimal.Decimal, slot: int, count: int) -> decimal.Decimal:
    """Keep the lowest ``count`` slots: the series truncated to degree ``count - 1``."""
    text = str(packed)
    keep = count * slot
    return packed if len(text) <= keep else decimal.Decimal(text[-keep:])


def _binomial_power(a: int, b: int, n: int) -> list[int]:
    """Coefficients of ``(a·y + b)^n``, lowest degree first, for integers ``a, b >= 0``.

    Repeated squaring on the packed polynomial: ``O(log n)`` big multiplications,
    not ``n`` of them.  Every coefficient of ``(a·y + b)^m`` is non-negative and
    they sum to ``(a + b)^m <= (a + b)^n``, so one slot width ``D`` with
    ``(a + b)^n < 10^D`` holds every intermediate coefficient without carries.
    """
    m = max(n, 1)  # the packed base a·10^D + b must fit too, even when n = 0
    slot = _slot_digits((a + b) ** m)
    ctx = _exact_context((m + 1) * slot + 1)
    base = ctx.fma(decimal.Decimal(a), ctx.scaleb(decimal.Decimal(1), slot), decimal.Decimal(b))
    power = decimal.Decimal(1)
    for bit in bin(n)[2:]:  # left to right: power = base^(prefix of n's bits)
        power = ctx.multiply(power, power)
        if bit == "1":
            power = ctx.multiply(power, base)
    return _unpack(power, slot, n + 1)


def _series_power(coeffs: list[int], r: int, bound: int) -> list[int]:
    """``(Σ coeffs[k] w^k)^r`` truncated to ``len(coeffs)`` terms, by repeated squaring.

    ``coeffs`` are non-negative and ``bound`` must exceed every coefficient of
    degree < len(coeffs) of every power ``1..r`` of the series.  Products of
    truncated series are exact below the truncation degree, and a slot that
    overflows only carries *upward*, into the part we throw away.
    """
    count = len(coeffs)
    slot = _slot_digits(bound)
    ctx = _exact_context(2 * count * slot + 1)
    base = _pack(coeffs, slot)
    power = decimal.Decimal(1)
    for bit in bin(r)[2:]:
        power = _truncate(ctx.multiply(power, power), slot, count)
        if bit == "1":
            power = _truncate(ctx.multiply(power, base), slot, count)
    return _unpack(power, slot, count)


# --------------------------------------------------------------------------
# Exact series of the symmetric walk
# --------------------------------------------------------------------------


def _binomial_series(alpha: Fraction, terms: int) -> list[Fraction]:
    """The first ``terms`` coefficients of ``(1 - t)^alpha``.

    From the binomial series, the ratio of consecutive coefficients is
    ``(k - alpha)/(k + 1)``: ``O(terms)`` exact multiplications.
    """
    coeffs = [Fraction(1)]
    for k in range(terms - 1):
        coeffs.append(coeffs[-1] * (k - alpha) / (k + 1))
    return coeffs[:terms]


def _catalan_from_sqrt(terms: int) -> list[int]:
    """Integer coefficients ``C_j`` of ``Φ_1(s) = Σ_j C_j (s/2)^(2j+1)``, ``j < terms``.

    ``Φ_1(s) = F(s)/s`` and ``F(s) = 1 - (1 - s²)^(1/2)``, so the coefficient of
    ``s^(2j+1)`` in ``Φ_1`` is ``-[t^(j+1)] (1 - t)^(1/2)``.  Scaling ``s = 2z``
    clears every denominator (the scaled values are the Catalan numbers).
    """
    sqrt_series = _binomial_series(Fraction(1, 2), terms + 1)
    catalan = []
    for j in range(terms):
        scaled = -sqrt_series[j + 1] * 2 ** (2 * j + 1)
        assert scaled.denominator == 1  # the whole point of the substitution s = 2z
        catalan.append(scaled.numerator)
    return catalan


def _first_passage_series(r: int, n: int) -> list[int]:
    """``[w^k] Cat(w)^r`` for ``k <= (n - r)//2``, where ``Φ_r(s) = (s/2)^r·Cat(s²/4)^r``.

    Coefficient bound: ``Cat(1/4) = 2`` and all coefficients are non-negative,
    so ``[w^k] Cat^j <= 2^j·4^k <= 2^(r + 2k) <= 2^n`` for ``j <= r``.
    """
    terms = (n - r) // 2 + 1
    return _series_power(_catalan_from_sqrt(terms), r, 2 ** (r + 2 * (terms - 1)))


def _u(n: int) -> Fraction:
    # [t^k] (1 - t)^(-1/2) = C(-1/2, k)·(-1)^k = C(2k, k)/4^k, with t = s², n = 2k.
    if n % 2:
        return Fraction(0)
    k = n // 2
    return Fraction(math.comb(2 * k, k), 4**k)


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def walk_distribution(n: int, p: Fraction | int | float = Fraction(1, 2)) -> dict[int, Fraction]:
    """Exact distribution of a ±1 random walk after ``n`` steps.

    Expands the generating function ``(p·x + q/x)^n``, ``q = 1 - p``, as the
    integer polynomial ``(a·y + (c - a))^n`` with ``p = a/c`` and ``y = x²``.

    Parameters
    ----------
    n : int
        Number of steps, ``n >= 0``.
    p : Fraction, int or float, default 1/2
        Probability of a ``+1`` step, in ``[0, 1]``.  A float is converted
        exactly (``0.1`` becomes the binary fraction it really stores, with
        denominator ``2^55``), so prefer ``Fraction(1, 10)``.

    Returns
    -------
    dict[int, Fraction]
        ``{position: probability}`` in increasing position, positions
        ``-n, -n + 2, ..., n``.  Positions of probability zero are left out:
        for ``0 < p < 1`` there are none, for ``p = 1`` the result is
        ``{n: 1}`` and for ``p = 0`` it is ``{-n: 1}``.

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``p`` is not a real number.
    ValueError
        If ``n < 0`` or ``p`` is outside ``[0, 1]``.

    Notes
    -----
    Repeated squaring of the polynomial packed into one decimal integer
    (Kronecker substitution, see the module docstring): ``O(log n)``
    multiplications of at most ``(n + 1)·D``-digit integers, ``D ≈ n·log10(c)``,
    so ``Õ(n² log c)`` time and memory -- proportional to the size of the
    answer.  ``n = 10^4`` with ``p = 1/2`` takes a few seconds.

    Examples
    --------
    >>> walk_distribution(2)
    {-2: Fraction(1, 4), 0: Fraction(1, 2), 2: Fraction(1, 4)}
    >>> walk_distribution(3, Fraction(1, 3))[1]
    Fraction(2, 9)
    >>> walk_distribution(4, 1)
    {4: Fraction(1, 1)}
    """
    n = require_int(n, "n", minimum=0)
    prob = require_probability(p, "p")
    a, c = prob.numerator, prob.denominator
    coeffs = _binomial_power(a, c - a, n)
    denominator = c**n
    return {2 * k - n: Fraction(coef, denominator) for k, coef in enumerate(coeffs) if coef}


def return_probability(n: int) -> Fraction:
    """``u_n = P(S_n = 0)`` for the simple symmetric walk.

    The coefficient of ``s^n`` in ``U(s) = (1 - s²)^(-1/2)``.

    Parameters
    ----------
    n : int
        Step, ``n >= 0``.

    Returns
    -------
    Fraction
        ``C(n, n/2)/2^n`` for even ``n`` (``u_0 = 1``), ``0`` for odd ``n``.

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 0``.

    Notes
    -----
    The binomial series gives ``[t^k](1 - t)^(-1/2) = C(2k, k)/4^k``: one
    binomial coefficient, ``O(n)``-bit integers.

    Examples
    --------
    >>> return_probability(4)
    Fraction(3, 8)
    >>> return_probability(5)
    Fraction(0, 1)
    """
    n = require_int(n, "n", minimum=0)
    return _u(n)


def first_return_probability(n: int) -> Fraction:
    """``f_n``: probability that the symmetric walk first returns to 0 at step ``n``.

    The coefficient of ``s^n`` in ``F(s) = 1 - (1 - s²)^(1/2) = 1 - 1/U(s)``.

    Parameters
    ----------
    n : int
        Step, ``n >= 0``.

    Returns
    -------
    Fraction
        ``u_n/(n - 1)`` for even ``n >= 2``; ``0`` for odd ``n`` and for ``n = 0``
        (step 0 is the start, not a return: ``F(0) = 0``).

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 0``.

    Notes
    -----
    ``-[t^k](1 - t)^(1/2) = C(2k, k)/((2k - 1)·4^k)`` from the binomial series:
    one binomial coefficient, ``O(n)``-bit integers.

    Examples
    --------
    >>> first_return_probability(2), first_return_probability(4)
    (Fraction(1, 2), Fraction(1, 8))
    """
    n = require_int(n, "n", minimum=0)
    if n == 0 or n % 2:
        return Fraction(0)
    return _u(n) / (n - 1)


def first_passage_probability(r: int, n: int) -> Fraction:
    """Probability that the symmetric walk first reaches level ``r`` at step ``n``.

    The coefficient of ``s^n`` in ``Φ_r(s) = ((1 - (1 - s²)^(1/2))/s)^r``.

    Parameters
    ----------
    r : int
        Target level, ``r >= 1`` (by symmetry, level ``-r`` has the same law).
    n : int
        Step, ``n >= 0``.

    Returns
    -------
    Fraction
        Zero unless ``n >= r`` and ``n - r`` is even.

    Raises
    ------
    TypeError
        If ``r`` or ``n`` is not an integer.
    ValueError
        If ``r < 1`` or ``n < 0``.

    Notes
    -----
    Computed from the generating function's functional equation.  Solving
    ``Φ_1 = (1 - (1 - s²)^(1/2))/s`` for ``s`` gives ``Φ_1 = s·(1 + Φ_1²)/2``, so
    ``Φ_1`` is the inverse of ``w ↦ 2w/(1 + w²)``, and Lagrange inversion
    reads one coefficient of ``Φ_r = Φ_1^r`` off without expanding the series::

        [s^n] Φ_1(s)^r = (r/n)·[w^(n-r)] ((1 + w²)/2)^n = (r/n)·C(n, (n-r)/2) / 2^n

    -- the hitting-time theorem ``P(T_r = n) = (r/n)·P(S_n = r)``.  One
    binomial coefficient: ``O(n)`` big-integer work, milliseconds at
    ``n = 10^4``.  :func:`generating_function_coefficients` expands the whole
    series ``Φ_r`` (by repeated squaring) when every coefficient is wanted;
    the tests check the two against each other and against path enumeration.

    Examples
    --------
    >>> first_passage_probability(1, 3)
    Fraction(1, 8)
    >>> first_passage_probability(2, 4)
    Fraction(1, 8)
    >>> first_passage_probability(2, 3)
    Fraction(0, 1)
    """
    r = require_int(r, "r", minimum=1)
    n = require_int(n, "n", minimum=0)
    if n < r or (n - r) % 2:
        return Fraction(0)
    return Fraction(r * math.comb(n, (n - r) // 2), n * 2**n)


def last_visit_probability(k: int, n: int) -> Fraction:
    """Arcsine-law term: probability that in ``2n`` steps the last visit to 0 is at step ``2k``.

    Parameters
    ----------
    k : int
        Half the time of the last visit, ``0 <= k <= n``.
    n : int
        Half the length of the walk, ``n >= 0``.

    Returns
    -------
    Fraction
        ``u_(2k)·u_(2n-2k)``.  The terms are symmetric in ``k ↔ n - k``, sum to
        1 over ``k``, and are largest at the ends: the walk tends to stay on
        one side for a long time.

    Raises
    ------
    TypeError
        If ``k`` or ``n`` is not an integer.
    ValueError
        If ``n < 0`` or ``k`` is outside ``[0, n]``.

    Notes
    -----
    A last visit at ``2k`` is a return at ``2k`` (probability ``u_(2k)``)
    followed by ``2n - 2k`` steps that avoid 0, which has probability
    ``u_(2n-2k)`` (a classical consequence of the reflection principle).
    Two binomial coefficients: ``O(n)``-bit integers.

    Examples
    --------
    >>> [last_visit_probability(k, 2) for k in range(3)]
    [Fraction(3, 8), Fraction(1, 4), Fraction(3, 8)]
    """
    k = require_int(k, "k")
    n = require_int(n, "n", minimum=0)
    if not 0 <= k <= n:
        raise ValueError(f"k must satisfy 0 <= k <= n = {n}, got {k}")
    return _u(2 * k) * _u(2 * n - 2 * k)


def generating_function_coefficients(name: str, n: int, r: int | None = None) -> list[Fraction]:
    """The first ``n + 1`` exact coefficients of a generating function of the symmetric walk.

    Parameters
    ----------
    name : {'U', 'F', 'first_passage'}
        ``'U'``: ``U(s) = Σ u_m s^m = (1 - s²)^(-1/2)`` (returns to 0);
        ``'F'``: ``F(s) = Σ f_m s^m = 1 - (1 - s²)^(1/2)`` (first returns);
        ``'first_passage'``: ``Φ_r(s) = ((1 - (1 - s²)^(1/2))/s)^r`` (first
        passage to level ``r``).
    n : int
        Highest power of ``s``, ``n >= 0``.
    r : int, optional
        The level, ``r >= 1``; required for ``'first_passage'`` and only for it.

    Returns
    -------
    list[Fraction]
        ``[c_0, c_1, ..., c_n]``, the coefficient of ``s^m`` at index ``m``, so
        identities such as ``U = 1/(1 - F)`` can be checked term by term.

    Raises
    ------
    TypeError
        If ``name`` is not a string or ``n``/``r`` is not an integer.
    ValueError
        If ``name`` is unknown, ``n < 0``, ``r < 1``, ``r`` is missing for
        ``'first_passage'`` or given for another series.

    Notes
    -----
    ``'U'`` and ``'F'``: the binomial series ``a_(k+1) = a_k·(k - α)/(k + 1)``,
    ``O(n)`` exact operations.  ``'first_passage'``: the integer Catalan series
    raised to the power ``r`` by repeated squaring with Kronecker substitution,
    ``O(log r)`` multiplications of ``Õ(n²)``-digit integers.

    Examples
    --------
    >>> [str(c) for c in generating_function_coefficients("U", 4)]
    ['1', '0', '1/2', '0', '3/8']
    >>> [str(c) for c in generating_function_coefficients("F", 4)]
    ['0', '0', '1/2', '0', '1/8']
    >>> [str(c) for c in generating_function_coefficients("first_passage", 4, r=2)]
    ['0', '0', '1/4', '0', '1/8']
    """
    if not isinstance(name, str):
        raise TypeError(
            f"name must be one of {', '.join(map(repr, _SERIES_NAMES))}, got {describe(name)}"
        )
    if name not in _SERIES_NAMES:
        raise ValueError(f"name must be one of {', '.join(map(repr, _SERIES_NAMES))}, got {name!r}")
    n = require_int(n, "n", minimum=0)
    if name != "first_passage":
        if r is not None:
            raise ValueError(f"r is only used with name='first_passage', got r={r!r} for {name!r}")
        half = _binomial_series(Fraction(-1 if name == "U" else 1, 2), n // 2 + 1)
        if name == "F":  # F = 1 - (1 - s²)^(1/2): drop the constant 1, flip the signs
            half = [Fraction(0)] + [-c for c in half[1:]]
        coeffs = [Fraction(0)] * (n + 1)
        coeffs[::2] = half
        return coeffs
    if r is None:
        raise ValueError("r is required for name='first_passage' (the level, r >= 1)")
    r = require_int(r, "r", minimum=1)
    coeffs = [Fraction(0)] * (n + 1)
    if n >= r:
        for k, value in enumerate(_first_passage_series(r, n)):
            m = r + 2 * k
            coeffs[m] = Fraction(value, 2**m)
    return coeffs


def simulate_walks(n_steps: int, n_walks: int, p: float = 0.5, rng: Any = None) -> np.ndarray:
    """Simulate ``n_walks`` independent ±1 walks of ``n_steps`` steps.

    Parameters
    ----------
    n_steps : int
        Steps per walk, ``>= 0``.
    n_walks : int
        Number of walks, ``>= 0``.
    p : float, default 0.5
        Probability of a ``+1`` step, in ``[0, 1]``.
    rng : None, int or numpy.random.Generator
        Source of randomness; ``None`` is a fresh OS-seeded generator.  The
        global NumPy state is never used.

    Returns
    -------
    numpy.ndarray
        ``int32`` array (``int64`` beyond ``2^31 - 1`` steps) of shape
        ``(n_walks, n_steps + 1)``: row ``i`` is ``S_0 = 0, S_1, ..., S_n`` of
        walk ``i``.

    Raises
    ------
    TypeError
        If ``n_steps``/``n_walks`` is not an integer, ``p`` not a real number
        or ``rng`` not a seed or Generator.
    ValueError
        If ``n_steps < 0``, ``n_walks < 0``, or ``p`` is outside ``[0, 1]`` or NaN.

    Notes
    -----
    Steps are ``int8`` ``±1``: for ``p = 0.5`` one random *bit* each (bytes
    from the Generator, unpacked), otherwise ``+1`` where a float64 uniform is
    below ``p``.  Each row is summed with ``numpy.cumsum`` straight into the
    output, after its leading 0.  ``int32`` rather than the narrowest type
    that fits: NumPy's cumulative sum is several times faster on 32/64-bit
    integers than on 8/16-bit ones.  Time ``O(n_walks·n_steps)``.  Memory: the
    output, ``4·n_walks·(n_steps + 1)`` bytes, plus temporaries for one block
    of rows of at most about ``2^20`` steps (about 9 bytes per step, ~10 MB).

    Examples
    --------
    >>> paths = simulate_walks(5, 3, rng=0)
    >>> paths.shape, paths[:, 0].tolist()
    ((3, 6), [0, 0, 0])
    >>> bool((abs(paths[:, 1:] - paths[:, :-1]) == 1).all())
    True
    """
    n_steps = require_int(n_steps, "n_steps", minimum=0)
    n_walks = require_int(n_walks, "n_walks", minimum=0)
    prob = require_real(p, "p")
    if not 0.0 <= prob <= 1.0:
        raise ValueError(f"p must be a probability in [0, 1], got {p}")
    gen = as_generator(rng)

    dtype = np.int32 if n_steps <= np.iinfo(np.int32).max else np.int64
    positions = np.zeros((n_walks, n_steps + 1), dtype=dtype)
    if n_steps == 0 or n_walks == 0:
        return positions
    # Blocks of rows keep the temporaries small however big the output is.
    rows_per_block = max(1, (1 << 20) // n_steps)
    for start in range(0, n_walks, rows_per_block):
        stop = min(start + rows_per_block, n_walks)
        count = (stop - start) * n_steps
        if prob == 0.5:  # a fair coin is one random bit
            raw = np.frombuffer(gen.bytes((count + 7) // 8), dtype=np.uint8)
            up = np.unpackbits(raw, count=count).view(np.int8)
        else:
            up = (gen.random(count) < prob).view(np.int8)  # bool is one byte, 0 or 1
        steps = up.reshape(stop - start, n_steps)
        steps *= 2
        steps -= 1
        np.cumsum(steps, axis=1, dtype=dtype, out=positions[start:stop, 1:])
    return positions
