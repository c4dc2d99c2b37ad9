"""Speculative decoding: let a cheap draft guess, let the big model check several guesses at once.

The problem.  A language model generates one token per forward pass, and a
pass over a big model is bound by reading its weights, not by arithmetic: it
costs about the same for 1 token as for 5.  So if someone *guessed* the next
k tokens, one pass of the big (*target*) model over the sequence plus the
guesses would score all k + 1 positions at once — and every guess it agrees
with is a pass saved.

Three ways to guess and check, all in this module:

* **Greedy verification** (:func:`speculative_greedy_decode`).  A small
  *draft* model proposes k tokens greedily; one target pass over
  ``tokens + drafts`` gives the target's own greedy choice at each of the k + 1
  positions (a causal model scores every prefix in one pass).  Keep the drafts
  up to the first disagreement, then append the target's choice there (or, if
  all k agree, the target's next token — a *bonus*).  Each pass yields 1 to
  k + 1 tokens, and the output is **identical** to plain greedy decoding
  (:func:`greedy_decode`): every emitted token is the target's own argmax.

* **Speculative sampling** (:func:`speculative_sample`; Leviathan et al.,
  2023; Chen et al., 2023).  To *sample* from the target ``p`` with a draft
  ``q``: accept drafted token ``x ~ q`` with probability ``min(1, p(x)/q(x))``,
  and at the first rejection sample instead from the residual
  ``norm(max(0, p − q))``.  Then the emitted token is distributed **exactly**
  as ``p``::

      P(emit x) = q(x)·min(1, p(x)/q(x)) + (1 − β)·max(0, p(x) − q(x))/(1 − β)
                = min(q(x), p(x)) + max(0, p(x) − q(x)) = p(x),

  where ``β = Σ_x min(p(x), q(x))`` is the probability of accepting, so a
  position is accepted with probability β.  After γ acceptances the target's
  distribution at position γ + 1 is already computed: one more token, free.

* **Medusa** (Cai et al., 2024).  No separate draft model: extra heads on the
  target guess several candidates per future position, arranged as a *tree*
  of continuations (:func:`tree_attention_mask`, :func:`tree_position_ids`),
  all verified in one pass with a mask that lets each candidate see only its
  own ancestors — attention over the tree equals causal attention along each
  root-to-node path.  Candidates are accepted by *typical acceptance*
  (:func:`typical_acceptance`): a token is kept when the target finds it
  plausible enough, with a bar that drops when the target is uncertain.

Costs are stated per function; the model calls dominate everything else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from numbers import Integral, Real
from typing import Any

import numpy as np

from gpu._validate import as_array, describe, require_int

__all__ = [
    "greedy_decode",
    "speculative_greedy_decode",
    "speculative_sample",
    "tree_attention_mask",
    "tree_position_ids",
    "typical_acceptance",
]

# Probabilities may be off by rounding: a row must sum to 1 within this.
SUM_TOLERANCE = 1e-6


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def _as_generator(rng: Any) -> np.random.Generator:
    """A Generator from None (fresh, OS-seeded), an integer seed or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng must be None, an integer seed or a numpy.random.Generator, got {describe(rng)}"
    )


def _as_probability_rows(x: Any, name: str) -> np.ndarray:
    """``x`` as a float64 ``(rows, V)`` array of probability rows (each sums to 1 within 1e-6)."""
    arr = as_array(x, name)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be an array of real probabilities, got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[1] == 0:
        raise ValueError(
            f"{name} must be a 2-D array (rows, V) with V >= 1, got shape {tuple(arr.shape)}"
        )
    arr = arr.astype(np.float64, copy=False)
    sums = arr.sum(axis=1)
    # One pass decides the common case: a NaN or inf entry makes its row's sum
    # NaN or inf, which fails the comparison; the slow path says what is wrong.
    if (np.abs(sums - 1.0) <= SUM_TOLERANCE).all() and arr.min(initial=0.0) >= 0:
        return arr
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if (arr < 0).any():
        raise ValueError(f"{name} must be non-negative, got {arr.min()}")
    i = int(np.flatnonzero(np.abs(sums - 1.0) > SUM_TOLERANCE)[0])
    raise ValueError(
        f"{name}[{i}] sums to {sums[i]!r}: every row must sum to 1 (within {SUM_TOLERANCE})"
    )


