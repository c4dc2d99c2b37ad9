"""Properties of the upsampling kernels and the pixel shuffle (``gpu.upsample``).

Oracles, each independent of the code under test:

* per-output-pixel loops written from the definitions: the source coordinate
  of every output index in exact ``Fraction`` arithmetic (``in/out`` for an
  explicit size, ``1/scale_factor`` for a factor, ``(in − 1)/(out − 1)`` with
  ``align_corners``), clamping, and the four bilinear weights, applied to one
  output pixel at a time;
* for nearest, the floor rule admits the roundings a correct solution may
  make at a source coordinate that is an integer in exact arithmetic (exact,
  ``float64``, or PyTorch's ``float32``); the reference is held to PyTorch's
  ``float32`` rule exactly (reference-only);
* identities: a scale of 1 is the identity; ``pixel_unshuffle`` undoes
  ``pixel_shuffle`` exactly (and the reverse); ``align_corners=True`` keeps the
  corner pixels; a constant image stays constant; bilinear interpolation of a
  linear ramp is the ramp at the (clamped) source coordinates;
* worked values that PyTorch's documentation shows for ``nn.Upsample`` on
  ``[[1, 2], [3, 4]]``;
* for the ``'cpu'`` and ``'cuda'`` backends, the ``'numpy'`` reference.

The ``'cuda'`` properties run in Numba's CUDA simulator here: tiny shapes, few examples.
"""

from __future__ import annotations

import math
from fractions import Fraction
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gpu.backend
from gpu.backend import available_backends, has_real_gpu, using_simulator

HAS_CUDA = "cuda" in available_backends()
COMPILED_BACKENDS = ["cpu"] + (["cuda"] if HAS_CUDA else [])
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The simulator runs a few thousand GPU threads per second: a handful of tiny examples.
CUDA_EXAMPLES = 10 if using_simulator() else 100
FLOAT_DTYPES = [np.float32, np.float64]

# Worked example of PyTorch's nn.Upsample documentation: [[1, 2], [3, 4]] scaled by 2.
SQUARE = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
SQUARE_NEAREST = [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]
SQUARE_BILINEAR = [
    [1.0, 1.25, 1.75, 2.0],
    [1.5, 1.75, 2.25, 2.5],
    [2.5, 2.75, 3.25, 3.5],
    [3.0, 3.25, 3.75, 4.0],
]
THIRD = 1 / 3
SQUARE_BILINEAR_ALIGNED = [
    [1.0, 1 + THIRD, 2 - THIRD, 2.0],
    [2 - THIRD, 2.0, 2 + THIRD, 3 - THIRD],
    [2 + THIRD, 3 - THIRD, 3.0, 3 + THIRD],
    [3.0, 3 + THIRD, 4 - THIRD, 4.0],
]


# ---------------------------------------------------------------------------
# Oracles: the definitions, one output index (and pixel) at a time


def exact_scale(n_in: int, n_out: int, scale_factor: float | None) -> Fraction:
    """The scale from output to input coordinates: ``in/out``, or ``1/scale_factor`` as given."""
    return Fraction(n_in, n_out) if scale_factor is None else 1 / Fraction(scale_factor)


def nearest_candidates(n_in: int, n_out: int, scale_factor: float | None) -> list[set[int]]:
    """For each output index, the input indices the floor rule ``⌊d·s⌋`` allows.

    Exactly ``⌊d·s⌋``, clamped to ``in − 1``, up to the rounding of ``d·s``
    when it is an integer in exact arithmetic: a solution may compute it
    exactly, in ``float64`` (``d·in/out``, ``d·(in/out)``, ``d/scale_factor``)
    or as PyTorch does, with the scale and the product in ``float32``.
    """
    s = exact_scale(n_in, n_out, scale_factor)
    if scale_factor is None:
        s64 = [n_in / n_out]
        s32 = np.float32(n_in) / np.float32(n_out)
    else:
        s64 = [1.0 / scale_factor]
        s32 = np.float32(1.0 / scale_factor)
    out = []
    for d in range(n_out):
        floors = {math.floor(d * s), int(np.floor(np.float32(d) * s32))}
        floors |= {math.floor(d * v) for v in s64}
        if scale_factor is None:
            floors.add(math.floor(d * n_in / n_out))
        else:
            floors.add(math.floor(d / scale_factor))
        out.append({min(i, n_in - 1) for i in floors})
    return out


