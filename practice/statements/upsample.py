"""Upsampling images: nearest neighbour, bilinear, and the pixel shuffle (PyTorch's semantics)."""

from __future__ import annotations

import numpy as np


def upsample_nearest(
    x: np.ndarray,
    size: int | tuple[int, int] | None = None,
    scale_factor: float | tuple[float, float] | None = None,
) -> np.ndarray:
    """Resize a batch of images by copying, for each output pixel, the nearest input pixel.

    ``x`` has shape ``(N, C, H, W)``: N images of C channels.  Return an array
    of shape ``(N, C, H_out, W_out)``, where the output size is ``size`` (one int
    for both axes, or ``(H_out, W_out)``) or, when ``scale_factor`` is given
    instead, ``H_out = ⌊H·f_h⌋`` and ``W_out = ⌊W·f_w⌋`` (one factor for both
    axes, or ``(f_h, f_w)``).

    Each axis separately: output index ``d`` copies input index
    ``min(⌊d·s⌋, in − 1)``, where the scale ``s = in/out`` when ``size`` is
    given and ``s = 1/f`` when ``scale_factor`` is given — the factor is used
    as it is, not recomputed from the sizes.  This is PyTorch's
    ``F.interpolate(x, mode='nearest')``.

    Constraints
    -----------
    - ``x`` is a NumPy array of shape ``(N, C, H, W)``, dtype ``float64``,
      ``float32`` or ``int64``; ``1 <= N, C <= 8``, ``1 <= H, W <= 64``;
      ``|x| <= 10^3``
    - exactly one of ``size`` and ``scale_factor`` is given
    - ``size``: ints with ``1 <= H_out, W_out <= 256``
    - ``scale_factor``: floats with ``0 < f <= 8`` and a non-empty output
      (``⌊H·f_h⌋ >= 1``, ``⌊W·f_w⌋ >= 1``)
    - where ``d·s`` is an integer up to floating-point rounding, either
      neighbouring pixel is accepted (exact or floating-point arithmetic)
    - ``x`` must not be modified.

    Errors (contract)
    -----------------
    ``x`` not 4-D, ``H == 0`` or ``W == 0``; both or neither of ``size`` and
    ``scale_factor``; a size below 1; a scale factor that is not positive and
    finite or that gives an empty output → ``ValueError``.  A size that is not
    an int, a scale factor that is not a number → ``TypeError``.

    Examples
    --------
    >>> x = np.array([[[[1, 2], [3, 4]]]])
    >>> upsample_nearest(x, scale_factor=2)[0, 0]
    array([[1, 1, 2, 2],
           [1, 1, 2, 2],
           [3, 3, 4, 4],
           [3, 3, 4, 4]])

    With a factor of 1.6, 3 pixels become ``⌊4.8⌋ = 4``, reading
    ``⌊d/1.6⌋ = 0, 0, 1, 1`` — with ``size=4`` they would read ``⌊3d/4⌋ = 0, 0, 1, 2``:

    >>> row = np.array([[[[10.0, 20.0, 30.0]]]])
    >>> upsample_nearest(row, scale_factor=(1, 1.6))[0, 0]
    array([[10., 10., 20., 20.]])
    >>> upsample_nearest(row, size=(1, 4))[0, 0]
    array([[10., 10., 20., 30.]])

    Complexity
    ----------
    Aim for ``O(N·C·H_out·W_out)`` time: compute the source index of every
    output row and column once, then gather.

    Hint: NumPy's fancy indexing gathers a whole grid at once: ``x[:, :, rows[:, None], cols]``.
    """
    raise NotImplementedError


