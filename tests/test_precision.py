"""Properties of the mixed-precision exercises: ``round_to_float16``,
``round_to_bfloat16``, ``DynamicLossScaler`` and ``mixed_precision_sgd``.

Oracles: NumPy's own float64 → float16 conversion (``astype(np.float16)``,
correctly rounded, ties to even) and ``ml_dtypes.bfloat16``'s (rounded once,
directly from float64), compared bit for bit (NaN as NaN, the sign of zero
included).  They are checked on *every* boundary of the two formats -- all
65536 bit patterns, every midpoint between neighbours (the ties), one float64
ulp on either side of each midpoint -- which covers the subnormals, the
overflow threshold (65520 for float16) and ±0, and on 10^6 random doubles.

The loss scaler is checked as a state machine against a literal model of
``torch.amp.GradScaler``'s update rule; ``mixed_precision_sgd`` against a loop
that rounds with NumPy's casts (:func:`tests.oracles_training.mixed_precision_reference`).
"""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.oracles_training import mixed_precision_reference

FORMATS = {
    "round_to_float16": np.float16,
    "round_to_bfloat16": ml_dtypes.bfloat16,
}


def cast(x: np.ndarray, dtype) -> np.ndarray:
    """The oracle: round with the library's conversion, back to float64 (exact)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(x, dtype=np.float64).astype(dtype).astype(np.float64)


def assert_same_values(got, expected: np.ndarray) -> None:
    """Equal as floats, bit for bit: -0.0 is not 0.0, and NaN matches NaN."""
    got = np.asarray(got, dtype=np.float64)
    assert got.shape == expected.shape
    both_nan = np.isnan(got) & np.isnan(expected)
    same = (got.view(np.int64) == expected.view(np.int64)) | both_nan
    if not same.all():
        bad = np.flatnonzero(~same.ravel())[:5]
        raise AssertionError(
            f"{(~same).sum()} values differ, e.g. expected {expected.ravel()[bad]!r}, "
            f"got {got.ravel()[bad]!r}"
        )


def every_boundary(dtype) -> np.ndarray:
    """All values of the format, every midpoint between neighbours and its two float64
    neighbours, on both signs: ties, subnormals, the overflow threshold, ±0, inf, NaN."""
    with np.errstate(invalid="ignore"):  # the NaN patterns
        patterns = np.arange(1 << 16, dtype=np.uint16).view(dtype).astype(np.float64)
    finite = np.unique(patterns[np.isfinite(patterns)])  # sorted, -max .. max
    largest = finite[-1]
    # One more "value" past the largest: the next power of two, where the
    # exponent runs out; its midpoint with the largest is the overflow threshold.
    spacing = finite[-1] - finite[-2]
    grid = np.concatenate([finite, [largest + spacing, -(largest + spacing)]])
    grid.sort()
    midpoints = (grid[:-1] + grid[1:]) / 2  # exact in float64: one more bit than the format
    return np.concatenate(
        [
            patterns,
            midpoints,
            np.nextafter(midpoints, np.inf),
            np.nextafter(midpoints, -np.inf),
            [np.inf, -np.inf, np.nan, 0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308],
        ]
    )


def random_doubles(n: int, seed: int) -> np.ndarray:
    """Half random bit patterns (every exponent, NaNs and infinities included), half
    values spread over the 16-bit formats' own range."""
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2**64, n // 2, dtype=np.uint64, endpoint=False).view(np.float64)
    in_range = rng.standard_normal(n - n // 2) * np.exp2(rng.uniform(-30, 20, n - n // 2))
    return np.concatenate([bits, in_range])


# ---------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_every_boundary_of_the_format_rounds_like_the_library(impl, name):
    x = every_boundary(FORMATS[name])
    assert_same_values(impl(name)(x), cast(x, FORMATS[name]))


@pytest.mark.parametrize("name", FORMATS)
def test_a_million_random_doubles_round_like_the_library(impl, name):
    x = random_doubles(10**6, seed=2024)
    assert_same_values(impl(name)(x), cast(x, FORMATS[name]))


@pytest.mark.parametrize("name", FORMATS)
@given(x=hnp.arrays(np.float64, st.integers(0, 20), elements=st.floats(width=64)))
def test_any_double_rounds_like_the_library(impl, name, x):
    assert_same_values(impl(name)(x), cast(x, FORMATS[name]))


FLOAT16_LANDMARKS = [
    (65504.0, 65504.0),  # the largest finite float16
    (65519.99999999999, 65504.0),  # just below the overflow threshold
    (65520.0, np.inf),  # the threshold itself: a tie that goes to the even 2^16, i.e. inf
    (-65520.0, -np.inf),
    (1.0 + 2.0**-11, 1.0),  # a tie between 1 and 1 + 2^-10: to the even significand
    (1.0 + 3 * 2.0**-11, 1.0 + 2 * 2.0**-10),  # the other tie goes up
    (2.0**-24, 2.0**-24),  # the smallest subnormal
    (2.0**-25, 0.0),  # half of it: a tie, to the even 0
    (1.5 * 2.0**-25, 2.0**-24),
    (-(2.0**-26), -0.0),  # underflow keeps the sign
    (2.0**-14 - 2.0**-25, 2.0**-14),  # the largest subnormal rounds up into the normals
    (-0.0, -0.0),
    (np.inf, np.inf),
    (np.nan, np.nan),
]


BFLOAT16_LANDMARKS = [
    (1.0 + 2.0**-8, 1.0),  # a tie: to even
    (1.0 + 2.0**-8 + 2.0**-40, 1.0 + 2.0**-7),  # above the tie (through float32 it would tie)
    ((2 - 2.0**-7) * 2.0**127, (2 - 2.0**-7) * 2.0**127),  # the largest finite bfloat16
    ((2 - 2.0**-8) * 2.0**127, np.inf),  # the overflow threshold: a tie to the even 2^128
    (2.0**-133, 2.0**-133),  # the smallest subnormal
    (2.0**-134, 0.0),
    (-(2.0**-135), -0.0),
    (np.nan, np.nan),
]


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [("round_to_float16", x, e) for x, e in FLOAT16_LANDMARKS]
    + [("round_to_bfloat16", x, e) for x, e in BFLOAT16_LANDMARKS],
    ids=lambda v: repr(v) if isinstance(v, float) else str(v),
)
def test_landmarks(impl, name, x, expected):
    assert_same_values(impl(name)(np.array([x, -x])), np.array([expected, -expected]))