def pytorch_nearest_index(n_in: int, n_out: int, scale_factor: float | None) -> list[int]:
    """PyTorch's floor rule with its ``float32`` arithmetic, one index at a time."""
    if scale_factor is None:
        s = np.float32(n_in) / np.float32(n_out)
    else:
        s = np.float32(1.0 / scale_factor)
    return [min(int(np.floor(np.float32(d) * s)), n_in - 1) for d in range(n_out)]


def linear_sources(
    n_in: int, n_out: int, scale_factor: float | None, align_corners: bool
) -> list[tuple[int, int, Fraction, Fraction]]:
    """Per output index ``(i0, i1, λ, src)``, in exact arithmetic, from the definition."""
    out = []
    for d in range(n_out):
        if align_corners:
            src = Fraction(d * (n_in - 1), n_out - 1) if n_out > 1 else Fraction(0)
        else:
            half = Fraction(1, 2)
            src = max((d + half) * exact_scale(n_in, n_out, scale_factor) - half, Fraction(0))
        i0 = min(math.floor(src), n_in - 1)
        i1 = min(i0 + 1, n_in - 1)
        out.append((i0, i1, src - i0, src))
    return out


def loop_bilinear(x, out_size, scales, align_corners) -> np.ndarray:
    """Bilinear interpolation one output pixel at a time (all N·C planes at once), float64."""
    x = x.astype(np.float64)
    rows = linear_sources(x.shape[2], out_size[0], scales[0], align_corners)
    cols = linear_sources(x.shape[3], out_size[1], scales[1], align_corners)
    out = np.empty((*x.shape[:2], *out_size))
    for oy, (i0, i1, ly, _) in enumerate(rows):
        for ox, (j0, j1, lx, _) in enumerate(cols):
            ly_, lx_ = float(ly), float(lx)
            upper = (1 - lx_) * x[:, :, i0, j0] + lx_ * x[:, :, i0, j1]
            lower = (1 - lx_) * x[:, :, i1, j0] + lx_ * x[:, :, i1, j1]
            out[:, :, oy, ox] = (1 - ly_) * upper + ly_ * lower
    return out


def bilinear_tolerance(x: np.ndarray, dtype) -> float:
    """Absolute tolerance: rounding of the weights and of three multiply-adds.

    A solution may compute the source coordinate in ``float32`` as PyTorch
    does: its error, about (in + 1)·ε, moves each weight by as much.
    """
    eps = float(np.finfo(dtype).eps)
    scale = max(1.0, float(np.abs(x).max())) if x.size else 1.0
    return 8 * eps * (max(x.shape[2:]) + 2) * scale


def expected_size(n_in: int, size: int | None, scale_factor: float | None) -> int:
    return size if size is not None else math.floor(n_in * scale_factor)


# ---------------------------------------------------------------------------
# Strategies


def values(dtype) -> st.SearchStrategy:
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        return st.integers(-100, 100) if dtype.kind == "i" else st.integers(0, 255)
    return st.floats(-1e3, 1e3, width=8 * dtype.itemsize)


@st.composite
def images(draw, dtypes=FLOAT_DTYPES, max_planes=(2, 2), max_side=5):
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    shape = (
        draw(st.integers(1, max_planes[0])),
        draw(st.integers(1, max_planes[1])),
        draw(st.integers(1, max_side)),
        draw(st.integers(1, max_side)),
    )
    return draw(hnp.arrays(dtype, shape, elements=values(dtype)))


NICE_FACTORS = [0.5, 0.75, 1.0, 1.1, 1.5, 1.7, 2.0, 2.2, 2.5, 3.0, 4 / 3]


@st.composite
def resize_args(draw, x_shape, max_out=12, max_factor=3.0):
    """``(kwargs, (H_out, W_out), (scale_h, scale_w))``: an explicit size or a scale factor.

    Sizes may shrink as well as grow; factors are drawn per axis from the
    lowest one that keeps the output non-empty, or from a list of familiar ones.
    """
    h, w = x_shape[2:]
    if draw(st.booleans()):
        if draw(st.booleans()):
            s = draw(st.integers(1, max_out))
            return {"size": s}, (s, s), (None, None)
        sizes = (draw(st.integers(1, max_out)), draw(st.integers(1, max_out)))
        return {"size": sizes}, sizes, (None, None)

    def factor(n_in):
        f = draw(st.sampled_from(NICE_FACTORS) | st.floats(1.0 / n_in, max_factor))
        return f if math.floor(n_in * f) >= 1 else 1.0

    if draw(st.booleans()):
        f = factor(min(h, w))
        f = f if math.floor(min(h, w) * f) >= 1 else 1.0
        factors = (f, f)
        kwargs = {"scale_factor": f}
    else:
        factors = (factor(h), factor(w))
        kwargs = {"scale_factor": factors}
    out = (math.floor(h * factors[0]), math.floor(w * factors[1]))
    return kwargs, out, factors


