"""Reverse-mode automatic differentiation, define-by-run, on float64 NumPy arrays.

The problem
-----------
Training a model needs the gradient of one scalar, the loss, with respect to
every parameter.  Finite differences cost two loss evaluations *per parameter*;
reverse mode gets all of them for a small constant times the cost of one.

The idea
--------
*Define-by-run*, as in PyTorch: every operation on a :class:`Tensor` computes
its value at once (plain NumPy) and, when an input requires a gradient, also
records a node of the computation graph: its parents and a closure that turns
the gradient of the output into the gradients of the inputs (the chain rule
for that one operation, e.g. ``∂(a·b)/∂a = b``).  The graph is whatever the
Python code happened to do -- loops and ``if`` included.

``loss.backward()`` then walks the graph once, from the loss to the leaves:

* **Topological order.**  A node's gradient is complete only after *every*
  node that used it has passed its share back, so the nodes are processed in
  reverse topological order, each exactly once.  Naive recursion ("call
  backward on each parent") visits a node once per *path* to it -- ``2^k``
  times in a ladder ``x₁ = x₀ + x₀, x₂ = x₁ + x₁, …`` -- and hits Python's
  recursion limit on a long chain.  The order is found with an explicit
  stack, so a chain of ``10^5`` operations works.
* **Accumulation.**  Gradients arriving from several consumers are *summed*
  (``y = x·x; z = y + y`` gives ``∂z/∂x = 4x``), and ``.grad`` of a leaf is
  added to, not overwritten, exactly as in PyTorch: a second ``backward``
  adds its gradient to the first; reset with ``x.grad = None``.
* **Broadcasting.**  NumPy broadcasting copies an operand along new or
  length-1 axes in the forward pass; the adjoint of a copy is a sum, so each
  operand's gradient is summed back to its own shape.
* **Indexing.**  ``x[idx]`` reads elements; its adjoint scatters the gradient
  back and must *add* at repeated indices (``np.add.at``), since
  ``x[[0, 0, 1]]`` uses ``x[0]`` twice.

``softmax``, ``log_softmax`` and ``cross_entropy`` are single graph nodes with
closed-form gradients (``∂ cross_entropy/∂ logits = (softmax − one_hot)/rows``);
they subtract the row maximum before exponentiating, so logits of ±1e4 give
finite results.

Complexity
----------
Each operation costs its NumPy forward cost, plus ``O(1)`` Python bookkeeping;
``backward`` costs about the same again (each node's closure runs once) plus
``O(nodes + edges)`` for the topological order, and keeps every intermediate
array of the graph alive until the graph is dropped: memory ``O(total size of
the intermediates)``.

>>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> loss = (x * x).sum()
>>> loss.backward()
>>> x.grad
array([2., 4., 6.])
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from numbers import Integral, Real
from typing import Any

import numpy as np

from mathlab._validate import describe

__all__ = ["Tensor", "cross_entropy", "log_softmax", "no_grad", "softmax"]

# A node's backward closure: the gradient of the output -> one gradient (or None)
# per parent, each already of that parent's shape.
Backward = Callable[[np.ndarray], tuple[np.ndarray | None, ...]]


class _GradMode(threading.local):
    # Thread-local, like torch's grad mode: no_grad() in one thread must not
    # switch off recording in another.
    enabled = True


_MODE = _GradMode()


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Context (or decorator) in which operations record no graph.

    Inside ``with no_grad():`` every result has ``requires_grad=False`` and no
    parents, whatever its inputs: for evaluation, and for updating parameters
    in place without the update becoming part of the next gradient.  The
    previous mode is restored on exit, also after an exception; blocks nest.

    Examples
    --------
    >>> w = Tensor([1.0, 2.0], requires_grad=True)
    >>> with no_grad():
    ...     y = w * 2
    >>> y.requires_grad
    False
    >>> (w * 2).requires_grad
    True
    """
    previous = _MODE.enabled
    _MODE.enabled = False
    try:
        yield
    finally:
        _MODE.enabled = previous


# ---------------------------------------------------------------------------
# Conversions
# ---------------------------------------------------------------------------


