"""Random walks: exact probabilities of the simple ±1 walk, and a simulator."""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def walk_distribution(n: int, p: Fraction | int | float = Fraction(1, 2)) -> dict[int, Fraction]:
    """Return the exact distribution of a ±1 random walk after ``n`` steps.

    A walker starts at 0 and takes ``n`` independent steps, each ``+1`` with
    probability ``p`` and ``-1`` with probability ``q = 1 - p``.  Return a dict
    ``{position: probability}`` of its position after ``n`` steps, with exact
    probabilities (``Fraction``).  Leave out the positions it cannot reach:
    only positions of probability greater than 0 are keys.

    A float ``p`` stands for the exact binary number it holds: use
    ``Fraction(p)`` (``Fraction(0.1)`` has denominator ``2^55``), never a rounded
    decimal.

    Constraints
    -----------
    - ``n`` is an int, ``0 <= n <= 10^4`` when ``p = 1/2``, ``0 <= n <= 1500`` otherwise
    - ``p`` is a ``Fraction``, an int or a float, ``0 <= p <= 1``; default ``1/2``
    - the values are ``Fraction`` (an int is accepted for 0 and 1)

    Errors (contract)
    -----------------
    ``n`` not an int (a bool or a float included) or ``p`` not a real number →
    ``TypeError``; ``n < 0`` or ``p`` outside ``[0, 1]`` (or NaN) → ``ValueError``.
    Also checked as a contract: the keys come in increasing order.

    Examples
    --------
    >>> walk_distribution(2)
    {-2: Fraction(1, 4), 0: Fraction(1, 2), 2: Fraction(1, 4)}
    >>> walk_distribution(3, Fraction(1, 3))[1]
    Fraction(2, 9)

    Two up-steps and one down-step end at 1: ``3·(1/3)²·(2/3) = 2/9``.

    >>> walk_distribution(4, 1)
    {4: Fraction(1, 1)}

    Complexity
    ----------
    Aim for ``O(n)`` exact big-number operations, one per position.  Moving the
    whole distribution forward step by step (``O(n²)`` fraction additions) is
    too slow at ``n = 10^4``.

    Hint: ``k`` up-steps and ``n - k`` down-steps end at ``2k - n``, in ``C(n, k)`` orders.
    """
    raise NotImplementedError


def return_probability(n: int) -> Fraction:
    """Return ``u_n``, the probability that the symmetric walk is at 0 after ``n`` steps.

    The walk is the one of :func:`walk_distribution` with ``p = 1/2``.  Return
    the exact probability ``P(S_n = 0)`` (``0`` for odd ``n``; ``u_0 = 1``).

    Constraints
    -----------
    - ``n`` is an int, ``0 <= n <= 10^4``
    - the answer is a ``Fraction`` (an int is accepted for 0 and 1)

    Errors (contract)
    -----------------
    ``n`` not an int (a bool or a float included) → ``TypeError``; ``n < 0`` →
    ``ValueError``.

    Examples
    --------
    >>> return_probability(4)
    Fraction(3, 8)

    6 of the 16 paths of 4 steps have two up-steps and two down-steps.

    >>> return_probability(5)
    Fraction(0, 1)

    Complexity
    ----------
    Aim for ``O(n)`` big-integer work (one binomial coefficient).

    Hint: the walk is back at 0 after exactly as many up-steps as down-steps.
    """
    raise NotImplementedError