# ---------------------------------------------------------------------------
# core: nearest


def assert_nearest(out, x, out_size, scales) -> None:
    """Every output pixel is a copy of one of the input pixels the floor rule allows."""
    assert out.shape == (*x.shape[:2], *out_size)
    rows = nearest_candidates(x.shape[2], out_size[0], scales[0])
    cols = nearest_candidates(x.shape[3], out_size[1], scales[1])
    # At most two candidates per index (⌊d·s⌋ up to rounding): the smallest and the largest.
    ok = np.zeros(out.shape, dtype=bool)
    for pick_y in (min, max):
        for pick_x in (min, max):
            iy = np.array([pick_y(c) for c in rows])
            ix = np.array([pick_x(c) for c in cols])
            ok |= out == x[:, :, iy[:, None], ix[None, :]]
    assert ok.all(), np.argwhere(~ok)[:5]


@given(x=images(dtypes=[np.float64, np.float32, np.int64]), data=st.data())
def test_nearest_copies_the_floor_source_pixel(impl, x, data):
    kwargs, out_size, scales = data.draw(resize_args(x.shape), label="resize")
    out = impl("upsample_nearest")(x, **kwargs)
    assert_nearest(np.asarray(out), x, out_size, scales)


def test_nearest_on_the_documented_square(impl):
    out = impl("upsample_nearest")(SQUARE, scale_factor=2)
    np.testing.assert_array_equal(out[0, 0], SQUARE_NEAREST)


def test_nearest_scale_factor_is_used_as_given_not_recomputed_from_the_size(impl):
    # 3 → ⌊3·1.6⌋ = 4 pixels.  The factor gives s = 1/1.6 = 0.625: sources
    # 0, 0.625, 1.25, 1.875 → 0, 0, 1, 1.  The size alone (s = 3/4) would give 0, 0, 1, 2.
    x = np.arange(3.0).reshape(1, 1, 1, 3)
    f = impl("upsample_nearest")
    assert np.asarray(f(x, scale_factor=(1.0, 1.6)))[0, 0, 0].tolist() == [0, 0, 1, 1]
    assert np.asarray(f(x, size=(1, 4)))[0, 0, 0].tolist() == [0, 0, 1, 2]
    # 4 → ⌊4·1.4⌋ = 5: by the factor 0, 0, 1, 2, 2; by the size (s = 4/5) 0, 0, 1, 2, 3.
    x = np.arange(4.0).reshape(1, 1, 4, 1)
    assert np.asarray(f(x, scale_factor=(1.4, 1.0)))[0, 0, :, 0].tolist() == [0, 0, 1, 2, 2]
    assert np.asarray(f(x, size=(5, 1)))[0, 0, :, 0].tolist() == [0, 0, 1, 2, 3]


@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
@given(x=images())
def test_scale_one_is_the_identity(impl, name, x):
    f = impl(name)
    np.testing.assert_array_equal(f(x, scale_factor=1.0), x)
    np.testing.assert_array_equal(f(x, size=x.shape[2:]), x)
    if name == "upsample_bilinear":
        np.testing.assert_array_equal(f(x, scale_factor=1.0, align_corners=True), x)


@given(
    x=images(dtypes=[np.float64]),
    value=st.floats(-1e3, 1e3),
    align_corners=st.booleans(),
    data=st.data(),
)
def test_a_constant_image_stays_constant(impl, x, value, align_corners, data):
    x = np.full_like(x, value)
    kwargs, out_size, _ = data.draw(resize_args(x.shape), label="resize")
    nearest = impl("upsample_nearest")(x, **kwargs)
    np.testing.assert_array_equal(nearest, np.full((*x.shape[:2], *out_size), value))
    bilinear = impl("upsample_bilinear")(x, **kwargs, align_corners=align_corners)
    np.testing.assert_allclose(bilinear, value, rtol=4 * np.finfo(float).eps)


# ---------------------------------------------------------------------------
# core: bilinear


@given(x=images(), align_corners=st.booleans(), data=st.data())
def test_bilinear_equals_the_per_pixel_definition(impl, x, align_corners, data):
    kwargs, out_size, scales = data.draw(resize_args(x.shape), label="resize")
    out = impl("upsample_bilinear")(x, **kwargs, align_corners=align_corners)
    assert out.shape == (*x.shape[:2], *out_size)
    expected = loop_bilinear(x, out_size, scales, align_corners)
    error = np.abs(np.asarray(out, dtype=np.float64) - expected)
    assert error.max() <= bilinear_tolerance(x, x.dtype), error.max()