def _as_data(value: Any, name: str) -> np.ndarray:
    """A new float64 array from numbers (NaN and inf allowed: they are values too)."""
    if isinstance(value, Tensor):
        return value.data.copy()
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {describe(value)}")
    try:
        arr = np.array(value)  # np.array copies: the caller's data is never shared
    except (ValueError, TypeError):  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of real numbers, got {describe(value)}"
        ) from None
    if arr.dtype.kind == "O":  # Fractions, huge ints: fine if every entry is real
        if not all(isinstance(v, Real) and not isinstance(v, bool) for v in arr.flat):
            raise TypeError(f"{name} must hold real numbers, got {describe(value)}")
    elif arr.dtype.kind not in "iuf":  # bool, complex, strings, dates
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    try:
        return arr.astype(np.float64, copy=False)
    except OverflowError:
        raise ValueError(f"{name} holds an integer too large for float64") from None


def _lift(value: Any) -> Tensor | None:
    """``value`` as a Tensor operand (a constant unless it already is one); None if
    it is not numeric, so the operator can return NotImplemented."""
    if isinstance(value, Tensor):
        return value
    if type(value) is float:  # the common `x * 2.0`: skip the general conversion
        const = Tensor.__new__(Tensor)
        const.data, const.grad, const.requires_grad = np.array(value), None, False
        const._parents, const._backward = (), None
        return const
    try:
        return Tensor(value)
    except (TypeError, ValueError):
        return None


def _unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched, down to ``shape``."""
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad


def _normalize_axes(axis: Any, ndim: int, name: str = "axis") -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple of ints) as a sorted tuple of non-negative axes."""
    if axis is None:
        return tuple(range(ndim))
    items = axis if isinstance(axis, tuple) else (axis,)
    axes = []
    for a in items:
        if isinstance(a, bool) or not isinstance(a, Integral):
            raise TypeError(f"{name} must be None, an int or a tuple of ints, got {describe(axis)}")
        if not -ndim <= a < ndim:
            raise ValueError(f"{name} {a} is out of range for a {ndim}-d tensor")
        axes.append(int(a) % ndim)
    if len(set(axes)) != len(axes):
        raise ValueError(f"{name} repeats an axis: {axis!r}")
    return tuple(sorted(axes))


# ---------------------------------------------------------------------------
# The Tensor
# ---------------------------------------------------------------------------


