"""Embedding lookup and its gradient: a one-hot matrix product, done without the matrix."""

from __future__ import annotations

import numpy as np


def embedding(ids: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Return the rows of ``weight`` named by ``ids``: ``out[..., :] = weight[ids[...], :]``.

    ``weight`` is a table of shape ``(num_embeddings, dim)``, one vector per
    token; ``ids`` is an array of token ids of any shape.  The result has shape
    ``ids.shape + (dim,)``.  Written as a matrix product it is
    ``one_hot(ids) @ weight``, where ``one_hot(ids)`` has a single 1 per row,
    in column ``ids[i]`` — but build no one-hot matrix.

    Constraints
    -----------
    - ``weight`` is a 2-D NumPy array of ``float64`` or ``float32``,
      ``1 <= num_embeddings <= 10^4``, ``1 <= dim <= 512``, ``|weight| <= 10^3``
    - ``ids`` is a NumPy array of ``int64``, 1-D or 2-D, with
      ``1 <= ids.size <= 10^5`` and ``0 <= ids < num_embeddings``
    - the inputs must not be modified.

    Errors (contract)
    -----------------
    An id that is negative or ``>= num_embeddings`` → ``ValueError``; ids that
    are not integers (floats, bools) → ``TypeError``; ``weight`` not 2-D →
    ``ValueError``.

    Examples
    --------
    >>> weight = np.array([[0.0, 1.0], [10.0, 11.0], [20.0, 21.0]])
    >>> embedding(np.array([2, 0, 2]), weight)
    array([[20., 21.],
           [ 0.,  1.],
           [20., 21.]])
    >>> embedding(np.array([[1, 2]]), weight).shape
    (1, 2, 2)

    Complexity
    ----------
    Aim for ``O(ids.size · dim)`` time and memory — the one-hot product would
    cost ``O(ids.size · num_embeddings · dim)``.

    Hint: NumPy indexes rows with an integer array.
    """
    raise NotImplementedError


def embedding_backward(ids: np.ndarray, grad_out: np.ndarray, num_embeddings: int) -> np.ndarray:
    """Return the gradient of :func:`embedding` with respect to the table.

    ``grad_out`` has shape ``ids.shape + (dim,)``: the gradient of a loss with
    respect to each looked-up row.  Return the ``(num_embeddings, dim)`` array
    whose row r is the sum of the rows ``grad_out[i]`` with ``ids[i] == r``
    (zero for an id that does not occur) — the product
    ``one_hot(ids).T @ grad_out``.  Ids repeat, and every occurrence counts.

    Constraints
    -----------
    - ``grad_out`` is a NumPy array of ``float64`` or ``float32`` of shape
      ``ids.shape + (dim,)``, ``1 <= dim <= 512``, ``|grad_out| <= 10^3``
    - ``ids`` is a NumPy array of ``int64``, 1-D or 2-D, with
      ``1 <= ids.size <= 10^5`` and ``0 <= ids < num_embeddings <= 10^4``
    - sums are accepted within ``(k + 1)·ε·Σ|g|`` for a row built from k
      gradient rows (ε of ``grad_out``'s dtype)
    - the inputs must not be modified.

    Errors (contract)
    -----------------
    An id out of range, ``num_embeddings < 0``, or ``grad_out`` not of shape
    ``ids.shape + (dim,)`` → ``ValueError``; ids that are not integers or a
    ``num_embeddings`` that is not an int → ``TypeError``.

    Examples
    --------
    >>> grad = np.array([[1.0, 2.0], [10.0, 20.0], [100.0, 200.0]])
    >>> embedding_backward(np.array([2, 0, 2]), grad, 3)
    array([[ 10.,  20.],
           [  0.,   0.],
           [101., 202.]])

    Token 2 occurs twice: its row receives both of its gradient rows.

    Complexity
    ----------
    Aim for ``O(ids.size · dim + num_embeddings · dim)`` time.

    Hint: ``out[ids] += grad_out`` adds only once per distinct id; ``np.add.at``
    adds every occurrence.
    """
    raise NotImplementedError