@pytest.mark.parametrize(
    ("align_corners", "expected"), [(False, SQUARE_BILINEAR), (True, SQUARE_BILINEAR_ALIGNED)]
)
def test_bilinear_on_the_documented_square(impl, align_corners, expected):
    out = impl("upsample_bilinear")(SQUARE, scale_factor=2, align_corners=align_corners)
    np.testing.assert_allclose(out[0, 0], expected, rtol=1e-12)


def test_bilinear_scale_factor_sets_the_coordinates_not_only_the_size(impl):
    # 3 → 4 pixels.  By size, s = 3/4: src = 0, 0.625, 1.375, 2.125 → clamped to 2.
    # By the factor 1.5, s = 2/3: src = 0, 0.5, 7/6, 11/6.
    x = np.array([[[[0.0, 6.0, 12.0]]]])
    f = impl("upsample_bilinear")
    np.testing.assert_allclose(f(x, size=(1, 4))[0, 0, 0], [0.0, 3.75, 8.25, 12.0], rtol=1e-12)
    np.testing.assert_allclose(
        f(x, scale_factor=(1.0, 1.5))[0, 0, 0], [0.0, 3.0, 7.0, 11.0], rtol=1e-12
    )
    # With align_corners the factor only sets the size: s = (3 − 1)/(4 − 1).
    np.testing.assert_allclose(
        f(x, scale_factor=(1.0, 1.5), align_corners=True)[0, 0, 0], [0.0, 4.0, 8.0, 12.0],
        rtol=1e-12,
    )  # fmt: skip


@given(x=images(), data=st.data())
def test_bilinear_with_aligned_corners_keeps_the_corner_pixels(impl, x, data):
    kwargs, out_size, _ = data.draw(resize_args(x.shape), label="resize")
    out = np.asarray(impl("upsample_bilinear")(x, **kwargs, align_corners=True))
    tol = bilinear_tolerance(x, x.dtype)
    for oy, iy in ((0, 0), (-1, -1)):
        for ox, ix in ((0, 0), (-1, -1)):
            if out_size[0] == 1:  # one output row reads input row 0
                iy = 0
            if out_size[1] == 1:
                ix = 0
            np.testing.assert_allclose(out[:, :, oy, ox], x[:, :, iy, ix], rtol=0, atol=tol)


@given(
    shape=st.tuples(st.integers(1, 2), st.integers(1, 2), st.integers(1, 6), st.integers(1, 6)),
    slopes=st.tuples(st.floats(-10, 10), st.floats(-10, 10), st.floats(-10, 10)),
    align_corners=st.booleans(),
    data=st.data(),
)
def test_bilinear_reproduces_a_linear_ramp_at_the_clamped_source_coordinates(
    impl, shape, slopes, align_corners, data
):
    a, b, c = slopes
    h, w = shape[2:]
    x = np.broadcast_to(a * np.arange(h)[:, None] + b * np.arange(w)[None, :] + c, shape).copy()
    kwargs, out_size, scales = data.draw(resize_args(shape), label="resize")
    out = impl("upsample_bilinear")(x, **kwargs, align_corners=align_corners)
    # Interpolating a linear function linearly is exact: the output is the ramp
    # itself, evaluated where each output pixel looks (clamped to the last pixel).
    rows = linear_sources(h, out_size[0], scales[0], align_corners)
    cols = linear_sources(w, out_size[1], scales[1], align_corners)
    src_y = [min(float(src), h - 1) for *_, src in rows]
    src_x = [min(float(src), w - 1) for *_, src in cols]
    expected = a * np.array(src_y)[:, None] + b * np.array(src_x)[None, :] + c
    np.testing.assert_allclose(
        np.asarray(out), np.broadcast_to(expected, out.shape), rtol=0,
        atol=bilinear_tolerance(x, np.float64),
    )  # fmt: skip


# ---------------------------------------------------------------------------
# core: the pixel shuffle


def loop_pixel_shuffle(x: np.ndarray, r: int) -> np.ndarray:
    n, channels, h, w = x.shape
    c_out = channels // (r * r)
    out = np.empty((n, c_out, h * r, w * r), dtype=x.dtype)
    for index in np.ndindex(n, c_out, h, w, r, r):
        b, c, y, x_, i, j = index
        out[b, c, y * r + i, x_ * r + j] = x[b, c * r * r + i * r + j, y, x_]
    return out


