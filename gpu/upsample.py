"""Upsampling feature maps: nearest neighbour, bilinear, and the pixel shuffle.

The problem.  Segmentation networks shrink an image to a small grid of rich
features and must grow it back to the input's resolution.  Given an
``(N, C, H, W)`` array ``x`` (N images, C channels) and an output size
``(H_out, W_out)`` — or a scale factor that sets it — compute every output
pixel from the input pixels near it.  The semantics are PyTorch's:
``F.interpolate`` with ``mode='nearest'`` and ``mode='bilinear'`` (both
``align_corners`` conventions), and ``nn.PixelShuffle`` / ``nn.PixelUnshuffle``.

The idea: every output coordinate maps to a *source coordinate* in the input,
axis by axis, and the two axes are independent.  So the whole job splits into
two small tables per axis — computed once, O(H_out + W_out) — and one gather
over the output, which is where all the time goes:

* ``'nearest'``: output index ``d`` reads input index ``⌊d·s⌋`` (clamped to
  ``in − 1``), where the *scale* ``s = in/out`` for an explicit ``size`` and
  ``s = 1/scale_factor`` when a scale factor is given (PyTorch's default,
  ``recompute_scale_factor=None``: the factor is used as given, so for
  ``in = 3`` and ``scale_factor = 1.5`` the 4 outputs read 0, 0, 1, 2 — not
  ``in/out = 3/4``).  This is the "floor" rule (PyTorch's ``'nearest'``, not
  ``'nearest-exact'``, which would round ``(d + 1/2)·s − 1/2``).  As PyTorch
  does, the scale and the product are rounded to ``float32``, so that the
  index agrees with PyTorch's even where rounding decides it: for 2 → 82
  pixels, output 41 reads pixel 0 (``41·(2/82)`` is 1 exactly, 0.99999994 in
  ``float32``), and with ``scale_factor=1.1`` output 11 reads pixel 10 (the
  double nearest 1.1 is slightly larger, so ``11/1.1`` is 9.999… exactly);
* ``'bilinear'``: the source coordinate is ``src = d·(in − 1)/(out − 1)`` with
  ``align_corners=True`` (the corner pixels' *centres* are aligned: the first
  and last output pixels are copies of the first and last input pixels; the
  scale factor then only sets the size), and ``src = max((d + 1/2)·s − 1/2, 0)``
  with ``align_corners=False`` (pixels are unit squares whose *edges* are
  aligned; ``s`` as for nearest).  With ``i₀ = min(⌊src⌋, in − 1)``,
  ``i₁ = min(i₀ + 1, in − 1)`` and ``λ = src − i₀`` the output is the blend of
  the four pixels around ``(src_y, src_x)``::

      out = (1−λ_y)·((1−λ_x)·x[i₀, j₀] + λ_x·x[i₀, j₁]) + λ_y·((1−λ_x)·x[i₁, j₀] + λ_x·x[i₁, j₁])

  Coordinates past the last pixel are clamped to it (``i₁ = i₀``), so the
  border pixels extend outwards;
* the output size is ``size`` (an int for both axes, or ``(H_out, W_out)``),
  or ``⌊in·scale_factor⌋`` (a number, or one per axis); factors below 1 shrink.

The pixel shuffle (Shi et al., 2016, "sub-pixel convolution") is no
interpolation at all but a rearrangement: an ``(N, C·r², H, W)`` array becomes
``(N, C, H·r, W·r)`` with ``out[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]``
— the r² channels of a group become the r × r pixels of one block — and
:func:`pixel_unshuffle` is its inverse.  A convolution that predicts r² channels
followed by a shuffle upsamples with learned filters instead of a fixed blend.

Backends (see :mod:`gpu.backend`) for the two interpolations:

* ``'numpy'`` — the reference and the specification: the tables, then NumPy
  fancy indexing (bilinear in ``float64``, one image at a time so that the
  temporaries stay one image large);
* ``'cpu'`` — Numba, the ``N·C`` planes in parallel (``prange``).  Bilinear is
  computed *separably*: for each output row the two source rows are blended
  once (``(1−λ_y)·x[i₀] + λ_y·x[i₁]``, a contiguous, vectorised loop), then
  each output pixel blends two entries of that row — the same bilinear form
  as the formula above, summed in another order, in the input's dtype;
* ``'cuda'`` — one thread per output pixel, the formula above as written,
  neighbouring threads on neighbouring output columns (coalesced writes).

Cost: O(N·C·H_out·W_out) time — a constant number of reads and
multiply-adds per output pixel — plus O(H_out + W_out) for the tables; memory
O(N·C·H_out·W_out) for the output.  The pixel shuffles move every element once:
O(size) time and memory.

Note: PyTorch's CPU kernels copy the input when an output axis has the input's
length and (for nearest) shift by one bit when it has twice it, whatever the
scale factor; its CUDA kernels and the documented semantics — used here — apply
the scale factor as given.  The two differ only for a ``scale_factor`` that
gives ``out = in`` or ``out = 2·in`` without being 1 or 2 (``in = 5``,
``scale_factor = 1.1``).
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
from numba import cuda, njit, prange

from gpu._validate import (
    FLOAT_DTYPES,
    as_array,
    as_float_array,
    describe,
    require_int,
    require_ndim,
    require_positive_real,
)
from gpu.backend import (
    array_module,
    from_backend,
    pick_backend,
    readonly_view,
    threads_per_block,
    to_backend,
    use_prange,
)

__all__ = ["pixel_shuffle", "pixel_unshuffle", "upsample_bilinear", "upsample_nearest"]


# ---------------------------------------------------------------------------
# The per-axis tables: source indices and weights (shared by every backend)
# ---------------------------------------------------------------------------


def _nearest_source(n_in: int, n_out: int, scale_factor: float | None) -> np.ndarray:
    """Input index read by each output index: ``min(⌊d·s⌋, n_in − 1)``, in ``float32``."""
    if scale_factor is None:
        scale = np.float32(n_in) / np.float32(n_out)
    else:
        scale = np.float32(1.0 / scale_factor)
    # d < 2^24 is exact in float32, and float32 · float32 rounds to float32.
    src = np.floor(np.arange(n_out, dtype=np.float32) * scale).astype(np.int64)
    return np.minimum(src, n_in - 1)


def _linear_source(
    n_in: int, n_out: int, scale_factor: float | None, align_corners: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i0, i1, lam)`` per output index: the two input neighbours and the weight of i1.

    Each source coordinate is computed with a single rounding where the
    formula allows (``d·(in − 1)/(out − 1)`` as written, and
    ``((2d + 1)·in − out) / (2·out)`` for ``(d + 1/2)·in/out − 1/2``), so that
    ``align_corners=True`` lands exactly on the last pixel.
    """
    dst = np.arange(n_out, dtype=np.float64)
    if align_corners:
        src = dst * (n_in - 1) / (n_out - 1) if n_out > 1 else np.zeros(n_out)
    elif scale_factor is None:
        src = np.maximum(((2 * dst + 1) * n_in - n_out) / (2 * n_out), 0.0)
    else:
        src = np.maximum((dst + 0.5) / scale_factor - 0.5, 0.0)
    i0 = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    i1 = np.minimum(i0 + 1, n_in - 1)
    lam = np.clip(src - i0, 0.0, 1.0)
    return i0, i1, lam


