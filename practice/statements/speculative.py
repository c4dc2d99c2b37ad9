"""Speculative decoding: a cheap draft guesses tokens, the big target model checks them at once."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def speculative_sample(
    target_probs: np.ndarray,
    draft_probs: np.ndarray,
    draft_tokens: np.ndarray,
    rng: np.random.Generator | None = None,
) -> list[int]:
    """Verify γ drafted tokens by speculative sampling; return the tokens to emit.

    A draft model sampled ``draft_tokens[i]`` from ``q_i = draft_probs[i]``;
    the target model's distributions at the same positions are
    ``p_i = target_probs[i]`` (row γ: the position after the last draft).  Go
    through the drafts in order: accept ``x_i`` with probability
    ``min(1, p_i(x_i) / q_i(x_i))``.  At the first rejection, emit instead a
    token sampled from the residual ``max(0, p_i − q_i)`` (normalised to sum
    to 1) and stop.  If all γ drafts are accepted, emit one more token sampled
    from ``p_γ``.  Return the emitted tokens: the accepted drafts, then that
    last token (1 to γ + 1 tokens).

    Done right, the emitted tokens are distributed exactly as if sampled from
    the target one by one, whatever the draft.

    Constraints
    -----------
    - ``target_probs``: float array ``(γ + 1, V)``; ``draft_probs``:
      ``(γ, V)``; ``draft_tokens``: int array ``(γ,)`` with
      ``q_i(x_i) > 0``; ``0 <= γ <= 8``, ``1 <= V <= 1000``.
    - Every row is non-negative and sums to 1 (within 1e-6); zeros allowed
      anywhere (a draft may put 0 where the target does not, and mass where
      the target has none).
    - ``rng`` is a ``numpy.random.Generator``: draw all randomness from it.
    - The inputs must not be modified.

    The judge draws the drafts itself and checks the *distribution* over
    10^5 calls (χ² tests at significance 1e-4): the first token must follow
    ``p_0``, position i must be accepted with probability
    ``Σ_x min(p_i(x), q_i(x))``; and on every call a token of target
    probability 0 is never emitted, a draft with ``p_i(x_i) >= q_i(x_i)`` is
    never rejected.

    Errors (contract)
    -----------------
    A row that does not sum to 1 (beyond 1e-6), a negative or NaN entry,
    shapes that do not fit together, a token outside ``[0, V)`` or with draft
    probability 0 → ``ValueError``; non-integer tokens or an ``rng`` that is
    not None, an int seed or a Generator → ``TypeError``.

    Examples
    --------
    >>> speculative_sample([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.0, 1.0, 0.0]], [1])
    [1, 2]

    Draft 1 has ``p = q = 1``: accepted, then the extra token from ``p_1``.

    >>> speculative_sample([[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0]], [1])
    [0]

    The target never says 1: rejected; the residual ``max(0, p − q)`` is all on 0.

    Complexity
    ----------
    ``O(γ·V)`` time per call; keep it light, the judge calls it 2·10^5 times.

    Hint: accept when ``u·q < p`` for a uniform ``u`` in [0, 1).
    """
    raise NotImplementedError


def greedy_decode(
    target_fn: Callable[[np.ndarray], np.ndarray], prompt: list[int], n_new: int
) -> tuple[list[int], int]:
    """Generate ``n_new`` tokens greedily, one call of the model per token.

    ``target_fn(tokens)`` takes the sequence so far (a 1-D int array) and
    returns logits of shape ``(len(tokens), V)``: row j scores every possible
    next token after ``tokens[:j + 1]``.  Append the highest-scoring token
    after the whole sequence (the last row), ``n_new`` times.  Return
    ``(new_tokens, n_target_calls)``: the generated tokens (the prompt
    excluded) and the number of ``target_fn`` calls made.

    Constraints
    -----------
    - ``1 <= len(prompt) <= 16`` token ids in ``[0, V)``; ``0 <= n_new <= 100``;
      ``2 <= V <= 1000``.
    - Ties go to the smallest token id (as ``np.argmax`` does); logits may be
      ints or floats.

    Errors (contract)
    -----------------
    An empty prompt, a negative token or ``n_new < 0``, logits of the wrong
    shape or NaN → ``ValueError``; a ``target_fn`` that is not callable,
    non-integer tokens or ``n_new`` → ``TypeError``.

    Examples
    --------
    >>> def count_up(tokens):  # a toy model: the next token is (last + 1) mod 5
    ...     return np.eye(5)[(np.asarray(tokens) + 1) % 5]
    >>> greedy_decode(count_up, [3], 4)
    ([4, 0, 1, 2], 4)

    Complexity
    ----------
    ``n_new`` model calls; ``O(n_new·V)`` time besides them.

    Hint: ``int(np.argmax(logits[-1]))``.
    """
    raise NotImplementedError


def speculative_greedy_decode(
    target_fn: Callable[[np.ndarray], np.ndarray],
    draft_fn: Callable[[np.ndarray], np.ndarray],
    prompt: list[int],
    n_new: int,
    k: int,
) -> tuple[list[int], int]:
    """Greedy decoding with a draft model: the same tokens as :func:`greedy_decode`, fewer calls.

    Both models work like ``target_fn`` of :func:`greedy_decode` (logits for
    every prefix, row j depending only on ``tokens[:j + 1]``).  Repeat until
    ``n_new`` tokens are generated: let the draft propose k tokens greedily,
    one ``draft_fn`` call each; make **one** ``target_fn`` call on the
    sequence plus the k drafts, which gives the target's own greedy choice
    after each of the k + 1 prefixes; keep the drafts up to the first one the
    target disagrees with, then append the target's choice at that position
    (if all k agree, its choice after the last draft).  Never go past
    ``n_new`` tokens.  Return ``(new_tokens, n_target_calls)``.

    Constraints
    -----------
    - ``1 <= len(prompt) <= 16``, ``0 <= n_new <= 100``, ``1 <= k <= 8``,
      ``2 <= V <= 1000``; ties go to the smallest token id.
    - The judge's models count their calls: report every ``target_fn`` call.

    The tokens must be identical to ``greedy_decode``'s for every draft (a
    perfect one, a useless one, a random one); the number of target calls
    must lie between ``⌈n_new/(k + 1)⌉`` and ``n_new``, and equal
    ``⌈n_new/(k + 1)⌉`` for a perfect draft.

    Errors (contract)
    -----------------
    As for :func:`greedy_decode`, and ``k < 0`` → ``ValueError``.  Also checked
    as contract: ``k = 0`` is plain greedy decoding (``n_new`` calls).

    Examples
    --------
    >>> def count_up(tokens):  # the next token is (last + 1) mod 5
    ...     return np.eye(5)[(np.asarray(tokens) + 1) % 5]
    >>> speculative_greedy_decode(count_up, count_up, [3], 6, 2)  # a perfect draft
    ([4, 0, 1, 2, 3, 4], 2)
    >>> def stuck(tokens):  # a useless draft: always 0
    ...     return np.eye(5)[np.zeros(len(tokens), dtype=int)]
    >>> speculative_greedy_decode(count_up, stuck, [3], 6, 2)
    ([4, 0, 1, 2, 3, 4], 5)

    Complexity
    ----------
    Between ``⌈n_new/(k + 1)⌉`` and ``n_new`` target calls, at most k draft
    calls per target call.

    Hint: the target's row ``len(tokens) − 1 + i`` is its choice after ``i`` drafts.
    """
    raise NotImplementedError


def tree_attention_mask(paths: list[tuple[int, ...]]) -> np.ndarray:
    """Medusa's tree attention mask: node i may attend to node j iff j's path is a prefix of i's.

    The candidate continuations form a tree; each node is given by its path
    from the root, a tuple of child indices: ``(0,)`` and ``(1,)`` are two
    candidates for the next token, ``(0, 0)`` a candidate for the token after
    ``(0,)``.  Node i is ``paths[i]``.  Return the boolean ``(n, n)`` mask with
    ``mask[i, j]`` True iff ``paths[j]`` is a prefix of ``paths[i]`` (itself
    included), so that attention with this mask lets each candidate see
    exactly its ancestors — the same as causal attention along its own path.

    Constraints
    -----------
    - ``0 <= len(paths) <= 64``; each path is a non-empty tuple of ints in
      ``[0, 100)``, of length at most 5.
    - No path repeats, and every prefix of a path is itself in ``paths``;
      the order is arbitrary (a child may come before its parent).

    Errors (contract)
    -----------------
    An empty path, a repeated path, a negative index, or a path whose parent
    is missing → ``ValueError``; a path that is not a tuple of ints →
    ``TypeError``.

    Examples
    --------
    >>> tree_attention_mask([(0,), (1,), (0, 0), (0, 1)]).astype(int)
    array([[1, 0, 0, 0],
           [0, 1, 0, 0],
           [1, 0, 1, 0],
           [1, 0, 0, 1]])

    Complexity
    ----------
    ``O(n·depth)`` time with a dictionary from path to node, plus the
    ``O(n²)`` mask.

    Hint: a node's ancestors are the prefixes ``path[:d]`` of its own path.
    """
    raise NotImplementedError


def tree_position_ids(paths: list[tuple[int, ...]]) -> np.ndarray:
    """The position of each tree node relative to the first candidate: ``len(path) − 1``.

    All candidates at the same depth stand for the same future position, so
    they share a position id (for the model's position embeddings).  Return
    an int array with ``len(paths[i]) − 1`` for each node.

    Constraints
    -----------
    As for :func:`tree_attention_mask`.

    Errors (contract)
    -----------------
    As for :func:`tree_attention_mask` (the tree is checked too).

    Examples
    --------
    >>> tree_position_ids([(0,), (1,), (0, 0), (0, 1), (0, 0, 0)])
    array([0, 0, 1, 1, 2])

    Complexity
    ----------
    ``O(n·depth)`` time.

    Hint: the depth of a node is the length of its path.
    """
    raise NotImplementedError


def typical_acceptance(
    probs: np.ndarray,
    tokens: list[int],
    posterior_threshold: float = 0.09,
    posterior_alpha: float = 0.3,
) -> int:
    """Medusa's typical acceptance: how many leading candidate tokens to keep.

    Candidate ``tokens[i]`` is accepted iff
    ``probs[i, tokens[i]] > min(posterior_threshold, posterior_alpha · exp(−H_i))``
    where ``H_i = −Σ_x probs[i, x] · ln probs[i, x]`` is the entropy of row i
    in nats (``0 · ln 0 = 0``).  A confident target (low entropy) asks for at
    least ``posterior_threshold``; an uncertain one accepts less likely
    tokens.  Return the length of the longest accepted prefix (0 … n).

    Constraints
    -----------
    - ``probs``: float array ``(n, V)``, ``0 <= n <= 16``, ``1 <= V <= 1000``,
      every row non-negative and summing to 1 (within 1e-6).
    - ``tokens``: n ints in ``[0, V)``.
    - ``0 <= posterior_threshold <= 1``, ``0 <= posterior_alpha <= 2``.
    - A probability within a relative 1e-9 of its bar may be judged either way.

    Errors (contract)
    -----------------
    A row that does not sum to 1, a negative entry, a token out of range or
    a length mismatch, a negative or NaN parameter → ``ValueError``;
    non-integer tokens or a parameter that is not a number → ``TypeError``.

    Examples
    --------
    >>> probs = np.zeros((2, 20))
    >>> probs[0] = 1 / 20  # uncertain: bar = min(0.09, 0.3 / 20) = 0.015
    >>> probs[1, :2] = [0.92, 0.08]  # confident: bar = 0.09
    >>> typical_acceptance(probs, [7, 0])
    2
    >>> typical_acceptance(probs, [7, 1])  # 0.08 is below the second row's bar
    1

    Complexity
    ----------
    ``O(n·V)`` time.

    Hint: compute ``p · ln p`` only where ``p > 0``.
    """
    raise NotImplementedError
