"""Autograd: reverse-mode automatic differentiation on NumPy arrays, like PyTorch's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np


class Tensor:
    """A NumPy array that remembers how it was computed, so that gradients flow back.

    ``Tensor(data, requires_grad=False)`` holds ``data`` as a float64 NumPy array
    in ``.data``.  Every operation on tensors returns a new ``Tensor``; when an
    input has ``requires_grad=True`` the result has it too and remembers its
    inputs and how to pass a gradient back to them.  ``loss.backward()`` then
    computes ``∂ loss / ∂ x`` for every tensor ``x`` created with
    ``requires_grad=True`` that ``loss`` depends on, and **adds** it to
    ``x.grad`` (a float64 array of ``x``'s shape; ``None`` before).

    Implement these operations (``a``, ``b`` tensors; the other operand of
    ``+ - * /`` may also be a Python number, on either side):

    - ``a + b``, ``a - b``, ``a * b``, ``a / b`` with NumPy broadcasting: the
      gradient of each operand is summed back to that operand's own shape;
      ``a ** k`` for a number ``k``; ``-a``; ``a @ b`` for 1-d or 2-d operands;
    - ``a.sum(axis=None, keepdims=False)``, ``a.mean(axis=None, keepdims=False)``
      (``axis`` None or an int); ``a.exp()``, ``a.log()``, ``a.tanh()``,
      ``a.relu()`` (gradient 0 at 0);
    - ``a.reshape(*shape)`` (also ``a.reshape(shape_tuple)``), ``a.T``, and
      ``a[index]`` for ints, slices and lists of ints -- a repeated index adds
      up in the gradient (``x[[0, 0, 1]].sum()`` gives ``x.grad[0] == 2``);
    - ``a.detach()``: the same values as a new tensor that requires no grad;
    - ``y.backward()`` for a one-element ``y``, and ``y.backward(grad)`` with
      an array ``grad`` of ``y``'s shape for any ``y``.

    Every node must be processed once, after everything that used it has
    passed its gradient back: a sub-expression used twice (``y = x * x;
    z = y + y``) contributes twice.  Calling ``backward`` again (on the same
    output or a new one) adds to ``.grad``.

    Constraints
    -----------
    - ``data`` is a real number or a (nested) list / NumPy array of real
      numbers, at most 100 elements; ``requires_grad`` is a bool.
    - Entries lie in ``[-100, 100]``; ``log`` gets positive inputs, ``/`` and
      negative powers get divisors at least 0.2 away from 0, ``** 0.5``
      positive inputs, ``relu`` inputs at least 0.2 away from 0.
    - A graph may be a chain of up to ``10^5`` operations (each result is the
      input of the next) -- more than Python's recursion limit.
    - Arrays passed in must not be modified.

    Errors (contract)
    -----------------
    ``data`` not numeric (a string, ``None``, complex numbers) → ``TypeError``.
    ``y.backward()`` without ``grad`` when ``y`` has more than one element →
    ``ValueError``.  ``y.backward(grad)`` with ``grad`` of another shape →
    ``ValueError``.

    Examples
    --------
    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> loss = (x * x).sum()
    >>> loss.backward()
    >>> x.grad
    array([2., 4., 6.])

    A shared sub-expression: ``z = 2x²`` so ``dz/dx = 4x``.

    >>> x = Tensor(3.0, requires_grad=True)
    >>> y = x * x
    >>> z = y + y
    >>> z.backward()
    >>> x.grad
    array(12.)

    Broadcasting: ``b`` (shape ``(2,)``) was added to both rows.

    >>> W = Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> b = Tensor([10.0, 20.0], requires_grad=True)
    >>> (W + b).sum().backward()
    >>> b.grad
    array([2., 2.])

    Complexity
    ----------
    ``backward`` costs ``O(nodes + edges)`` plus each operation's own
    gradient computation (about the cost of its forward pass), visiting every
    node exactly once -- also on a "ladder" ``y = y + y`` of depth 60, which
    has ``2^60`` paths from the output to ``x``.

    Hint: find a topological order of the graph with an explicit stack, then
    walk it backwards, summing the gradients that arrive at each node.
    """

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        raise NotImplementedError

    def __add__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __radd__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __sub__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __rsub__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __mul__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __rmul__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __truediv__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __rtruediv__(self, other: Any) -> Tensor:
        raise NotImplementedError

    def __pow__(self, exponent: float) -> Tensor:
        raise NotImplementedError

    def __neg__(self) -> Tensor:
        raise NotImplementedError

    def __matmul__(self, other: Tensor) -> Tensor:
        raise NotImplementedError

    def sum(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        raise NotImplementedError

    def mean(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        raise NotImplementedError

    def exp(self) -> Tensor:
        raise NotImplementedError

    def log(self) -> Tensor:
        raise NotImplementedError

    def tanh(self) -> Tensor:
        raise NotImplementedError

    def relu(self) -> Tensor:
        raise NotImplementedError

    def reshape(self, *shape: Any) -> Tensor:
        raise NotImplementedError

    @property
    def T(self) -> Tensor:
        raise NotImplementedError

    def __getitem__(self, index: Any) -> Tensor:
        raise NotImplementedError

    def detach(self) -> Tensor:
        raise NotImplementedError

    def backward(self, grad: np.ndarray | None = None) -> None:
        raise NotImplementedError


@contextmanager
def no_grad() -> Iterator[None]:
    """A context in which tensor operations record nothing for ``backward``.

    Inside ``with no_grad():`` every result of an operation on your
    ``Tensor`` has ``requires_grad == False``, whatever its inputs; after the
    block (also when it ends with an exception) recording is as before.

    Constraints
    -----------
    - Used as ``with no_grad(): ...``, possibly nested; judged together with
      your ``Tensor``.

    Errors (contract)
    -----------------
    None.

    Examples
    --------
    >>> w = Tensor([1.0, 2.0], requires_grad=True)
    >>> with no_grad():
    ...     y = w * 2
    >>> y.requires_grad
    False
    >>> (w * 2).requires_grad
    True

    Complexity
    ----------
    ``O(1)`` to enter and leave.

    Hint: a flag that the operations read, set and restored in ``try/finally``.
    """
    raise NotImplementedError


def softmax(x: Tensor, axis: int = -1) -> Tensor:
    """``exp(x) / sum(exp(x))`` along ``axis``, as a Tensor that gradients flow through.

    Constraints
    -----------
    - ``x`` is a Tensor (yours) of 1 to 30 elements with at least one axis;
      entries in ``[-10^4, 10^4]`` -- ``exp(10^4)`` overflows, so the result
      must stay finite anyway.
    - ``axis`` is an int in ``[-x.ndim, x.ndim)``.

    Errors (contract)
    -----------------
    ``axis`` out of range → ``ValueError``.

    Examples
    --------
    >>> softmax(Tensor([0.0, 0.0])).data
    array([0.5, 0.5])
    >>> softmax(Tensor([1e4, 0.0])).data
    array([1., 0.])

    Complexity
    ----------
    ``O(n)`` for ``n`` elements, forward and backward.

    Hint: softmax does not change when you subtract the maximum of each slice.
    """
    raise NotImplementedError


def log_softmax(x: Tensor, axis: int = -1) -> Tensor:
    """``x − log(sum(exp(x)))`` along ``axis``, computed without overflow.

    Constraints
    -----------
    - ``x`` is a Tensor (yours) of 1 to 30 elements with at least one axis;
      entries in ``[-10^4, 10^4]``: the result and its gradient must be finite.
    - ``axis`` is an int in ``[-x.ndim, x.ndim)``.

    Errors (contract)
    -----------------
    ``axis`` out of range → ``ValueError``.

    Examples
    --------
    >>> log_softmax(Tensor([1e4, 0.0])).data
    array([     0., -10000.])

    Complexity
    ----------
    ``O(n)`` for ``n`` elements, forward and backward.

    Hint: with ``m`` the maximum, ``log Σ exp(x) = m + log Σ exp(x − m)``.
    """
    raise NotImplementedError


def cross_entropy(logits: Tensor, targets: np.ndarray) -> Tensor:
    """Mean over the rows of ``−log softmax(logits)[i, targets[i]]``: a 0-d Tensor.

    ``logits`` holds one row of class scores per example; ``targets[i]`` is the
    index of the correct class of row ``i``.  Its gradient is
    ``(softmax(logits) − one_hot(targets)) / rows``.

    Constraints
    -----------
    - ``logits`` is a 2-d Tensor (yours), ``1 <= rows <= 10``,
      ``1 <= classes <= 10``, entries in ``[-10^4, 10^4]``.
    - ``targets`` is a 1-d NumPy array (or list) of ``rows`` ints with
      ``0 <= targets[i] < classes``.

    Errors (contract)
    -----------------
    A class outside ``[0, classes)`` or ``targets`` of the wrong shape →
    ``ValueError``; ``targets`` that are not integers → ``TypeError``.

    Examples
    --------
    >>> z = Tensor([[0.0, 0.0], [1e4, -1e4]], requires_grad=True)
    >>> loss = cross_entropy(z, [0, 0])
    >>> round(float(loss.data), 6)
    0.346574
    >>> loss.backward()
    >>> z.grad
    array([[-0.25,  0.25],
           [ 0.  ,  0.  ]])

    Complexity
    ----------
    ``O(rows · classes)``.

    Hint: build it from ``log_softmax``, or write its closed-form gradient.
    """
    raise NotImplementedError