def _as_tokens(x: Any, name: str, length: int, vocab: int) -> np.ndarray:
    """``x`` as a 1-D int64 array of ``length`` token ids in ``[0, vocab)``."""
    arr = as_array(x, name)
    if arr.dtype.kind not in "iu" and arr.size:  # [] is float64 to NumPy, and fine here
        raise TypeError(f"{name} must be an array of integer token ids, got dtype {arr.dtype}")
    if arr.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},), got {tuple(arr.shape)}")
    if length and (arr.min() < 0 or arr.max() >= vocab):
        raise ValueError(f"{name} must hold token ids in [0, {vocab}), got {arr.tolist()}")
    return arr.astype(np.int64, copy=False)


def _sample(weights: np.ndarray, u: float) -> int:
    """An index drawn in proportion to ``weights`` (>= 0, not all 0): inverse CDF at ``u``."""
    cdf = np.cumsum(weights)
    # side="right": the first index whose cumulative weight exceeds u·total, so
    # a zero-weight index (whose cdf equals its predecessor's) is never chosen.
    i = int(np.searchsorted(cdf, u * cdf[-1], side="right"))
    if i == len(weights):  # u·total rounded up to total: take the last index with weight
        i = int(np.flatnonzero(weights)[-1])
    return i


# ---------------------------------------------------------------------------
# Speculative sampling
# ---------------------------------------------------------------------------


def speculative_sample(
    target_probs: Any, draft_probs: Any, draft_tokens: Any, rng: Any = None
) -> list[int]:
    """Verify γ drafted tokens by speculative sampling; return the tokens to emit (1 to γ + 1).

    Parameters
    ----------
    target_probs : array_like, shape ``(γ + 1, V)``
        Row i: the target model's next-token distribution after the context
        and the first i drafted tokens (row γ: after all of them).
    draft_probs : array_like, shape ``(γ, V)``
        Row i: the draft model's distribution that ``draft_tokens[i]`` was
        sampled from.  γ = 0 is allowed (then one token from ``target_probs[0]``).
    draft_tokens : array_like of int, shape ``(γ,)``
        The drafted tokens, each with positive draft probability.
    rng : None, int or numpy.random.Generator, optional
        Randomness; None draws a fresh OS-seeded generator.

    Returns
    -------
    list of int
        The accepted drafts ``draft_tokens[:j]`` followed by one more token:
        at the first rejection (position j < γ) a sample from
        ``max(0, p_j − q_j)`` normalised, or after γ acceptances a bonus
        sample from ``target_probs[γ]``.  Token i is accepted with
        probability ``min(1, p_i(x_i)/q_i(x_i))``.  When the drafts were
        sampled from ``draft_probs``, the emitted tokens are distributed
        exactly as sampling them one by one from the target; position i is
        accepted with probability ``Σ_x min(p_i(x), q_i(x))``.

    Raises
    ------
    TypeError
        A non-numeric array, non-integer tokens, a bad ``rng``.
    ValueError
        A probability row with a negative, NaN or inf entry or not summing to
        1 (within 1e-6); shapes other than ``(γ + 1, V)``, ``(γ, V)``,
        ``(γ,)``; a token outside ``[0, V)`` or with draft probability 0.
        The message names the argument.

    Notes
    -----
    O(γ·V) time and O(V) extra memory for the checks and one residual; the
    loop itself stops at the first rejection.  A ratio ``p/q`` is never
    formed: token i is accepted when ``u·q_i(x_i) < p_i(x_i)`` for a uniform
    ``u ∈ [0, 1)``, which has probability ``min(1, p/q)`` exactly.

    Examples
    --------
    >>> speculative_sample([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.0, 1.0, 0.0]], [1])
    [1, 2]

    The draft token 1 has ``p = q = 1``: accepted, then the bonus token 2.

    >>> speculative_sample([[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0]], [1])
    [0]

    The target never says 1: rejected, and the residual ``max(0, p − q)`` is all on 0.
    """
    q = _as_probability_rows(draft_probs, "draft_probs")
    p = _as_probability_rows(target_probs, "target_probs")
    gamma, vocab = q.shape
    if p.shape != (gamma + 1, vocab):
        raise ValueError(
            f"target_probs must have shape (γ + 1, V) = ({gamma + 1}, {vocab}) for draft_probs "
            f"of shape (γ, V) = ({gamma}, {vocab}), got {p.shape}"
        )
    x = _as_tokens(draft_tokens, "draft_tokens", gamma, vocab)
    rows = np.arange(gamma)
    q_drafted = q[rows, x]
    if gamma and q_drafted.min() <= 0:
        i = int(np.flatnonzero(q_drafted <= 0)[0])
        raise ValueError(
            f"draft_tokens[{i}] = {int(x[i])} has draft probability 0: it cannot have been "
            "sampled from draft_probs"
        )
    rng = _as_generator(rng)
    p_drafted = p[rows, x]

    emitted: list[int] = []
    for i in range(gamma):
        if rng.random() * q_drafted[i] < p_drafted[i]:  # probability min(1, p/q)
            emitted.append(int(x[i]))
            continue
        # Rejected: here p(x_i) < q(x_i), so p − q has positive parts elsewhere.
        residual = np.maximum(p[i] - q[i], 0.0)
        if not residual.any():  # p == q up to rounding: nothing to correct
            residual = p[i]
        emitted.append(_sample(residual, rng.random()))
        return emitted
    emitted.append(_sample(p[gamma], rng.random()))  # the bonus token
    return emitted