class Tensor:
    """A float64 array that records the operations applied to it, for ``backward``.

    Parameters
    ----------
    data : array_like of real numbers, or Tensor
        Copied into a new float64 array (``.data``); NaN and inf are allowed.
    requires_grad : bool, default False
        Whether ``backward`` should compute ``∂/∂ self`` into ``.grad``.  Set it
        on the leaves (parameters, inputs) whose gradient you want; results of
        operations inherit it from their inputs.

    Attributes
    ----------
    data : numpy.ndarray
        The value, float64.
    grad : numpy.ndarray or None
        The accumulated gradient of the outputs ``backward`` was called on,
        same shape as ``data``; ``None`` until a backward pass reaches this
        tensor.  Only *leaves* (tensors not produced by an operation) with
        ``requires_grad`` receive one, as in PyTorch.
    requires_grad : bool
        Whether the tensor is part of a graph that leads to a gradient.

    Operations
    ----------
    ``+ - * /`` with another Tensor, a number or an array (either side);
    ``**`` with a real exponent; unary ``-``; ``@`` (NumPy's ``matmul``,
    batched and 1-d operands included); ``sum(axis, keepdims)``,
    ``mean(axis, keepdims)``, ``exp``, ``log``, ``tanh``, ``relu``,
    ``reshape``, ``.T``, indexing ``x[idx]`` (any NumPy index; repeated
    indices accumulate in the gradient); ``detach``; ``backward``.  NumPy
    broadcasting applies, and each operand's gradient is summed back to its
    shape.

    Raises
    ------
    TypeError
        If ``data`` is not numeric (strings, ``None``, complex, booleans,
        objects) or ``requires_grad`` is not a bool.
    ValueError
        If ``data`` is ragged or holds an integer beyond the float64 range.

    Notes
    -----
    ``relu`` has gradient 0 at 0, and ``x ** 0`` has gradient 0 everywhere, as
    in PyTorch.  Every operation costs its NumPy cost plus ``O(1)``; see the
    module docstring for ``backward``.

    Examples
    --------
    A shared sub-expression: the two uses of ``y`` both pass gradient to ``x``.

    >>> x = Tensor(3.0, requires_grad=True)
    >>> y = x * x
    >>> z = y + y
    >>> z.backward()
    >>> x.grad
    array(12.)

    Broadcasting: ``b`` is added to every row, so its gradient sums the rows.

    >>> W = Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> b = Tensor([10.0, 20.0], requires_grad=True)
    >>> (W + b).sum().backward()
    >>> b.grad
    array([2., 2.])
    """

    __slots__ = ("_backward", "_parents", "data", "grad", "requires_grad")

    # Makes NumPy hand `ndarray (op) Tensor` to Tensor's reflected operators
    # instead of looping over the Tensor as if it were a sequence of objects.
    __array_ufunc__ = None

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        if not isinstance(requires_grad, (bool, np.bool_)):
            raise TypeError(f"requires_grad must be a bool, got {describe(requires_grad)}")
        self.data: np.ndarray = _as_data(data, "data")
        self.grad: np.ndarray | None = None
        self.requires_grad: bool = bool(requires_grad)
        self._parents: tuple[Tensor, ...] = ()
        self._backward: Backward | None = None

    @classmethod
    def _result(cls, data: np.ndarray, parents: tuple[Tensor, ...], backward: Backward) -> Tensor:
        """The output of an operation: a graph node if recording and any input needs a gradient."""
        out = cls.__new__(cls)
        out.data = data
        out.grad = None
        if _MODE.enabled and any(p.requires_grad for p in parents):
            out.requires_grad = True
            out._parents = parents
            out._backward = backward
        else:
            out.requires_grad = False
            out._parents = ()
            out._backward = None
        return out

    # -- inspection -----------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``data``."""
        return self.data.shape

    @property
    def ndim(self) -> int:
        """The number of axes of ``data``."""
        return self.data.ndim

    @property
    def size(self) -> int:
        """The number of elements of ``data``."""
        return self.data.size

    @property
    def is_leaf(self) -> bool:
        """True for a tensor not produced by a recorded operation."""
        return self._backward is None

    def __len__(self) -> int:
        return len(self.data)

    def item(self) -> float:
        """The value of a one-element tensor as a Python float."""
        if self.data.size != 1:
            raise ValueError(f"item() needs a tensor with one element, got shape {self.shape}")
        return float(self.data.reshape(()))

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        return f"Tensor({body}, requires_grad=True)" if self.requires_grad else f"Tensor({body})"

    def detach(self) -> Tensor:
        """A new leaf with the same ``data`` (shared, not copied) and no gradient tracking."""
        out = Tensor.__new__(Tensor)
        out.data, out.grad, out.requires_grad = self.data, None, False
        out._parents, out._backward = (), None
        return out

    # -- arithmetic -----------------------------------------------------------

    def __add__(self, other: Any) -> Tensor:
        b = _lift(other)
        if b is None:
            return NotImplemented
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return _unbroadcast(g, a.shape), _unbroadcast(g, b.shape)

        return Tensor._result(a.data + b.data, (a, b), backward)

    def __radd__(self, other: Any) -> Tensor:
        b = _lift(other)
        return NotImplemented if b is None else b.__add__(self)

    def __sub__(self, other: Any) -> Tensor:
        b = _lift(other)
        if b is None:
            return NotImplemented
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            gb = _unbroadcast(-g, b.shape) if b.requires_grad else None
            return _unbroadcast(g, a.shape), gb

        return Tensor._result(a.data - b.data, (a, b), backward)

    def __rsub__(self, other: Any) -> Tensor:
        b = _lift(other)
        return NotImplemented if b is None else b.__sub__(self)

    def __mul__(self, other: Any) -> Tensor:
        b = _lift(other)
        if b is None:
            return NotImplemented
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            ga = _unbroadcast(g * b.data, a.shape) if a.requires_grad else None
            gb = _unbroadcast(g * a.data, b.shape) if b.requires_grad else None
            return ga, gb

        return Tensor._result(a.data * b.data, (a, b), backward)

    def __rmul__(self, other: Any) -> Tensor:
        b = _lift(other)
        return NotImplemented if b is None else b.__mul__(self)

    def __truediv__(self, other: Any) -> Tensor:
        b = _lift(other)
        if b is None:
            return NotImplemented
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            ga = _unbroadcast(g / b.data, a.shape) if a.requires_grad else None
            # ∂(a/b)/∂b = -a/b²
            gb = _unbroadcast(-g * a.data / (b.data * b.data), b.shape) if b.requires_grad else None
            return ga, gb

        return Tensor._result(a.data / b.data, (a, b), backward)

    def __rtruediv__(self, other: Any) -> Tensor:
        b = _lift(other)
        return NotImplemented if b is None else b.__truediv__(self)

    def __pow__(self, exponent: Any) -> Tensor:
        if isinstance(exponent, (Tensor, bool)):
            raise TypeError(f"the exponent of ** must be a real number, got {describe(exponent)}")
        if isinstance(exponent, np.ndarray) and exponent.ndim == 0:
            exponent = exponent.item()
        if not isinstance(exponent, Real):
            return NotImplemented
        k = float(exponent)
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            if k == 0.0:  # d(x⁰)/dx = 0, also at x = 0 where 0·x⁻¹ would give NaN
                return (np.zeros_like(a.data),)
            return (g * (k * a.data ** (k - 1.0)),)

        return Tensor._result(a.data**k, (a,), backward)

    def __neg__(self) -> Tensor:
        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (-g,)

        return Tensor._result(-self.data, (self,), backward)

    def __pos__(self) -> Tensor:
        return self

    def __matmul__(self, other: Any) -> Tensor:
        b = _lift(other)
        if b is None:
            return NotImplemented
        a = self
        if a.ndim == 0 or b.ndim == 0:
            raise ValueError("@ needs operands with at least one axis, got a 0-d tensor")
        if a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
            raise ValueError(
                f"@ needs matching inner dimensions, got shapes {a.shape} and {b.shape}"
            )

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            # Treat 1-d operands as a row (left) or a column (right) matrix, as matmul
            # does, so one pair of formulas covers every case: ∂A = G Bᵀ, ∂B = Aᵀ G.
            a2 = a.data[np.newaxis, :] if a.ndim == 1 else a.data
            b2 = b.data[:, np.newaxis] if b.ndim == 1 else b.data
            if a.ndim == 1 and b.ndim == 1:  # a dot product: g is 0-d
                g2 = g.reshape(1, 1)
            elif a.ndim == 1:
                g2 = np.expand_dims(g, -2)
            elif b.ndim == 1:
                g2 = np.expand_dims(g, -1)
            else:
                g2 = g
            ga = gb = None
            if a.requires_grad:
                ga = _unbroadcast(g2 @ np.swapaxes(b2, -1, -2), a2.shape)
                ga = ga.reshape(a.shape) if a.ndim == 1 else ga
            if b.requires_grad:
                gb = _unbroadcast(np.swapaxes(a2, -1, -2) @ g2, b2.shape)
                gb = gb.reshape(b.shape) if b.ndim == 1 else gb
            return ga, gb

        return Tensor._result(a.data @ b.data, (a, b), backward)

    def __rmatmul__(self, other: Any) -> Tensor:
        b = _lift(other)
        return NotImplemented if b is None else b.__matmul__(self)

    # -- reductions -----------------------------------------------------------

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Sum over ``axis`` (all axes by default); the gradient is copied back along it."""
        axes = _normalize_axes(axis, self.ndim)
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            if not keepdims:
                g = np.expand_dims(g, axes)
            return (np.broadcast_to(g, a.shape),)

        return Tensor._result(self.data.sum(axis=axes, keepdims=keepdims), (a,), backward)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Mean over ``axis`` (all axes by default)."""
        axes = _normalize_axes(axis, self.ndim)
        count = 1
        for ax in axes:
            count *= self.shape[ax]
        return self.sum(axis=axes, keepdims=keepdims) * (1.0 / count if count else np.nan)

    # -- elementwise functions ------------------------------------------------

    def exp(self) -> Tensor:
        """``e**x`` elementwise."""
        out = np.exp(self.data)

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g * out,)

        return Tensor._result(out, (self,), backward)

    def log(self) -> Tensor:
        """Natural logarithm elementwise."""
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g / a.data,)

        with np.errstate(divide="ignore", invalid="ignore"):  # log 0 = -inf, log(-1) = NaN
            return Tensor._result(np.log(self.data), (a,), backward)

    def tanh(self) -> Tensor:
        """Hyperbolic tangent elementwise."""
        out = np.tanh(self.data)

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g * (1.0 - out * out),)

        return Tensor._result(out, (self,), backward)

    def relu(self) -> Tensor:
        """``max(x, 0)`` elementwise; gradient 1 where ``x > 0``, else 0."""
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g * (a.data > 0),)

        return Tensor._result(np.maximum(self.data, 0.0), (a,), backward)

    # -- shape ----------------------------------------------------------------

    def reshape(self, *shape: Any) -> Tensor:
        """The same elements in a new shape (``reshape(2, 3)`` or ``reshape((2, 3))``)."""
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g.reshape(a.shape),)

        return Tensor._result(self.data.reshape(shape), (a,), backward)

    @property
    def T(self) -> Tensor:
        """The axes reversed (NumPy's ``.T``)."""

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            return (g.T,)

        return Tensor._result(self.data.T, (self,), backward)

    def __getitem__(self, index: Any) -> Tensor:
        if isinstance(index, Tensor):
            index = index.data.astype(np.intp) if index.data.size else index.data
        a = self

        def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
            grad = np.zeros_like(a.data)
            np.add.at(grad, index, g)  # adds at repeated indices, where grad[index] += g would not
            return (grad,)

        return Tensor._result(self.data[index], (a,), backward)

    # -- backward -------------------------------------------------------------

    def backward(self, grad: Any = None) -> None:
        """Accumulate ``∂ self/∂ leaf`` into ``.grad`` of every leaf that requires grad.

        Parameters
        ----------
        grad : array_like, optional
            The gradient of some scalar with respect to ``self``, same shape as
            ``self``.  Default 1, allowed only when ``self`` has one element
            (a scalar loss), as in PyTorch.

        Raises
        ------
        ValueError
            If ``self`` has more than one element and ``grad`` is not given,
            ``grad`` has another shape than ``self``, or ``self`` does not
            require grad (no leaf with ``requires_grad`` led to it).
        TypeError
            If ``grad`` is not numeric.

        Notes
        -----
        Each node of the graph is visited once, in reverse topological order
        found with an explicit stack (no recursion): ``O(nodes + edges)`` on
        top of the operations' own backward cost.  The graph is kept, so
        ``backward`` may be called again; gradients then add up.
        """
        if not self.requires_grad:
            raise ValueError(
                "backward: this tensor does not require grad (create the leaves with "
                "requires_grad=True, outside no_grad())"
            )
        if grad is None:
            if self.data.size != 1:
                raise ValueError(
                    f"backward: grad can be omitted only for a one-element (scalar) output, "
                    f"got shape {self.shape}; pass grad of that shape"
                )
            seed = np.ones_like(self.data)
        else:
            seed = _as_data(grad, "grad")
            if seed.shape != self.shape:
                raise ValueError(
                    f"backward: grad must have the shape of the tensor, {self.shape}, "
                    f"got {seed.shape}"
                )
        pending: dict[int, np.ndarray] = {id(self): seed}
        handed_out: set[int] = set()  # arrays already stored as some leaf's .grad
        for node in reversed(self._topological_order()):
            g = pending.pop(id(node), None)
            if g is None:
                continue
            if node._backward is None:  # a leaf: accumulate
                if node.grad is not None:
                    node.grad = node.grad + g
                elif g.flags.owndata and g.flags.writeable and id(g) not in handed_out:
                    node.grad = g  # a fresh array nobody else holds: no copy needed
                    handed_out.add(id(g))
                else:  # a view, read-only, or shared with another leaf: copy
                    node.grad = np.array(g, dtype=np.float64)
                continue
            for parent, pg in zip(node._parents, node._backward(g), strict=True):
                if pg is None or not parent.requires_grad:
                    continue
                key = id(parent)
                pending[key] = pending[key] + pg if key in pending else pg

    def _topological_order(self) -> list[Tensor]:
        """Nodes that require grad and lead to ``self``, every parent before its children.

        Iterative depth-first search: a node is appended after all of its
        parents (post-order), so the reversed list processes each node after
        every node that consumed it.  (A node marked but unfinished is always
        an ancestor on the current path, so in a DAG a parent is never skipped
        before it is finished.)
        """
        order: list[Tensor] = []
        seen: set[int] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for parent in node._parents:
                if parent.requires_grad and id(parent) not in seen:
                    stack.append((parent, False))
        return order