@pytest.mark.parametrize("name", FORMATS)
@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
        elements=st.floats(-1e5, 1e5),
    )
)
def test_shape_is_kept_and_the_input_is_not_modified(impl, name, x):
    before = x.copy()
    out = np.asarray(impl(name)(x))
    assert out.shape == x.shape
    np.testing.assert_array_equal(x, before)
    assert_same_values(out, cast(x, FORMATS[name]))


@pytest.mark.parametrize("name", FORMATS)
@given(x=hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(width=64)))
def test_rounding_is_idempotent_and_monotone(impl, name, x):
    once = np.asarray(impl(name)(x), dtype=np.float64)
    assert_same_values(impl(name)(once), once)
    order = np.argsort(x[~np.isnan(x)], kind="stable")
    rounded = once[~np.isnan(x)][order]
    assert np.all(rounded[1:] >= rounded[:-1])  # (not np.diff: inf − inf is NaN)


# ---------------------------------------------------------------------------
# The loss scaler
# ---------------------------------------------------------------------------


def scaler_model(scale, growth_factor, backoff_factor, growth_interval, events):
    """``torch.amp.GradScaler``'s update rule, written out: the scale after each event."""
    tracker = 0
    out = []
    for found_inf in events:
        if found_inf:
            scale *= backoff_factor
            tracker = 0
        else:
            tracker += 1
            if tracker == growth_interval:
                scale *= growth_factor
                tracker = 0
        out.append(scale)
    return out


@given(
    init_scale=st.floats(2.0**-10, 2.0**24),
    growth_factor=st.floats(1.01, 4.0),
    backoff_factor=st.floats(0.05, 0.99),
    growth_interval=st.integers(1, 6),
    events=st.lists(st.booleans(), max_size=40),
)
def test_scaler_follows_the_gradscaler_state_machine(
    impl, init_scale, growth_factor, backoff_factor, growth_interval, events
):
    scaler = impl("DynamicLossScaler")(
        init_scale=init_scale,
        growth_factor=growth_factor,
        backoff_factor=backoff_factor,
        growth_interval=growth_interval,
    )
    assert scaler.scale == init_scale
    expected = scaler_model(init_scale, growth_factor, backoff_factor, growth_interval, events)
    for found_inf, scale in zip(events, expected, strict=True):
        scaler.update(found_inf)
        assert scaler.scale == pytest.approx(scale, rel=1e-12)


def test_scaler_defaults_grow_after_2000_clean_steps_and_halve_on_overflow(impl):
    scaler = impl("DynamicLossScaler")()
    assert scaler.scale == 2.0**16
    for _ in range(1999):
        scaler.update(False)
    assert scaler.scale == 2.0**16
    scaler.update(False)
    assert scaler.scale == 2.0**17
    scaler.update(True)
    assert scaler.scale == 2.0**16
    for _ in range(1999):  # the overflow restarted the count
        scaler.update(False)
    assert scaler.scale == 2.0**16