@st.composite
def shuffle_inputs(draw):
    r = draw(st.integers(1, 3))
    c = draw(st.integers(1, 2))
    shape = (draw(st.integers(1, 2)), c * r * r, draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dtype = draw(st.sampled_from([np.float64, np.float32, np.int64]))
    return draw(hnp.arrays(dtype, shape, elements=values(dtype))), r


@given(data=shuffle_inputs())
def test_pixel_shuffle_moves_each_channel_group_into_a_block(impl, data):
    x, r = data
    out = impl("pixel_shuffle")(x, r)
    np.testing.assert_array_equal(out, loop_pixel_shuffle(x, r))


@given(data=shuffle_inputs())
def test_pixel_unshuffle_undoes_pixel_shuffle_and_back(impl, data):
    x, r = data
    shuffled = impl("pixel_shuffle")(x, r)
    np.testing.assert_array_equal(impl("pixel_unshuffle")(shuffled, r), x)
    np.testing.assert_array_equal(
        impl("pixel_shuffle")(impl("pixel_unshuffle")(shuffled, r), r), shuffled
    )


def test_pixel_shuffle_example(impl):
    x = np.arange(8).reshape(1, 8, 1, 1)
    np.testing.assert_array_equal(
        impl("pixel_shuffle")(x, 2)[0], [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]
    )
    y = np.arange(16).reshape(1, 1, 4, 4)
    np.testing.assert_array_equal(impl("pixel_unshuffle")(y, 2)[0, :, 0, 0], [0, 1, 4, 5])


# ---------------------------------------------------------------------------
# contract: bad input, dtypes, input untouched, empty batches

BAD_RESIZE = [
    ({}, "neither size nor scale_factor"),
    ({"size": 4, "scale_factor": 2.0}, "both"),
    ({"size": 0}, "size 0"),
    ({"size": (4, 0)}, "size 0 on one axis"),
    ({"size": (2, 3, 4)}, "three sizes"),
    ({"scale_factor": 0.0}, "factor 0"),
    ({"scale_factor": -2.0}, "negative factor"),
    ({"scale_factor": float("nan")}, "NaN factor"),
    ({"scale_factor": float("inf")}, "infinite factor"),
    ({"scale_factor": 0.1}, "empty output"),
]


@pytest.mark.contract
@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
@pytest.mark.parametrize(("kwargs", "why"), BAD_RESIZE, ids=[w for _, w in BAD_RESIZE])
def test_bad_size_or_scale_factor_is_a_value_error(impl, name, kwargs, why):
    with pytest.raises(ValueError):
        impl(name)(np.ones((1, 1, 3, 3)), **kwargs)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
@pytest.mark.parametrize("shape", [(3, 3), (1, 3, 3), (1, 1, 1, 3, 3), (1, 1, 0, 3), (1, 1, 3, 0)])
def test_input_that_is_not_a_4d_image_is_a_value_error(impl, name, shape):
    with pytest.raises(ValueError):
        impl(name)(np.ones(shape), size=4)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
@pytest.mark.parametrize(
    "kwargs", [{"size": 2.5}, {"size": "4"}, {"size": True}, {"scale_factor": "2"}]
)
def test_non_numeric_size_or_factor_is_a_type_error(impl, name, kwargs):
    with pytest.raises(TypeError):
        impl(name)(np.ones((1, 1, 3, 3)), **kwargs)


@pytest.mark.contract
def test_non_bool_align_corners_is_a_type_error(impl):
    with pytest.raises(TypeError):
        impl("upsample_bilinear")(np.ones((1, 1, 3, 3)), size=4, align_corners="yes")


@pytest.mark.contract
@pytest.mark.parametrize(
    ("shape", "r"), [((1, 3, 2, 2), 2), ((1, 6, 2, 2), 2), ((1, 4, 2, 2), 0), ((4, 2, 2), 2)]
)
def test_pixel_shuffle_channels_not_divisible_by_r_squared_is_a_value_error(impl, shape, r):
    with pytest.raises(ValueError):
        impl("pixel_shuffle")(np.ones(shape), r)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("shape", "r"), [((1, 1, 3, 4), 2), ((1, 1, 4, 3), 2), ((1, 1, 4, 4), 0), ((4, 4), 2)]
)
def test_pixel_unshuffle_size_not_divisible_by_r_is_a_value_error(impl, shape, r):
    with pytest.raises(ValueError):
        impl("pixel_unshuffle")(np.ones(shape), r)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["pixel_shuffle", "pixel_unshuffle"])