# ---------------------------------------------------------------------------
# Softmax and cross-entropy
# ---------------------------------------------------------------------------


def _is_foreign_tensor(x: Any) -> bool:
    # Another autograd Tensor class (a learner's): it has .data and .backward.
    return not isinstance(x, Tensor) and hasattr(x, "backward") and hasattr(x, "data")


def _as_tensor(x: Any, name: str) -> Tensor:
    if isinstance(x, Tensor):
        return x
    try:
        return Tensor(x)
    except TypeError:
        raise TypeError(
            f"{name} must be a Tensor or an array of real numbers, got {describe(x)}"
        ) from None


def _softmax_axis(axis: Any, ndim: int) -> int:
    if isinstance(axis, bool) or not isinstance(axis, Integral):
        raise TypeError(f"axis must be an int, got {describe(axis)}")
    if ndim == 0:
        raise ValueError("softmax needs at least one axis, got a 0-d tensor")
    return _normalize_axes(axis, ndim)[0]


def _shifted(data: np.ndarray, axis: int) -> np.ndarray:
    """``data`` minus its maximum along ``axis``: the largest exponent becomes ``e⁰ = 1``."""
    return data - data.max(axis=axis, keepdims=True)


def log_softmax(x: Any, axis: int = -1) -> Any:
    """``x − log Σ exp(x)`` along ``axis``, computed stably.

    Parameters
    ----------
    x : Tensor or array_like
        Logits; an array is taken as a constant Tensor.  Any Tensor class with
        ``-``, ``exp``, ``sum(axis, keepdims)`` and ``log`` works too.
    axis : int, default -1
        The axis the probabilities are normalised over.

    Returns
    -------
    Tensor
        Same shape as ``x``; ``exp`` of each slice along ``axis`` sums to 1.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``axis`` is not an int.
    ValueError
        If ``axis`` is out of range or ``x`` is 0-d.

    Notes
    -----
    With ``z = x − max x`` every exponent is ``<= 0`` and one is exactly 0, so
    ``Σ exp z`` lies in ``[1, n]``: no overflow, and its log is finite, for
    logits of any size.  Gradient ``g − softmax(x)·Σ g``.  ``O(x.size)``.

    Examples
    --------
    >>> log_softmax([1e4, 0.0]).data
    array([     0., -10000.])
    """
    if _is_foreign_tensor(x):
        return _foreign_log_softmax(x, axis)
    x = _as_tensor(x, "x")
    ax = _softmax_axis(axis, x.ndim)
    z = _shifted(x.data, ax)
    out = z - np.log(np.exp(z).sum(axis=ax, keepdims=True))

    def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
        return (g - np.exp(out) * g.sum(axis=ax, keepdims=True),)

    return Tensor._result(out, (x,), backward)