def upsample_bilinear(
    x: np.ndarray,
    size: int | tuple[int, int] | None = None,
    scale_factor: float | tuple[float, float] | None = None,
    align_corners: bool = False,
) -> np.ndarray:
    """Resize a batch of images by bilinear interpolation, as PyTorch's ``mode='bilinear'``.

    ``x``, ``size`` and ``scale_factor`` as in :func:`upsample_nearest`.  Each
    axis separately, output index ``d`` looks at the *source coordinate*

    - ``align_corners=True``: ``src = d·(in − 1)/(out − 1)`` (``0`` when
      ``out == 1``) — the centres of the corner pixels line up, so the corner
      pixels are kept; a scale factor then only sets the output size;
    - ``align_corners=False``: ``src = max((d + 1/2)·s − 1/2, 0)`` with
      ``s = in/out`` for ``size`` and ``s = 1/f`` for ``scale_factor`` — the
      images' outer edges line up.

    With ``i0 = min(⌊src⌋, in − 1)``, ``i1 = min(i0 + 1, in − 1)`` and
    ``λ = src − i0``, the output pixel is the blend of the four input pixels
    ``(i0 or i1, j0 or j1)`` with weights ``(1 − λ_y or λ_y)·(1 − λ_x or λ_x)``.

    Constraints
    -----------
    - ``x`` is a NumPy array of shape ``(N, C, H, W)``, dtype ``float64`` or
      ``float32``; ``1 <= N, C <= 8``, ``1 <= H, W <= 64``; ``|x| <= 10^3``
    - exactly one of ``size`` (ints, ``1 <= H_out, W_out <= 256``) and
      ``scale_factor`` (``0 < f <= 8``, non-empty output) is given
    - answers are accepted within ``8·ε·(max(H, W) + 2)·max(1, max|x|)``
      (ε of x's dtype)
    - ``x`` must not be modified.

    Errors (contract)
    -----------------
    As for :func:`upsample_nearest`; also ``align_corners`` not a bool → ``TypeError``.

    Examples
    --------
    >>> x = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    >>> upsample_bilinear(x, scale_factor=2)[0, 0]
    array([[1.  , 1.25, 1.75, 2.  ],
           [1.5 , 1.75, 2.25, 2.5 ],
           [2.5 , 2.75, 3.25, 3.5 ],
           [3.  , 3.25, 3.75, 4.  ]])

    The second output column looks at ``src = 1.5·(1/2) − 1/2 = 0.25``: a quarter
    of the way from 1 to 2.  With ``align_corners=True`` it looks at ``1·(1/3)``:

    >>> upsample_bilinear(x, size=(1, 4), align_corners=True)[0, 0]
    array([[1.        , 1.33333333, 1.66666667, 2.        ]])

    Complexity
    ----------
    Aim for ``O(N·C·H_out·W_out)`` time: four reads and a few multiply-adds
    per output pixel, with the indices and weights of each row and column
    computed once.

    Hint: the interpolation is separable — blend along one axis, then along the other.
    """
    raise NotImplementedError


def pixel_shuffle(x: np.ndarray, r: int) -> np.ndarray:
    """Rearrange ``(N, C·r², H, W)`` into ``(N, C, H·r, W·r)``, as PyTorch's ``nn.PixelShuffle``.

    Every group of r² consecutive channels becomes the r × r blocks of one
    output channel: ``out[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]``.

    Constraints
    -----------
    - ``x`` is a NumPy array of shape ``(N, C·r², H, W)`` (any numeric dtype),
      ``1 <= N, C, H, W <= 16``
    - ``1 <= r <= 4``
    - return a new array; ``x`` must not be modified.

    Errors (contract)
    -----------------
    ``x`` not 4-D, ``r < 1``, or r² not dividing the channel count → ``ValueError``;
    ``r`` not an int → ``TypeError``.

    Examples
    --------
    >>> x = np.arange(8).reshape(1, 8, 1, 1)
    >>> pixel_shuffle(x, 2)[0]
    array([[[0, 1],
            [2, 3]],
    <BLANKLINE>
           [[4, 5],
            [6, 7]]])

    Complexity
    ----------
    Aim for ``O(size)`` time and memory.

    Hint: one reshape to 6 axes, one transpose, one reshape back.
    """
    raise NotImplementedError


def pixel_unshuffle(x: np.ndarray, r: int) -> np.ndarray:
    """Rearrange ``(N, C, H·r, W·r)`` into ``(N, C·r², H, W)``: undo :func:`pixel_shuffle`.

    ``out[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j]``, as PyTorch's
    ``nn.PixelUnshuffle``; ``pixel_unshuffle(pixel_shuffle(x, r), r)`` is ``x``.

    Constraints
    -----------
    - ``x`` is a NumPy array of shape ``(N, C, H·r, W·r)`` (any numeric dtype),
      ``1 <= N, C, H, W <= 16``
    - ``1 <= r <= 4``
    - return a new array; ``x`` must not be modified.

    Errors (contract)
    -----------------
    ``x`` not 4-D, ``r < 1``, or r not dividing the height or the width →
    ``ValueError``; ``r`` not an int → ``TypeError``.

    Examples
    --------
    >>> x = np.arange(16).reshape(1, 1, 4, 4)
    >>> pixel_unshuffle(x, 2)[0, :, 0, 0]
    array([0, 1, 4, 5])

    The first output pixel's four channels are the top-left 2 × 2 block of ``x``.

    Complexity
    ----------
    Aim for ``O(size)`` time and memory.

    Hint: the same three steps as the shuffle, with the axes in the opposite order.
    """
    raise NotImplementedError