@pytest.mark.parametrize("r", [2.0, "2", None])
def test_non_integer_r_is_a_type_error(impl, name, r):
    with pytest.raises(TypeError):
        impl(name)(np.ones((1, 4, 4, 4)), r)


@pytest.mark.contract
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_bilinear_keeps_the_float_dtype(impl, dtype):
    out = impl("upsample_bilinear")(np.ones((1, 1, 2, 2), dtype=dtype), scale_factor=2)
    assert out.dtype == dtype


@pytest.mark.contract
@pytest.mark.parametrize("dtype", [np.uint8, np.int32, np.int64, np.bool_, np.float32])
def test_nearest_keeps_the_dtype_of_label_maps(impl, dtype):
    x = (np.arange(6).reshape(1, 1, 2, 3) % 2).astype(dtype)
    out = impl("upsample_nearest")(x, scale_factor=2)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out[0, 0, ::2, ::2], x[0, 0])


@pytest.mark.contract
@pytest.mark.parametrize("shape", [(0, 2, 3, 3), (2, 0, 3, 3)])
def test_an_empty_batch_gives_an_empty_output(impl, shape):
    for name in ("upsample_nearest", "upsample_bilinear"):
        out = impl(name)(np.ones(shape), size=(4, 5))
        assert out.shape == (*shape[:2], 4, 5)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
def test_input_is_not_mutated_and_views_work(impl, name):
    base = np.arange(2 * 3 * 6 * 8, dtype=np.float64).reshape(2, 3, 6, 8)
    x = base[:, ::2, 1::2, ::-1]  # a strided, reversed view
    before = x.copy()
    out = impl(name)(x, size=(5, 7))
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(out, base)
    if name == "upsample_bilinear":
        expected = loop_bilinear(before, (5, 7), (None, None), False)
        np.testing.assert_allclose(out, expected, rtol=1e-12)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["pixel_shuffle", "pixel_unshuffle"])
def test_pixel_shuffles_return_a_new_array(impl, name):
    x = np.arange(16.0).reshape(1, 4, 2, 2)
    before = x.copy()
    out = impl(name)(x, 1)
    np.testing.assert_array_equal(out, x)
    assert not np.shares_memory(out, x)
    np.testing.assert_array_equal(x, before)


# ---------------------------------------------------------------------------
# reference only: PyTorch's float32 floor, exact corners, error wording