def softmax(x: Any, axis: int = -1) -> Any:
    """``exp(x) / Σ exp(x)`` along ``axis``, computed stably.

    Parameters
    ----------
    x : Tensor or array_like
        Logits; an array is taken as a constant Tensor.
    axis : int, default -1
        The axis the probabilities are normalised over.

    Returns
    -------
    Tensor
        Same shape as ``x``; non-negative, each slice along ``axis`` sums to 1.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``axis`` is not an int.
    ValueError
        If ``axis`` is out of range or ``x`` is 0-d.

    Notes
    -----
    The maximum along ``axis`` is subtracted first (softmax does not change
    when a constant is added to a slice), so no ``exp`` overflows.  Gradient
    ``s·(g − Σ g·s)`` with ``s`` the output.  ``O(x.size)``.

    Examples
    --------
    >>> softmax([0.0, 0.0]).data
    array([0.5, 0.5])
    >>> softmax([1e4, 0.0]).data
    array([1., 0.])
    """
    if _is_foreign_tensor(x):
        z = x - np.max(np.asarray(x.data, dtype=np.float64), axis=axis, keepdims=True)
        e = z.exp()
        return e / e.sum(axis=axis, keepdims=True)
    x = _as_tensor(x, "x")
    ax = _softmax_axis(axis, x.ndim)
    e = np.exp(_shifted(x.data, ax))
    out = e / e.sum(axis=ax, keepdims=True)

    def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
        return (out * (g - (g * out).sum(axis=ax, keepdims=True)),)

    return Tensor._result(out, (x,), backward)