@given(
    scale_exponent=st.integers(-10, 24),
    grads=hnp.arrays(
        np.float64,
        hnp.array_shapes(max_dims=2, max_side=6),
        elements=st.floats(-1e30, 1e30) | st.sampled_from([np.inf, -np.inf, np.nan]),
    ),
)
def test_unscale_divides_and_reports_inf_or_nan(impl, scale_exponent, grads):
    scaler = impl("DynamicLossScaler")(init_scale=2.0**scale_exponent)
    before = grads.copy()
    unscaled, found_inf = scaler.unscale(grads)
    expected = grads / 2.0**scale_exponent
    np.testing.assert_array_equal(np.asarray(unscaled, dtype=np.float64), expected)
    assert bool(found_inf) == (not np.isfinite(grads).all())
    np.testing.assert_array_equal(grads, before)
    assert scaler.scale == 2.0**scale_exponent  # unscale does not change the scale


def test_a_training_loop_skips_overflowing_steps(impl):
    # Gradients of the scaled loss overflow float16 (above 65504) at a scale of 2^16
    # when the true gradient is 4; the scaler backs off until they fit.
    scaler = impl("DynamicLossScaler")(growth_interval=3)
    true_grad = np.array([4.0, -0.5])
    applied = 0
    for _ in range(10):
        with np.errstate(over="ignore"):
            scaled = np.asarray(true_grad * scaler.scale, dtype=np.float64).astype(np.float16)
        grads, found_inf = scaler.unscale(scaled.astype(np.float64))
        if not found_inf:
            applied += 1
            np.testing.assert_array_equal(grads, true_grad)
        scaler.update(found_inf)
    # 2^16·4 = 2^18 overflows, 2^15·4 and 2^14·4 too; at 2^13 (4·2^13 = 32768) it fits.
    # Then 3 clean steps grow it back to 2^14 (overflow), and so on.
    assert applied == 6
    assert scaler.scale in (2.0**13, 2.0**14)


# ---------------------------------------------------------------------------
# mixed_precision_sgd
# ---------------------------------------------------------------------------


def test_an_update_below_half_an_ulp_vanishes_in_float16_but_not_with_master_weights(impl):
    sgd = impl("mixed_precision_sgd")
    # lr·g = 1e-4 < 2^-12 ≈ 2.4e-4, half the float16 spacing just below 1.0.
    stuck = np.asarray(sgd(1.0, lambda w: 1.0, 1e-4, 400, master_weights=False), dtype=float)
    moving = np.asarray(sgd(1.0, lambda w: 1.0, 1e-4, 400, master_weights=True), dtype=float)
    assert stuck.shape == moving.shape == (401,)
    assert np.all(stuck == 1.0)
    # The float32 master accumulates the steps: after k steps about 1 − k·1e-4,
    # and the float16 copy is within half a float16 ulp (2^-12) of that.
    k = np.arange(401)
    assert np.all(np.abs(moving - (1 - 1e-4 * k)) <= 2.0**-12 + 1e-6)
    assert moving[-1] < 0.961


# A learner's slip, rounding lr·g to float32 before the master update (double rounding),
# shows only on steps whose product is not a float32 number: steep slopes find them.
@example(w0=-1.75, slope=9.8, target=0.0, lr=0.1, n_steps=3, master_weights=True)
@given(
    w0=st.floats(-4, 4) | hnp.arrays(np.float64, st.integers(1, 4), elements=st.floats(-4, 4)),
    slope=st.floats(0.1, 20.0),
    target=st.floats(-2, 2),
    lr=st.floats(1e-5, 0.1),
    n_steps=st.integers(0, 30),
    master_weights=st.booleans(),
)
def test_matches_the_loop_with_numpys_casts(impl, w0, slope, target, lr, n_steps, master_weights):
    def grad_fn(w):  # the gradient of slope/2 · |w − target|²
        return slope * (np.asarray(w) - target)

    got = np.asarray(impl("mixed_precision_sgd")(w0, grad_fn, lr, n_steps, master_weights))
    expected = mixed_precision_reference(np.asarray(w0), grad_fn, lr, n_steps, master_weights)
    assert_same_values(got.astype(np.float64), expected)


@settings(max_examples=20)
@given(seed=st.integers(0, 2**32 - 1), master_weights=st.booleans())
def test_every_row_holds_float16_values_and_the_first_is_the_rounded_start(
    impl, seed, master_weights
):
    rng = np.random.default_rng(seed)
    w0 = rng.uniform(-3, 3, 3)
    A = rng.uniform(-1, 1, (3, 3))
    out = np.asarray(
        impl("mixed_precision_sgd")(w0, lambda w: A @ w, 0.01, 25, master_weights), dtype=float
    )
    assert out.shape == (26, 3)
    assert_same_values(out[0], cast(w0, np.float16))
    assert_same_values(out, cast(out, np.float16))