@pytest.mark.reference_only
@given(x=images(dtypes=[np.float64]), data=st.data())
def test_nearest_uses_pytorchs_float32_floor_exactly(impl, x, data):
    kwargs, out_size, scales = data.draw(resize_args(x.shape, max_out=40, max_factor=12.0))
    rows = pytorch_nearest_index(x.shape[2], out_size[0], scales[0])
    cols = pytorch_nearest_index(x.shape[3], out_size[1], scales[1])
    out = impl("upsample_nearest")(x, **kwargs)
    np.testing.assert_array_equal(out, x[:, :, rows][:, :, :, cols])


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("n_in", "kwargs", "expected"),
    [
        # 11 / 1.1 is 10 in float32 (and float64, and PyTorch), 9.999… exactly: the
        # double nearest 1.1 is slightly larger than 1.1.
        (11, {"scale_factor": (1.0, 1.1)}, [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        # 2 → 82: d = 41 gives 41·(2/82) = 1 exactly, but 0.99999994 in float32.
        (2, {"size": (1, 82)}, [0] * 42 + [1] * 40),
    ],
)
def test_nearest_rounds_like_pytorch_where_float32_and_exact_floors_differ(
    impl, n_in, kwargs, expected
):
    x = np.arange(float(n_in)).reshape(1, 1, 1, n_in)
    assert impl("upsample_nearest")(x, **kwargs)[0, 0, 0].tolist() == expected


@pytest.mark.reference_only
@given(x=images(), data=st.data())
def test_reference_keeps_aligned_corner_pixels_exactly(impl, x, data):
    kwargs, out_size, _ = data.draw(resize_args(x.shape), label="resize")
    out = impl("upsample_bilinear")(x, **kwargs, align_corners=True, backend="numpy")
    np.testing.assert_array_equal(out[:, :, 0, 0], x[:, :, 0, 0])
    if out_size[0] > 1 and out_size[1] > 1:
        np.testing.assert_array_equal(out[:, :, -1, -1], x[:, :, -1, -1])


@pytest.mark.reference_only
def test_error_messages_name_the_argument_and_the_rule(impl):
    x = np.ones((1, 1, 3, 3))
    f = impl("upsample_bilinear")
    with pytest.raises(ValueError, match="give exactly one of size and scale_factor"):
        f(x)
    with pytest.raises(ValueError, match=r"x must be 4-D \(N, C, H, W\)"):
        f(np.ones((3, 3)), size=2)
    with pytest.raises(ValueError, match="size must be >= 1"):
        f(x, size=0)
    with pytest.raises(ValueError, match="scale_factor must be positive and finite"):
        f(x, scale_factor=-1.0)
    with pytest.raises(ValueError, match=r"scale_factor 0\.1 gives an empty output"):
        f(x, scale_factor=0.1)
    with pytest.raises(TypeError, match="align_corners must be a bool"):
        f(x, size=2, align_corners=1)
    with pytest.raises(TypeError, match="x must be a float32 or float64 array"):
        f(np.ones((1, 1, 2, 2), dtype=np.complex128), size=2)
    with pytest.raises(TypeError, match="x must be a bool, integer, float32 or float64 array"):
        impl("upsample_nearest")(np.ones((1, 1, 2, 2), dtype=np.float16), size=2)
    with pytest.raises(ValueError, match=r"divisible by r² = 4 \(r = 2\), got 6"):
        impl("pixel_shuffle")(np.ones((1, 6, 2, 2)), 2)
    with pytest.raises(ValueError, match="height and width must be divisible by r = 2"):
        impl("pixel_unshuffle")(np.ones((1, 1, 3, 4)), 2)


# ---------------------------------------------------------------------------
# reference only: the compiled backends against the reference


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", COMPILED_BACKENDS)
@settings(max_examples=CUDA_EXAMPLES)
@given(
    x=images(
        dtypes=[np.float32, np.float64, np.int32, np.uint8, np.bool_], max_planes=(1, 2), max_side=4
    ),
    data=st.data(),
)
def test_nearest_backends_equal_the_reference_exactly(impl, backend, x, data):
    kwargs, _, _ = data.draw(resize_args(x.shape, max_out=7), label="resize")
    f = impl("upsample_nearest")
    got = f(x, **kwargs, backend=backend)
    assert isinstance(got, np.ndarray) and got.dtype == x.dtype and got.flags.c_contiguous
    np.testing.assert_array_equal(got, f(x, **kwargs, backend="numpy"))


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", COMPILED_BACKENDS)
@settings(max_examples=CUDA_EXAMPLES)
@given(x=images(max_planes=(1, 2), max_side=4), align_corners=st.booleans(), data=st.data())
def test_bilinear_backends_equal_the_reference(impl, backend, x, align_corners, data):
    kwargs, _, _ = data.draw(resize_args(x.shape, max_out=7), label="resize")
    f = impl("upsample_bilinear")
    got = f(x, **kwargs, align_corners=align_corners, backend=backend)
    assert isinstance(got, np.ndarray) and got.dtype == x.dtype and got.flags.c_contiguous
    reference = f(x, **kwargs, align_corners=align_corners, backend="numpy")
    # Both in the result dtype: a few roundings of the weights and of three multiply-adds.
    tol = 8 * np.finfo(x.dtype).eps * max(1.0, float(np.abs(x).max()))
    np.testing.assert_allclose(got, reference, rtol=0, atol=tol)


@pytest.mark.reference_only
@settings(max_examples=50)
@given(x=images(), align_corners=st.booleans(), data=st.data())
def test_bilinear_cpu_backend_agrees_on_larger_inputs(impl, x, align_corners, data):
    # The simulator-free backend gets the full-size property the CUDA one cannot afford.
    kwargs, out_size, scales = data.draw(resize_args(x.shape), label="resize")
    got = impl("upsample_bilinear")(x, **kwargs, align_corners=align_corners, backend="cpu")
    expected = loop_bilinear(x, out_size, scales, align_corners)
    assert np.abs(got - expected).max() <= bilinear_tolerance(x, x.dtype)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["upsample_nearest", "upsample_bilinear"])
def test_cpu_backend_parallel_planes_equal_the_reference(impl, name):
    # Small inputs run the sequential twin; lowering the threshold sends them through prange.
    x = np.random.default_rng(3).standard_normal((3, 4, 5, 6)).astype(np.float32)
    f = impl(name)
    with mock.patch.object(gpu.backend, "PARALLEL_MIN_SIZE", 0):
        got = f(x, scale_factor=(1.7, 2.5), backend="cpu")
    np.testing.assert_allclose(got, f(x, scale_factor=(1.7, 2.5), backend="numpy"), atol=1e-5)