def first_return_probability(n: int) -> Fraction:
    """Return ``f_n``, the probability that the symmetric walk first returns to 0 at step ``n``.

    The walk starts at 0 (step 0 is not a return, so ``f_0 = 0``); ``f_n`` is
    the exact probability that ``S_n = 0`` and ``S_1, ..., S_(n-1)`` are all
    different from 0.  It is 0 for odd ``n``.

    Constraints
    -----------
    - ``n`` is an int, ``0 <= n <= 10^4``
    - the answer is a ``Fraction`` (an int is accepted for 0)

    Errors (contract)
    -----------------
    ``n`` not an int (a bool or a float included) → ``TypeError``; ``n < 0`` →
    ``ValueError``.

    Examples
    --------
    >>> first_return_probability(2), first_return_probability(4)
    (Fraction(1, 2), Fraction(1, 8))

    Of the 16 paths of 4 steps, ``+ + - -`` and ``- - + +`` return first at step 4.

    Complexity
    ----------
    Aim for ``O(n)`` big-integer work.

    Hint: ``u_n = f_2·u_(n-2) + f_4·u_(n-4) + ... + f_n·u_0`` (the renewal
    identity), and its generating functions give ``f_(2m) = u_(2m)/(2m - 1)``.
    """
    raise NotImplementedError


def first_passage_probability(r: int, n: int) -> Fraction:
    """Return the probability that the symmetric walk first reaches level ``r`` at step ``n``.

    The walk starts at 0 and takes ±1 steps with probability 1/2 each.  Return
    the exact probability that ``S_n = r`` while ``S_0, ..., S_(n-1)`` are all
    below ``r``.  It is 0 unless ``n >= r`` and ``n - r`` is even.

    Constraints
    -----------
    - ``r`` and ``n`` are ints, ``1 <= r <= 5000``, ``0 <= n <= 5000``
    - the answer is a ``Fraction`` (an int is accepted for 0)

    Errors (contract)
    -----------------
    ``r`` or ``n`` not an int (a float included) → ``TypeError``; ``r < 1`` or
    ``n < 0`` → ``ValueError``.

    Examples
    --------
    >>> first_passage_probability(1, 3)
    Fraction(1, 8)

    Only ``- + +`` of the 8 paths of 3 steps reaches 1 first at step 3.

    >>> first_passage_probability(2, 4)
    Fraction(1, 8)
    >>> first_passage_probability(2, 3)
    Fraction(0, 1)

    Complexity
    ----------
    Aim for ``O(n)`` big-integer work.  A step-by-step dynamic programme over
    the positions below ``r`` (``O(n²)``) also fits in time, barely.

    Hint: count the paths that end at ``r`` without touching ``r`` before:
    the reflection principle (or the ballot theorem) counts them in closed form.
    """
    raise NotImplementedError


def last_visit_probability(k: int, n: int) -> Fraction:
    """Return the probability that, in ``2n`` steps, the symmetric walk is last at 0 at step ``2k``.

    The arcsine law: the last visit to 0 before time ``2n`` is at step ``2k``
    with probability ``u_(2k)·u_(2n-2k)``, where ``u_m`` is
    :func:`return_probability`.  Return it exactly.

    Constraints
    -----------
    - ``k`` and ``n`` are ints, ``0 <= k <= n <= 10^4``
    - the answer is a ``Fraction`` (an int is accepted for 1)

    Errors (contract)
    -----------------
    ``k`` or ``n`` not an int → ``TypeError``; ``n < 0`` or ``k`` outside
    ``[0, n]`` → ``ValueError``.

    Examples
    --------
    >>> [last_visit_probability(k, 2) for k in range(3)]
    [Fraction(3, 8), Fraction(1, 4), Fraction(3, 8)]

    The terms are symmetric in ``k ↔ n - k`` and sum to 1.

    Complexity
    ----------
    Aim for ``O(n)`` big-integer work.

    Hint: a last visit at ``2k`` is a return at ``2k`` followed by ``2n - 2k``
    steps that avoid 0, and avoiding 0 for ``2m`` steps has probability ``u_(2m)``.
    """
    raise NotImplementedError