# ---------------------------------------------------------------------------
# Contract
# ---------------------------------------------------------------------------


@pytest.mark.contract
@pytest.mark.parametrize("name", FORMATS)
def test_rounding_returns_float64_and_takes_lists_scalars_and_ints(impl, name):
    out = impl(name)([1.0, 2.5, -3.0])
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    scalar = impl(name)(0.1)
    assert np.shape(scalar) == ()
    assert_same_values(np.asarray(scalar), cast(np.array(0.1), FORMATS[name]))
    assert_same_values(impl(name)(np.array([1, 70000, -3])), cast([1, 70000, -3], FORMATS[name]))
    assert_same_values(
        impl(name)(np.array([0.1, 1e-6], dtype=np.float32)),
        cast(np.array([0.1, 1e-6], dtype=np.float32), FORMATS[name]),
    )


@pytest.mark.contract
@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("bad", ["1.0", None, [1 + 1j], ["a", "b"]], ids=repr)
def test_rounding_non_numeric_input_is_a_type_error(impl, name, bad):
    with pytest.raises(TypeError):
        impl(name)(bad)


@pytest.mark.contract
@pytest.mark.parametrize(
    "kwargs",
    [
        {"init_scale": 0.0},
        {"init_scale": -1.0},
        {"init_scale": float("inf")},
        {"growth_factor": 1.0},
        {"growth_factor": 0.5},
        {"backoff_factor": 1.0},
        {"backoff_factor": 0.0},
        {"growth_interval": 0},
    ],
    ids=repr,
)
def test_scaler_rejects_out_of_range_settings(impl, kwargs):
    with pytest.raises(ValueError):
        impl("DynamicLossScaler")(**kwargs)


@pytest.mark.contract
def test_scaler_rejects_non_numeric_settings_and_non_bool_flags(impl):
    with pytest.raises(TypeError):
        impl("DynamicLossScaler")(growth_interval=2.5)
    with pytest.raises(TypeError):
        impl("DynamicLossScaler")(init_scale="big")
    with pytest.raises(TypeError):
        impl("DynamicLossScaler")().update("yes")


@pytest.mark.contract
@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((1.0, lambda w: w, 0.0, 5), ValueError),
        ((1.0, lambda w: w, -0.1, 5), ValueError),
        ((1.0, lambda w: w, 0.1, -1), ValueError),
        ((1.0, "not callable", 0.1, 5), TypeError),
        ((np.ones(2), lambda w: np.ones(3), 0.1, 5), ValueError),
        (("1.0", lambda w: w, 0.1, 5), TypeError),
        ((np.nan, lambda w: w, 0.1, 5), ValueError),
    ],
)
def test_mixed_precision_sgd_rejects_bad_input(impl, args, error):
    with pytest.raises(error):
        impl("mixed_precision_sgd")(*args)


@pytest.mark.contract
def test_mixed_precision_sgd_hands_grad_fn_a_copy_and_leaves_w0_alone(impl):
    w0 = np.array([1.0, 2.0])

    def vandal(w):
        g = np.asarray(w) * 0.5
        w[...] = 1e4  # must not leak into the weights
        return g

    out = np.asarray(impl("mixed_precision_sgd")(w0, vandal, 0.1, 3))
    assert w0.tolist() == [1.0, 2.0]
    assert np.all(np.abs(out) < 3)


# ---------------------------------------------------------------------------
# Reference only
# ---------------------------------------------------------------------------


@pytest.mark.reference_only
def test_scaler_never_grows_to_infinity_and_exposes_its_tracker(impl):
    scaler = impl("DynamicLossScaler")(init_scale=2.0**1023, growth_interval=2)
    scaler.update(False)
    assert scaler.growth_tracker == 1
    scaler.update(False)  # 2^1024 would overflow: PyTorch keeps the old scale
    assert scaler.scale == 2.0**1023 and scaler.growth_tracker == 0
    assert "scale=8.98846567431158e+307" in repr(scaler)


@pytest.mark.reference_only
def test_error_messages_name_the_argument(impl):
    with pytest.raises(ValueError, match="growth_factor must be > 1"):
        impl("DynamicLossScaler")(growth_factor=1.0)
    with pytest.raises(TypeError, match="found_inf must be a bool"):
        impl("DynamicLossScaler")().update(1)
    with pytest.raises(TypeError, match="x must hold real numbers"):
        impl("round_to_float16")(["a"])
    with pytest.raises(ValueError, match=r"grad_fn\(w\) must have the shape of w0"):
        impl("mixed_precision_sgd")(np.ones(2), lambda w: np.ones(3), 0.1, 1)
    with pytest.raises(ValueError, match="lr must be positive"):
        impl("mixed_precision_sgd")(1.0, lambda w: w, 0.0, 1)