@pytest.mark.reference_only
@requires_cuda
def test_cuda_bilinear_on_a_documented_square(impl):
    for align_corners, expected in [(False, SQUARE_BILINEAR), (True, SQUARE_BILINEAR_ALIGNED)]:
        out = impl("upsample_bilinear")(
            SQUARE, scale_factor=2, align_corners=align_corners, backend="cuda"
        )
        np.testing.assert_allclose(out[0, 0], expected, rtol=1e-12)


# ---------------------------------------------------------------------------
# reference only: PyTorch itself as the oracle (only where PyTorch is installed;
# not a dependency: a GPU machine usually has it)


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def torch_devices(torch) -> list[str]:
    return ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


def torch_interpolate(torch, x, kwargs, mode, align_corners, device) -> np.ndarray:
    t = torch.from_numpy(np.ascontiguousarray(x)).to(device)
    out = torch.nn.functional.interpolate(t, mode=mode, align_corners=align_corners, **kwargs)
    return out.cpu().numpy()


def pytorch_cpu_special_case(x_shape, out_size, scales, mode) -> bool:
    """Where PyTorch's CPU kernels ignore a scale factor: an axis with out == in
    (a copy) or, for nearest, out == 2·in (a shift); its CUDA kernels do not."""
    for n_in, n_out, scale in zip(x_shape[2:], out_size, scales, strict=True):
        specials = (n_in, 2 * n_in) if mode == "nearest" else (n_in,)
        if scale is not None and n_out in specials:
            return True
    return False


@pytest.mark.reference_only
@settings(max_examples=60)
@given(x=images(max_side=12), align_corners=st.booleans(), data=st.data())
def test_nearest_and_bilinear_equal_pytorch(impl, torch, x, align_corners, data):
    kwargs, out_size, scales = data.draw(resize_args(x.shape, max_out=40, max_factor=6.0))
    nearest = impl("upsample_nearest")(x, **kwargs)
    bilinear = impl("upsample_bilinear")(x, **kwargs, align_corners=align_corners)
    for device in torch_devices(torch):
        if device == "cpu" and pytorch_cpu_special_case(x.shape, out_size, scales, "nearest"):
            pass  # see the module docstring of gpu.upsample
        else:
            expected = torch_interpolate(torch, x, kwargs, "nearest", None, device)
            np.testing.assert_array_equal(nearest, expected)
        if device == "cpu" and pytorch_cpu_special_case(x.shape, out_size, scales, "bilinear"):
            continue
        expected = torch_interpolate(torch, x, kwargs, "bilinear", align_corners, device)
        # PyTorch computes the coordinates and weights in x's dtype.
        tol = bilinear_tolerance(x, x.dtype)
        np.testing.assert_allclose(bilinear, expected, rtol=0, atol=tol)


@pytest.mark.reference_only
@given(data=shuffle_inputs())
def test_pixel_shuffles_equal_pytorch(impl, torch, data):
    x, r = data
    functional = torch.nn.functional
    expected = functional.pixel_shuffle(torch.from_numpy(x), r).numpy()
    np.testing.assert_array_equal(impl("pixel_shuffle")(x, r), expected)
    np.testing.assert_array_equal(
        impl("pixel_unshuffle")(expected, r),
        functional.pixel_unshuffle(torch.from_numpy(expected), r).numpy(),
    )


# ---------------------------------------------------------------------------
# CuPy in → CuPy out (only where CuPy and a real GPU exist)


@pytest.fixture
def cupy():
    if not has_real_gpu():
        pytest.skip("needs a real NVIDIA GPU")
    return pytest.importorskip("cupy")


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", ["auto", "numpy", "cpu", "cuda"])
def test_cupy_in_cupy_out(impl, cupy, backend):
    x = np.random.default_rng(5).standard_normal((2, 3, 17, 19)).astype(np.float32)
    x_gpu = cupy.asarray(x)
    for name, kwargs in [
        ("upsample_nearest", {"scale_factor": 2.5}),
        ("upsample_bilinear", {"size": (40, 33), "align_corners": True}),
    ]:
        got = impl(name)(x_gpu, **kwargs, backend=backend)
        assert isinstance(got, cupy.ndarray)
        np.testing.assert_allclose(got.get(), impl(name)(x, **kwargs, backend="numpy"), atol=1e-5)
    shuffled = impl("pixel_shuffle")(cupy.asarray(x[:, :1].repeat(4, axis=1)), 2)
    assert isinstance(shuffled, cupy.ndarray) and shuffled.shape == (2, 1, 34, 38)