def _as_targets(targets: Any, rows: int, classes: int) -> np.ndarray:
    if targets is None or isinstance(targets, (str, bytes, Tensor)) or _is_foreign_tensor(targets):
        raise TypeError(
            f"targets must be an array of integer class indices, got {describe(targets)}"
        )
    t = np.asarray(targets)
    if t.dtype.kind == "O" and all(
        isinstance(v, Integral) and not isinstance(v, bool) for v in t.flat
    ):
        t = t.astype(np.int64)  # huge Python ints: range-checked below
    elif t.size == 0:
        t = t.astype(np.int64)  # an empty list is float64 to NumPy; the shape check decides
    if t.dtype.kind not in "iu":
        raise TypeError(f"targets must hold integer class indices, got dtype {t.dtype}")
    if t.shape != (rows,):
        raise ValueError(f"targets must have shape ({rows},), one class per row, got {t.shape}")
    if t.min() < 0 or t.max() >= classes:
        raise ValueError(
            f"targets must be class indices in [0, {classes}), got values {t.min()}..{t.max()}"
        )
    return t.astype(np.intp)


def cross_entropy(logits: Any, targets: Any) -> Any:
    """Mean over rows of ``−log softmax(logits)[i, targets[i]]``: a scalar Tensor.

    Parameters
    ----------
    logits : Tensor or array_like, shape (rows, classes)
        Unnormalised scores, ``rows >= 1``, ``classes >= 1``.
    targets : array_like of int, shape (rows,)
        The correct class of each row, ``0 <= targets[i] < classes``.

    Returns
    -------
    Tensor
        0-d: the mean negative log-likelihood.

    Raises
    ------
    TypeError
        If ``logits`` is not numeric or ``targets`` does not hold integers.
    ValueError
        If ``logits`` is not 2-d with at least one row and one class, or
        ``targets`` has the wrong shape or a class outside ``[0, classes)``.

    Notes
    -----
    One graph node: ``log_softmax`` with the row maximum subtracted (finite
    for logits of ±1e4), and the closed-form gradient
    ``∂/∂ logits = (softmax(logits) − one_hot(targets)) / rows``.
    ``O(rows·classes)`` time and memory.

    Examples
    --------
    >>> z = Tensor([[0.0, 0.0], [1e4, -1e4]], requires_grad=True)
    >>> loss = cross_entropy(z, [0, 0])
    >>> round(loss.item(), 6)
    0.346574
    >>> loss.backward()
    >>> z.grad
    array([[-0.25,  0.25],
           [ 0.  ,  0.  ]])
    """
    if _is_foreign_tensor(logits):
        data = np.asarray(logits.data, dtype=np.float64)
        if data.ndim != 2 or data.shape[0] == 0 or data.shape[1] == 0:
            raise ValueError(f"logits must have shape (rows, classes), got {data.shape}")
        t = _as_targets(targets, *data.shape)
        weights = np.zeros(data.shape)
        weights[np.arange(data.shape[0]), t] = -1.0 / data.shape[0]
        return (_foreign_log_softmax(logits, -1) * weights).sum()
    x = _as_tensor(logits, "logits")
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"logits must have shape (rows, classes), got {x.shape}")
    rows, classes = x.shape
    t = _as_targets(targets, rows, classes)
    z = _shifted(x.data, 1)
    log_norm = np.log(np.exp(z).sum(axis=1))
    picked = np.arange(rows)
    loss = np.asarray(np.mean(log_norm - z[picked, t]))

    def backward(g: np.ndarray) -> tuple[np.ndarray | None, ...]:
        p = np.exp(z - log_norm[:, np.newaxis])
        p[picked, t] -= 1.0
        p *= g / rows
        return (p,)

    return Tensor._result(loss, (x,), backward)


def _foreign_log_softmax(x: Any, axis: int) -> Any:
    """log_softmax built from another Tensor class's public operations."""
    data = np.asarray(x.data, dtype=np.float64)
    if not isinstance(axis, Integral) or isinstance(axis, bool):
        raise TypeError(f"axis must be an int, got {describe(axis)}")
    z = x - data.max(axis=axis, keepdims=True)
    return z - z.exp().sum(axis=axis, keepdims=True).log()