# ---------------------------------------------------------------------------
# 'numpy': the reference, which is the specification
# ---------------------------------------------------------------------------


def _nearest_numpy(x: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    return x[:, :, rows[:, None], cols[None, :]]


def _bilinear_numpy(x: np.ndarray, rows: tuple, cols: tuple) -> np.ndarray:
    (y0, y1, ly), (x0, x1, lx) = rows, cols
    ly = ly[:, None]  # broadcast down the columns
    out = np.empty((*x.shape[:2], y0.size, x0.size), dtype=x.dtype)
    for n in range(x.shape[0]):  # one image at a time: temporaries stay one image large
        image = x[n].astype(np.float64)
        top, bottom = image[:, y0, :], image[:, y1, :]
        upper = (1 - lx) * top[:, :, x0] + lx * top[:, :, x1]
        lower = (1 - lx) * bottom[:, :, x0] + lx * bottom[:, :, x1]
        out[n] = (1 - ly) * upper + ly * lower
    return out


# ---------------------------------------------------------------------------
# 'cpu': Numba, the N·C planes in parallel
# ---------------------------------------------------------------------------


@njit(cache=True)
def _nearest_plane(x, out, rows, cols):  # pragma: no cover - compiled
    for oy in range(out.shape[0]):
        source = x[rows[oy]]
        target = out[oy]
        for ox in range(out.shape[1]):
            target[ox] = source[cols[ox]]


@njit(parallel=True, cache=True)
def _nearest_parallel(x, out, rows, cols):  # pragma: no cover - compiled
    for p in prange(x.shape[0]):
        _nearest_plane(x[p], out[p], rows, cols)


@njit(cache=True)
def _nearest_serial(x, out, rows, cols):  # pragma: no cover - compiled
    for p in range(x.shape[0]):
        _nearest_plane(x[p], out[p], rows, cols)


@njit(cache=True)
def _bilinear_plane(x, out, y0, y1, wy0, wy1, x0, x1, wx0, wx1, blended):  # pragma: no cover
    # Separable: blend the two source rows of output row oy once (`blended`,
    # a contiguous loop that vectorises), then each output pixel blends two of
    # its entries.  The weights w·0 = 1 − λ and w·1 = λ are in x's dtype.
    for oy in range(out.shape[0]):
        upper, lower = x[y0[oy]], x[y1[oy]]
        a, b = wy0[oy], wy1[oy]
        for w in range(x.shape[1]):
            blended[w] = a * upper[w] + b * lower[w]
        target = out[oy]
        for ox in range(out.shape[1]):
            target[ox] = wx0[ox] * blended[x0[ox]] + wx1[ox] * blended[x1[ox]]


@njit(parallel=True, cache=True)
def _bilinear_parallel(x, out, y0, y1, wy0, wy1, x0, x1, wx0, wx1):  # pragma: no cover
    for p in prange(x.shape[0]):
        blended = np.empty(x.shape[2], dtype=x.dtype)  # one scratch row per plane
        _bilinear_plane(x[p], out[p], y0, y1, wy0, wy1, x0, x1, wx0, wx1, blended)


@njit(cache=True)
def _bilinear_serial(x, out, y0, y1, wy0, wy1, x0, x1, wx0, wx1):  # pragma: no cover
    blended = np.empty(x.shape[2], dtype=x.dtype)
    for p in range(x.shape[0]):
        _bilinear_plane(x[p], out[p], y0, y1, wy0, wy1, x0, x1, wx0, wx1, blended)


def _nearest_cpu(planes: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    out = np.empty((planes.shape[0], rows.size, cols.size), dtype=planes.dtype)
    kernel = _nearest_parallel if use_prange(planes.shape[0], out.size) else _nearest_serial
    kernel(readonly_view(planes), out, readonly_view(rows), readonly_view(cols))
    return out


def _weights(table: tuple, dtype: np.dtype) -> tuple[np.ndarray, ...]:
    """``(i0, i1, 1 − λ, λ)`` with the weights in ``dtype``, read-only for the kernels."""
    i0, i1, lam = table
    return tuple(readonly_view(a) for a in (i0, i1, (1 - lam).astype(dtype), lam.astype(dtype)))


def _bilinear_cpu(planes: np.ndarray, rows: tuple, cols: tuple) -> np.ndarray:
    out = np.empty((planes.shape[0], rows[0].size, cols[0].size), dtype=planes.dtype)
    kernel = _bilinear_parallel if use_prange(planes.shape[0], out.size) else _bilinear_serial
    kernel(readonly_view(planes), out, *_weights(rows, planes.dtype), *_weights(cols, planes.dtype))
    return out


# ---------------------------------------------------------------------------
# 'cuda': one thread per output pixel
# ---------------------------------------------------------------------------


@cuda.jit
def _nearest_kernel(x, rows, cols, out):  # pragma: no cover - compiled
    # The column varies fastest across threads: neighbouring threads write
    # neighbouring addresses (coalesced); their reads hit the same few rows.
    idx = cuda.grid(1)
    n_planes, h_out, w_out = out.shape
    if idx >= n_planes * h_out * w_out:
        return
    ox = idx % w_out
    oy = (idx // w_out) % h_out
    p = idx // (w_out * h_out)
    out[p, oy, ox] = x[p, rows[oy], cols[ox]]


@cuda.jit
def _bilinear_kernel(x, y0, y1, wy0, wy1, x0, x1, wx0, wx1, out):  # pragma: no cover
    idx = cuda.grid(1)
    n_planes, h_out, w_out = out.shape
    if idx >= n_planes * h_out * w_out:
        return
    ox = idx % w_out
    oy = (idx // w_out) % h_out
    p = idx // (w_out * h_out)
    i0, i1, j0, j1 = y0[oy], y1[oy], x0[ox], x1[ox]
    upper = wx0[ox] * x[p, i0, j0] + wx1[ox] * x[p, i0, j1]
    lower = wx0[ox] * x[p, i1, j0] + wx1[ox] * x[p, i1, j1]
    out[p, oy, ox] = wy0[oy] * upper + wy1[oy] * lower


def _launch(kernel: Any, n_threads: int, *args: Any) -> None:
    """Launch a one-thread-per-item kernel over ``n_threads`` items (1-D grid)."""
    if n_threads == 0:
        return
    threads = threads_per_block(n_threads)
    kernel[-(-n_threads // threads), threads](*args)


def _on_device(*tables: np.ndarray) -> list[Any]:
    return [to_backend(np.ascontiguousarray(t), "cuda") for t in tables]


def _nearest_cuda(planes: Any, rows: np.ndarray, cols: np.ndarray) -> Any:
    out = cuda.device_array((planes.shape[0], rows.size, cols.size), dtype=planes.dtype)
    _launch(_nearest_kernel, out.size, planes, *_on_device(rows, cols), out)
    return out


def _bilinear_cuda(planes: Any, rows: tuple, cols: tuple) -> Any:
    out = cuda.device_array((planes.shape[0], rows[0].size, cols[0].size), dtype=planes.dtype)
    dtype = np.dtype(planes.dtype)
    tables = _on_device(*_weights(rows, dtype), *_weights(cols, dtype))
    _launch(_bilinear_kernel, out.size, planes, *tables, out)
    return out


# ---------------------------------------------------------------------------
# Argument handling and the public functions
# ---------------------------------------------------------------------------


def _pair(value: Any, name: str) -> tuple[Any, Any]:
    """One value for both axes, or a ``(height, width)`` pair (a list, tuple or 1-D array)."""
    if not isinstance(value, (list, tuple)) and not (
        isinstance(value, np.ndarray) and value.ndim == 1
    ):
        return value, value  # a scalar; its type is checked by the caller
    if len(value) != 2:
        raise ValueError(
            f"{name} must be one value or a (height, width) pair, got {len(value)} values"
        )
    return value[0], value[1]


def _output_shape(
    x_shape: tuple[int, ...], size: Any, scale_factor: Any
) -> tuple[tuple[int, int], tuple[float | None, float | None]]:
    """``((H_out, W_out), (scale_h, scale_w))``; the scales are None for an explicit size."""
    if (size is None) == (scale_factor is None):
        raise ValueError("give exactly one of size and scale_factor")
    in_sizes = x_shape[2:]
    if size is not None:
        sizes = tuple(require_int(s, "size", minimum=1) for s in _pair(size, "size"))
        return sizes, (None, None)
    scales = tuple(
        require_positive_real(s, "scale_factor") for s in _pair(scale_factor, "scale_factor")
    )
    sizes = tuple(math.floor(n * s) for n, s in zip(in_sizes, scales, strict=True))
    if min(sizes) < 1:
        raise ValueError(
            f"scale_factor {scale_factor!r} gives an empty output of size {sizes} "
            f"for an input of size {tuple(in_sizes)}"
        )
    return sizes, scales


def _check_image(x: Any, name: str) -> None:
    require_ndim(x, name, 4, "4-D (N, C, H, W)")
    if x.shape[2] == 0 or x.shape[3] == 0:
        raise ValueError(f"{name} must have H >= 1 and W >= 1, got shape {tuple(x.shape)}")


def _as_nearest_input(x: Any, xp: ModuleType) -> Any:
    """Any real dtype is kept (label maps are integers); float16 and complex are refused."""
    arr = as_array(x, "x", xp)
    if arr.dtype.kind in "biu" or arr.dtype in FLOAT_DTYPES:
        return arr
    raise TypeError(f"x must be a bool, integer, float32 or float64 array, got dtype {arr.dtype}")


def _as_planes(x: Any, backend: str, xp: ModuleType) -> Any:
    """``x`` as a C-contiguous ``(N·C, H, W)`` array of the backend."""
    n, c, h, w = x.shape
    return to_backend(xp.ascontiguousarray(x.reshape(n * c, h, w)), backend)


_NEAREST = {"numpy": _nearest_numpy, "cpu": _nearest_cpu, "cuda": _nearest_cuda}
_BILINEAR = {"numpy": _bilinear_numpy, "cpu": _bilinear_cpu, "cuda": _bilinear_cuda}


def upsample_nearest(
    x: Any, size: Any = None, scale_factor: Any = None, backend: str = "auto"
) -> Any:
    """Nearest-neighbour resize of ``(N, C, H, W)`` images, as PyTorch's ``mode='nearest'``.

    Output pixel ``(d_y, d_x)`` copies input pixel ``(⌊d_y·s_y⌋, ⌊d_x·s_x⌋)``
    (clamped to the last pixel) with ``s = in/out`` for an explicit ``size`` and
    ``s = 1/scale_factor`` otherwise — the scale and the product rounded to
    ``float32``, as PyTorch computes them.

    Parameters
    ----------
    x : array_like (NumPy or CuPy), shape (N, C, H, W)
        Any bool, integer, ``float32`` or ``float64`` dtype (label maps included);
        ``H, W >= 1``.
    size : int or (int, int), optional
        The output's ``(H_out, W_out)`` (one int for both), each >= 1.
    scale_factor : float or (float, float), optional
        Positive; the output size is ``⌊H·scale⌋ × ⌊W·scale⌋`` and must not be
        empty.  Exactly one of ``size`` and ``scale_factor`` must be given.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray, shape (N, C, H_out, W_out)
        Same dtype and array module as ``x``; every value is a copy of an input value.

    Raises
    ------
    TypeError
        ``x`` is not a numeric array of an accepted dtype (float16, complex);
        ``size`` is not integral, ``scale_factor`` not real; ``backend`` not a string.
    ValueError
        ``x`` is not 4-D or has ``H == 0`` or ``W == 0``; both or neither of
        ``size`` and ``scale_factor``; a size < 1, a scale factor that is not
        positive and finite or that gives an empty output; a pair of the wrong
        length; ``backend`` unknown or unavailable.

    Notes
    -----
    O(N·C·H_out·W_out) time and memory for the output, plus
    O(H_out + W_out) for the index tables.  The input is never modified.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[[1, 2], [3, 4]]]])
    >>> upsample_nearest(x, scale_factor=2)[0, 0]
    array([[1, 1, 2, 2],
           [1, 1, 2, 2],
           [3, 3, 4, 4],
           [3, 3, 4, 4]])
    >>> upsample_nearest(np.arange(3.0).reshape(1, 1, 1, 3), scale_factor=1.5)[0, 0]
    array([[0., 0., 1., 2.]])
    """
    xp = array_module(x)
    backend = pick_backend(backend, xp)
    x = _as_nearest_input(x, xp)
    _check_image(x, "x")
    (h_out, w_out), (scale_h, scale_w) = _output_shape(tuple(x.shape), size, scale_factor)
    n, c, h, w = x.shape
    rows = _nearest_source(h, h_out, scale_h)
    cols = _nearest_source(w, w_out, scale_w)
    if backend == "numpy":
        out = _nearest_numpy(to_backend(x, backend), rows, cols)
        return from_backend(np.ascontiguousarray(out), xp)
    out = _NEAREST[backend](_as_planes(x, backend, xp), rows, cols)
    return from_backend(out, xp).reshape(n, c, h_out, w_out)


def upsample_bilinear(
    x: Any,
    size: Any = None,
    scale_factor: Any = None,
    align_corners: bool = False,
    backend: str = "auto",
) -> Any:
    """Bilinear resize of ``(N, C, H, W)`` images, as PyTorch's ``mode='bilinear'``.

    Per axis, output index ``d`` has the source coordinate
    ``src = d·(in − 1)/(out − 1)`` with ``align_corners=True`` (0 when
    ``out == 1``), else ``src = max((d + 1/2)·s − 1/2, 0)`` with ``s = in/out``
    for an explicit ``size`` and ``s = 1/scale_factor`` otherwise.  The output
    blends the four pixels around ``(src_y, src_x)`` with weights ``1 − λ`` and
    ``λ = src − ⌊src⌋`` per axis; past the last pixel the last pixel is used.

    Parameters
    ----------
    x : array_like (NumPy or CuPy), shape (N, C, H, W)
        ``float32`` or ``float64`` (integers are promoted to ``float64``);
        ``H, W >= 1``.
    size : int or (int, int), optional
        The output's ``(H_out, W_out)`` (one int for both), each >= 1.
    scale_factor : float or (float, float), optional
        Positive; the output size is ``⌊H·scale⌋ × ⌊W·scale⌋``.  Exactly one of
        ``size`` and ``scale_factor`` must be given.
    align_corners : bool, default False
        True aligns the centres of the corner pixels (and ignores the scale
        factor's value for the coordinates); False aligns the images' edges.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray, shape (N, C, H_out, W_out)
        ``x``'s dtype (``float64`` for integer input), NumPy or CuPy like ``x``.
        The ``'numpy'`` reference computes in ``float64``; ``'cpu'`` and
        ``'cuda'`` in the result dtype.

    Raises
    ------
    TypeError
        ``x`` is not a real array (bool, float16, complex, text); ``size`` is not
        integral, ``scale_factor`` not real, ``align_corners`` not a bool;
        ``backend`` not a string.
    ValueError
        As for :func:`upsample_nearest`.

    Notes
    -----
    O(N·C·H_out·W_out) time (four reads and three multiply-adds per output
    pixel) and memory for the output, plus O(H_out + W_out) for the tables.
    The input is never modified.  NaN and inf propagate from the pixels they
    are blended into (a weight of exactly 0 still multiplies them).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[[0.0, 4.0]]]])
    >>> upsample_bilinear(x, size=(1, 4))[0, 0]
    array([[0., 1., 3., 4.]])
    >>> upsample_bilinear(x, size=(1, 3), align_corners=True)[0, 0]
    array([[0., 2., 4.]])
    """
    xp = array_module(x)
    backend = pick_backend(backend, xp)
    x = as_float_array(x, "x", xp)
    if not isinstance(align_corners, (bool, np.bool_)):
        raise TypeError(f"align_corners must be a bool, got {describe(align_corners)}")
    _check_image(x, "x")
    (h_out, w_out), (scale_h, scale_w) = _output_shape(tuple(x.shape), size, scale_factor)
    n, c, h, w = x.shape
    rows = _linear_source(h, h_out, scale_h, bool(align_corners))
    cols = _linear_source(w, w_out, scale_w, bool(align_corners))
    if backend == "numpy":
        return from_backend(_bilinear_numpy(to_backend(x, backend), rows, cols), xp)
    out = _BILINEAR[backend](_as_planes(x, backend, xp), rows, cols)
    return from_backend(out, xp).reshape(n, c, h_out, w_out)


def _shuffle_factor(r: Any) -> int:
    return require_int(r, "r", minimum=1)


def pixel_shuffle(x: Any, r: int) -> Any:
    """Rearrange ``(N, C·r², H, W)`` into ``(N, C, H·r, W·r)``, as PyTorch's ``nn.PixelShuffle``.

    ``out[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]``: each group of
    r² consecutive channels becomes the r × r blocks of one output channel.

    Parameters
    ----------
    x : array_like (NumPy or CuPy), shape (N, C·r², H, W)
        Any numeric dtype (kept).
    r : int
        The upscale factor, >= 1; r² must divide the channel count.

    Returns
    -------
    ndarray, shape (N, C, H·r, W·r)
        A new C-contiguous array (never a view of ``x``), same dtype and module.

    Raises
    ------
    TypeError
        ``x`` is not a numeric array, or ``r`` is not an integer.
    ValueError
        ``x`` is not 4-D, ``r < 1``, or r² does not divide the channel count.

    Notes
    -----
    O(size) time and memory: one reshape, one transpose, one copy.

    Examples
    --------
    >>> import numpy as np
    >>> pixel_shuffle(np.arange(4).reshape(1, 4, 1, 1), 2)[0, 0]
    array([[0, 1],
           [2, 3]])
    """
    xp = array_module(x)
    x = as_array(x, "x", xp)
    r = _shuffle_factor(r)
    require_ndim(x, "x", 4, "4-D (N, C, H, W)")
    n, channels, h, w = x.shape
    if channels % (r * r):
        raise ValueError(
            f"x's channel count must be divisible by r² = {r * r} (r = {r}), got {channels}"
        )
    c = channels // (r * r)
    blocks = x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3)  # (n, c, h, i, w, j)
    return blocks.copy().reshape(n, c, h * r, w * r)


def pixel_unshuffle(x: Any, r: int) -> Any:
    """Rearrange ``(N, C, H·r, W·r)`` into ``(N, C·r², H, W)``, undoing :func:`pixel_shuffle`.

    ``out[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j]``, as PyTorch's
    ``nn.PixelUnshuffle``.

    Parameters
    ----------
    x : array_like (NumPy or CuPy), shape (N, C, H·r, W·r)
        Any numeric dtype (kept).
    r : int
        The downscale factor, >= 1; it must divide the height and the width.

    Returns
    -------
    ndarray, shape (N, C·r², H, W)
        A new C-contiguous array (never a view of ``x``), same dtype and module.

    Raises
    ------
    TypeError
        ``x`` is not a numeric array, or ``r`` is not an integer.
    ValueError
        ``x`` is not 4-D, ``r < 1``, or r does not divide the height or the width.

    Notes
    -----
    O(size) time and memory.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(16).reshape(1, 1, 4, 4)
    >>> pixel_unshuffle(x, 2)[0, :, 0, 0]
    array([0, 1, 4, 5])
    >>> bool((pixel_shuffle(pixel_unshuffle(x, 2), 2) == x).all())
    True
    """
    xp = array_module(x)
    x = as_array(x, "x", xp)
    r = _shuffle_factor(r)
    require_ndim(x, "x", 4, "4-D (N, C, H, W)")
    n, c, height, width = x.shape
    if height % r or width % r:
        raise ValueError(
            f"x's height and width must be divisible by r = {r}, got {height} × {width}"
        )
    h, w = height // r, width // r
    blocks = x.reshape(n, c, h, r, w, r).transpose(0, 1, 3, 5, 2, 4)  # (n, c, i, j, h, w)
    return blocks.copy().reshape(n, c * r * r, h, w)