# ---------------------------------------------------------------------------
# Greedy decoding, plain and speculative
# ---------------------------------------------------------------------------


def _as_model(fn: Any, name: str) -> Callable[[np.ndarray], Any]:
    if not callable(fn):
        raise TypeError(f"{name} must be a callable tokens -> logits, got {describe(fn)}")
    return fn


def _as_prompt(prompt: Any) -> list[int]:
    arr = as_array(prompt, "prompt")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"prompt must be a non-empty 1-D sequence of token ids, got shape {arr.shape}"
        )
    if arr.dtype.kind not in "iu":
        raise TypeError(f"prompt must be a sequence of integer token ids, got dtype {arr.dtype}")
    if arr.min() < 0:
        raise ValueError(f"prompt must hold token ids >= 0, got {arr.min()}")
    return [int(t) for t in arr]


def _next_tokens(fn: Callable[[np.ndarray], Any], name: str, tokens: list[int], rows: int) -> Any:
    """The model's greedy choice after each of the last ``rows`` prefixes of ``tokens``."""
    logits = np.asarray(fn(np.array(tokens, dtype=np.int64)))
    if logits.ndim != 2 or logits.shape[0] != len(tokens) or logits.shape[1] == 0:
        raise ValueError(
            f"{name} must return logits of shape (len(tokens), V) = ({len(tokens)}, V), "
            f"got shape {logits.shape}"
        )
    if logits.dtype.kind not in "iuf":
        raise TypeError(f"{name} must return real logits, got dtype {logits.dtype}")
    used = logits[len(tokens) - rows :]
    if np.isnan(used).any():
        raise ValueError(f"{name} returned NaN logits")
    return used.argmax(axis=1)  # ties: the smallest token id