def generating_function_coefficients(name: str, n: int, r: int | None = None) -> list[Fraction]:
    """Return the first ``n + 1`` coefficients of a generating function of the symmetric walk.

    For the symmetric ±1 walk (``u_m`` from :func:`return_probability`,
    ``f_m`` from :func:`first_return_probability`):

    - ``'U'``: ``U(s) = Σ u_m s^m = (1 - s²)^(-1/2)``;
    - ``'F'``: ``F(s) = Σ f_m s^m = 1 - (1 - s²)^(1/2)``;
    - ``'first_passage'``: ``Φ_r(s) = Σ P(first at level r at step m)·s^m
      = ((1 - (1 - s²)^(1/2))/s)^r``, for the level ``r`` given.

    Return ``[c_0, c_1, ..., c_n]``, the exact coefficient of ``s^m`` at index
    ``m``, so that identities such as ``U = 1/(1 - F)`` can be checked term by term.

    Constraints
    -----------
    - ``name`` is ``'U'``, ``'F'`` or ``'first_passage'``
    - ``n`` is an int, ``0 <= n <= 200``
    - ``r`` is an int, ``1 <= r <= 50``, given for ``'first_passage'`` only
    - the coefficients are ``Fraction`` (an int is accepted for 0 and 1)

    Errors (contract)
    -----------------
    ``name`` not a string, ``n`` or ``r`` not an int → ``TypeError``; an unknown
    ``name``, ``n < 0``, ``r < 1``, ``r`` missing for ``'first_passage'`` or
    given for another series → ``ValueError``.

    Examples
    --------
    >>> [str(c) for c in generating_function_coefficients("U", 4)]
    ['1', '0', '1/2', '0', '3/8']
    >>> [str(c) for c in generating_function_coefficients("F", 4)]
    ['0', '0', '1/2', '0', '1/8']
    >>> [str(c) for c in generating_function_coefficients("first_passage", 4, r=2)]
    ['0', '0', '1/4', '0', '1/8']

    Complexity
    ----------
    Any method polynomial in ``n`` and ``r`` fits; ``O(n)`` exact operations per
    coefficient is plenty.

    Hint: the binomial series ``(1 - t)^α = Σ a_k t^k`` has ``a_0 = 1`` and
    ``a_(k+1) = a_k·(k - α)/(k + 1)``.
    """
    raise NotImplementedError


def simulate_walks(n_steps: int, n_walks: int, p: float = 0.5, rng=None) -> np.ndarray:
    """Simulate ``n_walks`` independent ±1 random walks of ``n_steps`` steps each.

    Each step is ``+1`` with probability ``p`` and ``-1`` otherwise, all steps
    independent.  Return an integer array of shape ``(n_walks, n_steps + 1)``:
    row ``i`` holds the positions ``S_0 = 0, S_1, ..., S_(n_steps)`` of walk ``i``.

    ``rng`` is ``None``, an int seed or a ``numpy.random.Generator``: turn it
    into a Generator with ``numpy.random.default_rng(rng)`` and draw every
    random number from it.  The same seed gives the same walks; a Generator
    passed in is advanced (two calls with it give different walks); NumPy's
    global random state is never used.

    Constraints
    -----------
    - ``n_steps`` and ``n_walks`` are ints, ``0 <= n_steps, n_walks <= 10^5``,
      ``n_steps·n_walks <= 10^7``
    - ``p`` is a float, ``0 <= p <= 1``
    - the result has a signed integer dtype wide enough for ``±n_steps``

    Errors (contract)
    -----------------
    ``n_steps``/``n_walks`` not an int, ``p`` not a real number or ``rng`` of
    another type → ``TypeError``; a negative count or ``p`` outside ``[0, 1]``
    (or NaN) → ``ValueError``.

    Examples
    --------
    >>> paths = simulate_walks(5, 3, rng=0)
    >>> paths.shape, paths[:, 0].tolist()
    ((3, 6), [0, 0, 0])
    >>> bool((abs(paths[:, 1:] - paths[:, :-1]) == 1).all())
    True
    >>> simulate_walks(4, 1, p=1.0, rng=0).tolist()
    [[0, 1, 2, 3, 4]]

    Complexity
    ----------
    ``O(n_steps·n_walks)`` time and memory; vectorise with NumPy (no Python
    loop over the steps).

    Hint: draw all the steps at once and take cumulative sums along each row.
    """
    raise NotImplementedError