def greedy_decode(target_fn: Any, prompt: Any, n_new: int) -> tuple[list[int], int]:
    """Plain greedy decoding: ``n_new`` target calls, each appending the argmax token.

    Parameters
    ----------
    target_fn : callable
        ``target_fn(tokens)`` with ``tokens`` a 1-D int64 array returns logits
        of shape ``(len(tokens), V)``: row j scores the token that follows
        ``tokens[:j + 1]``.  One call is one forward pass.
    prompt : sequence of int
        At least one token id.
    n_new : int
        How many tokens to generate, >= 0.

    Returns
    -------
    (tokens, n_target_calls) : (list of int, int)
        The ``n_new`` generated tokens (prompt excluded) and ``n_new``, the
        number of calls made.  Each token is the argmax of the last row, ties
        going to the smallest token id (``np.argmax``).

    Raises
    ------
    TypeError
        ``target_fn`` not callable; non-integer prompt or ``n_new``.
    ValueError
        Empty or negative prompt; ``n_new < 0``; ``target_fn`` returns logits
        of the wrong shape, or NaN.

    Notes
    -----
    ``n_new`` model calls on sequences of growing length; besides them,
    O(n_new·V) time.

    Examples
    --------
    >>> import numpy as np
    >>> def count_up(tokens):  # a toy model: the next token is (last + 1) mod 5
    ...     return np.eye(5)[(np.asarray(tokens) + 1) % 5]
    >>> greedy_decode(count_up, [3], 4)
    ([4, 0, 1, 2], 4)
    """
    target_fn = _as_model(target_fn, "target_fn")
    tokens = _as_prompt(prompt)
    n_new = require_int(n_new, "n_new", minimum=0)
    start = len(tokens)
    for _ in range(n_new):
        tokens.append(int(_next_tokens(target_fn, "target_fn", tokens, 1)[0]))
    return tokens[start:], n_new


def speculative_greedy_decode(
    target_fn: Any, draft_fn: Any, prompt: Any, n_new: int, k: int
) -> tuple[list[int], int]:
    """Greedy decoding with a draft model: :func:`greedy_decode`'s tokens, fewer target calls.

    Each round the draft proposes up to k tokens greedily (one ``draft_fn``
    call each), and **one** ``target_fn`` call on ``tokens + drafts`` yields
    the target's greedy choice after every prefix.  The drafts are kept up to
    the first one the target disagrees with; then the target's own choice is
    appended (after k agreements: its next token, a bonus).  So each target
    call yields between 1 and k + 1 tokens, every one of them the target's
    argmax.

    Parameters
    ----------
    target_fn, draft_fn : callable
        ``fn(tokens)`` with ``tokens`` a 1-D int64 array returns logits of
        shape ``(len(tokens), V)``, row j scoring the token after
        ``tokens[:j + 1]``.  Both must be *causal* and deterministic: row j
        depends only on ``tokens[:j + 1]``.
    prompt : sequence of int
        At least one token id.
    n_new : int
        How many tokens to generate, >= 0.
    k : int
        Drafted tokens per round, >= 0 (0 is plain greedy decoding).  The
        last round drafts fewer, so as not to draft past ``n_new``.

    Returns
    -------
    (tokens, n_target_calls) : (list of int, int)
        The ``n_new`` generated tokens — identical to
        ``greedy_decode(target_fn, prompt, n_new)[0]`` whatever the draft — and
        the number of ``target_fn`` calls, between ``⌈n_new/(k + 1)⌉`` (every
        draft accepted) and ``n_new`` (none).

    Raises
    ------
    TypeError
        A model not callable; non-integer prompt, ``n_new`` or ``k``.
    ValueError
        Empty or negative prompt; ``n_new < 0``; ``k < 0``; a model returns
        logits of the wrong shape, or NaN.

    Notes
    -----
    Target calls as above; ``draft_fn`` calls at most ``k`` per target call.
    Besides the calls, O(n_new·(k + 1)·V) time.

    Examples
    --------
    >>> import numpy as np
    >>> def count_up(tokens):  # the next token is (last + 1) mod 5
    ...     return np.eye(5)[(np.asarray(tokens) + 1) % 5]
    >>> speculative_greedy_decode(count_up, count_up, [3], 6, k=2)  # a perfect draft
    ([4, 0, 1, 2, 3, 4], 2)
    >>> def stuck(tokens):  # a useless draft: always 0
    ...     return np.eye(5)[np.zeros(len(tokens), dtype=int)]
    >>> speculative_greedy_decode(count_up, stuck, [3], 6, k=2)
    ([4, 0, 1, 2, 3, 4], 5)

    With the useless draft, the round after 4 drafts ``[0, 0]``: the target
    accepts the first 0, and replaces the second by its own 1.
    """
    target_fn = _as_model(target_fn, "target_fn")
    draft_fn = _as_model(draft_fn, "draft_fn")
    tokens = _as_prompt(prompt)
    n_new = require_int(n_new, "n_new", minimum=0)
    k = require_int(k, "k", minimum=0)
    start, calls = len(tokens), 0
    while len(tokens) - start < n_new:
        remaining = n_new - (len(tokens) - start)
        drafts: list[int] = []
        for _ in range(min(k, remaining - 1)):  # a round emits at most len(drafts) + 1
            drafts.append(int(_next_tokens(draft_fn, "draft_fn", tokens + drafts, 1)[0]))
        # One target pass scores the k + 1 prefixes tokens, tokens + drafts[:1], …
        choices = _next_tokens(target_fn, "target_fn", tokens + drafts, len(drafts) + 1)
        calls += 1
        agreed = 0
        while agreed < len(drafts) and drafts[agreed] == choices[agreed]:
            agreed += 1
        tokens += [*drafts[:agreed], int(choices[agreed])]
    return tokens[start:], calls


# ---------------------------------------------------------------------------
# Medusa: the candidate tree and typical acceptance
# ---------------------------------------------------------------------------


def _as_paths(paths: Any) -> list[tuple[int, ...]]:
    """``paths`` as a list of tuples of ints forming a valid tree (see tree_attention_mask)."""
    if paths is None or isinstance(paths, (str, bytes)) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a list of tuples of child indices, got {describe(paths)}")
    out: list[tuple[int, ...]] = []
    for i, path in enumerate(paths):
        if isinstance(path, (str, bytes)) or not isinstance(path, Iterable):
            raise TypeError(f"paths[{i}] must be a tuple of child indices, got {describe(path)}")
        path = tuple(path)
        for c in path:
            if isinstance(c, bool) or not isinstance(c, Integral):
                raise TypeError(f"paths[{i}] must hold integers, got {describe(c)}")
        if not path:
            raise ValueError(f"paths[{i}] is empty: every node is at depth >= 1")
        if min(path) < 0:
            raise ValueError(f"paths[{i}] = {path} has a negative child index")
        out.append(tuple(int(c) for c in path))
    index: dict[tuple[int, ...], int] = {}
    for i, path in enumerate(out):
        if path in index:
            raise ValueError(f"paths[{i}] = {path} repeats paths[{index[path]}]")
        index[path] = i
    for i, path in enumerate(out):
        if len(path) > 1 and path[:-1] not in index:
            raise ValueError(
                f"paths[{i}] = {path} has no parent {path[:-1]} in paths: every prefix of a "
                "path must be in paths too"
            )
    return out


def tree_attention_mask(paths: Any) -> np.ndarray:
    """Medusa's tree attention mask: node i may attend to node j iff j's path is a prefix of i's.

    Parameters
    ----------
    paths : list of tuples of int
        One node per path: the child indices from the root, e.g. ``(0,)``,
        ``(1,)``, ``(0, 0)`` — the first-level candidates 0 and 1, and the
        first child of candidate 0.  Every path is non-empty, none repeats,
        and every prefix of a path is itself in ``paths``; any order.

    Returns
    -------
    ndarray of bool, shape ``(n, n)``
        ``mask[i, j]`` is True iff ``paths[j]`` is a prefix of ``paths[i]``
        (itself included): each node sees exactly its ancestors and itself.
        Attention over the n candidates with this mask (and the positions of
        :func:`tree_position_ids`) equals causal attention over each
        root-to-node path on its own.

    Raises
    ------
    TypeError
        ``paths`` is not a list of tuples of integers.
    ValueError
        An empty path, a negative index, a repeated path, or a path whose
        parent is missing (the message names ``paths[i]``).

    Notes
    -----
    O(n·depth) time to find each node's ancestors (a dict from path to node)
    and O(n²) memory for the mask.

    Examples
    --------
    >>> tree_attention_mask([(0,), (1,), (0, 0), (0, 1)]).astype(int)
    array([[1, 0, 0, 0],
           [0, 1, 0, 0],
           [1, 0, 1, 0],
           [1, 0, 0, 1]])
    """
    nodes = _as_paths(paths)
    index = {path: i for i, path in enumerate(nodes)}
    mask = np.zeros((len(nodes), len(nodes)), dtype=bool)
    for i, path in enumerate(nodes):
        for depth in range(1, len(path) + 1):
            mask[i, index[path[:depth]]] = True
    return mask


def tree_position_ids(paths: Any) -> np.ndarray:
    """Position of each tree node relative to the first candidate: ``len(path) − 1``.

    All candidates at depth d stand for the same future position, so they
    share a position id (for rotary or learned position embeddings): the
    position id is the node's index along its own root-to-node path.

    Parameters
    ----------
    paths : list of tuples of int
        As for :func:`tree_attention_mask`.

    Returns
    -------
    ndarray of int64, shape ``(n,)``
        ``len(paths[i]) − 1``.

    Raises
    ------
    TypeError, ValueError
        As :func:`tree_attention_mask`.

    Notes
    -----
    O(n·depth) time (the tree is checked), O(n) memory.

    Examples
    --------
    >>> tree_position_ids([(0,), (1,), (0, 0), (0, 1), (0, 0, 0)])
    array([0, 0, 1, 1, 2])
    """
    return np.array([len(path) - 1 for path in _as_paths(paths)], dtype=np.int64)


def _as_nonnegative_real(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    x = float(value)
    if not (math.isfinite(x) and x >= 0):
        raise ValueError(f"{name} must be finite and >= 0, got {value}")
    return x


def typical_acceptance(
    probs: Any, tokens: Any, posterior_threshold: float = 0.09, posterior_alpha: float = 0.3
) -> int:
    """Medusa's typical acceptance: the length of the longest accepted prefix of ``tokens``.

    Candidate token ``t_i`` is accepted iff
    ``probs[i, t_i] > min(posterior_threshold, posterior_alpha · exp(−H(probs[i])))``
    with ``H(p) = −Σ_x p(x) ln p(x)`` the entropy in nats (``0 ln 0 = 0``).  A
    confident target (low entropy) asks for up to ``posterior_threshold``; an
    uncertain one (high entropy) accepts less likely tokens, whose bar
    ``α·e^{−H}`` is then low.  Decoding keeps the accepted prefix.

    Parameters
    ----------
    probs : array_like, shape ``(n, V)``
        Row i: the target's next-token distribution at candidate step i
        (rows sum to 1 within 1e-6; n = 0 allowed).
    tokens : array_like of int, shape ``(n,)``
        The candidate tokens, in ``[0, V)``.
    posterior_threshold, posterior_alpha : float
        The hard bar ε and the entropy factor α (Medusa's defaults 0.09 and
        0.3), finite and >= 0.

    Returns
    -------
    int
        The number of leading candidates accepted, 0 … n.

    Raises
    ------
    TypeError
        Non-numeric probabilities, non-integer tokens, a non-real parameter.
    ValueError
        A probability row with a negative, NaN or inf entry or not summing to
        1 (within 1e-6); ``tokens`` not of shape ``(n,)`` or outside
        ``[0, V)``; a negative or non-finite parameter.

    Notes
    -----
    O(n·V) time (the entropies), O(n·V) memory.  Medusa's own code adds
    1e-5 inside the logarithm; this function uses the exact entropy.

    Examples
    --------
    >>> import numpy as np
    >>> probs = np.zeros((2, 20))
    >>> probs[0] = 1 / 20  # uncertain: H = ln 20, bar = min(0.09, 0.3/20) = 0.015
    >>> probs[1, :2] = [0.92, 0.08]  # confident: bar = min(0.09, 0.3·e^(−0.28)) = 0.09
    >>> typical_acceptance(probs, [7, 0])
    2
    >>> typical_acceptance(probs, [7, 1])  # 0.05 passes the bar of row 0, 0.08 fails row 1's
    1
    """
    p = _as_probability_rows(probs, "probs")
    n, vocab = p.shape
    t = _as_tokens(tokens, "tokens", n, vocab)
    threshold = _as_nonnegative_real(posterior_threshold, "posterior_threshold")
    alpha = _as_nonnegative_real(posterior_alpha, "posterior_alpha")
    # p·ln p with 0·ln 0 = 0: ln is evaluated only where p > 0.
    p_log_p = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    entropy = -p_log_p.sum(axis=1)
    bar = np.minimum(threshold, alpha * np.exp(-entropy))
    accepted = p[np.arange(n), t] > bar
    return int(n if accepted.all() else np.argmin(accepted))
