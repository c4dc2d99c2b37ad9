"""Properties of ``selective_scan`` (Mamba's selective scan) on every backend.

Oracles, each independent of the code under test:

* :func:`tests.oracles_selective_scan.loop_selective_scan` — the scan written
  from Mamba's definition with scalar Python loops and ``math.exp``; the
  ``'numpy'`` reference must match it to float64 rounding;
* the ``'numpy'`` reference — the specification — for the ``'cpu'`` and
  ``'cuda'`` backends, within :func:`~tests.oracles_selective_scan.error_bound`
  (first-order rounding analysis, in the result dtype);
* :func:`gpu.recurrence.linear_recurrence`, a second route to the states: with
  ``C`` one-hot on state k, ``y`` *is* state k, which must equal the recurrence
  ``h_t = exp(Δ_t·A)·h_{t-1} + Δ_t·B_t·u_t`` computed by an associative scan.

The CUDA properties run in Numba's CUDA simulator when there is no GPU: few,
tiny examples.

Judge tiers.  Core calls ``selective_scan(u, delta, A, B, C, D, z, delta_bias,
delta_softplus)`` as the statement defines it (no ``backend=``), with every
layout and option, and allows the rounding of float32 whenever any input is
float32, whatever the result's dtype.  Contract: PyTorch's softplus threshold,
the result dtype, a new array, empty shapes, the exception types.
Reference-only: every backend by name (at the tolerance of the dtype it
computes in), the large and many-state kernels, the error wording.
"""

from __future__ import annotations

import functools
import importlib
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gpu.backend import available_backends, using_simulator
from gpu.recurrence import linear_recurrence
from tests.oracles_selective_scan import error_bound, loop_selective_scan

HAS_CUDA = "cuda" in available_backends()
HOST_BACKENDS = ["numpy", "cpu"]
ALL_BACKENDS = HOST_BACKENDS + (["cuda"] if HAS_CUDA else [])
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The simulator runs a few thousand GPU threads per second: a handful of examples.
CUDA_EXAMPLES = 10 if using_simulator() else 100
# The statement's call (no backend argument), then each backend of the reference by name.
BACKEND_CASES = [
    pytest.param(None, id="default"),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]
HOST_CASES = BACKEND_CASES[: 1 + len(HOST_BACKENDS)]
CONTRACT_CASES = [
    pytest.param(None, id="default", marks=pytest.mark.contract),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]


def call(f, backend, *args, **kwargs):
    """``f(*args, **kwargs)``, plus ``backend=`` when one is named (reference-only cases)."""
    return f(*args, **kwargs) if backend is None else f(*args, backend=backend, **kwargs)


# ---------------------------------------------------------------------------
# Strategies


def floats(dtype, lo: float, hi: float) -> st.SearchStrategy:
    return st.floats(lo, hi, width=8 * np.dtype(dtype).itemsize)


@st.composite
def scan_inputs(draw, max_batch: int = 2, max_d: int = 4, max_n: int = 4, max_L: int = 9):
    """Keyword arguments for ``selective_scan``: every layout of B and C, every option.

    Ranges keep the growth of the recurrence bounded (|Δ·A| ≤ 9 per step) but
    include Δ < 0 and A > 0, which Mamba never uses and the contract allows.
    d goes up to 4 so that a grouped B or C can have 1 < G < d (d = 4, G = 2).
    """
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    batch = draw(st.integers(1, max_batch))
    d = draw(st.integers(1, max_d))
    n = draw(st.integers(1, max_n))
    L = draw(st.integers(1, max_L))

    def array(shape, lo=-2.0, hi=2.0):
        return draw(hnp.arrays(dtype, shape, elements=floats(dtype, lo, hi)))

    def input_matrix():
        layout = draw(st.sampled_from(["fixed", "shared", "grouped"]))
        if layout == "fixed":
            return array((d, n))
        if layout == "shared":
            return array((batch, n, L))
        groups = draw(st.sampled_from([g for g in range(1, d + 1) if d % g == 0]))
        return array((batch, groups, n, L))

    inputs = {
        "u": array((batch, d, L)),
        "delta": array((batch, d, L), -1.0, 2.0),
        "A": array((d, n), -3.0, 1.0),
        "B": input_matrix(),
        "C": input_matrix(),
        "delta_softplus": draw(st.booleans()),
    }
    if draw(st.booleans()):
        inputs["D"] = array((d,))
    if draw(st.booleans()):
        inputs["z"] = array((batch, d, L))
    if draw(st.booleans()):
        inputs["delta_bias"] = array((d,), -1.0, 1.0)
    return inputs


def assert_close_to_reference(got, inputs) -> None:
    """The reference's promise: float32 only if every array is, at that dtype's tolerance."""
    dtype = np.float32 if all(v.dtype == np.float32 for v in _arrays(inputs)) else np.float64
    assert isinstance(got, np.ndarray)
    assert got.shape == inputs["u"].shape and got.dtype == dtype
    expected = loop_selective_scan(**inputs)
    bound = error_bound(inputs, dtype)
    assert np.all(np.abs(got - expected) <= bound), np.max(np.abs(got - expected) - bound)


def statement_dtype(inputs) -> np.dtype:
    """The precision the statement allows: float32 if any input is float32, else float64."""
    any32 = any(v.dtype == np.float32 for v in _arrays(inputs))
    return np.dtype(np.float32 if any32 else np.float64)


def assert_values_close(got, inputs) -> None:
    """The statement's promise: the shape of u, within the rounding of the inputs' precision."""
    assert isinstance(got, np.ndarray)
    assert got.shape == inputs["u"].shape
    expected = loop_selective_scan(**inputs)
    bound = error_bound(inputs, statement_dtype(inputs))
    assert np.all(np.abs(got - expected) <= bound), np.max(np.abs(got - expected) - bound)


def _arrays(inputs):
    return [v for v in inputs.values() if isinstance(v, np.ndarray)]


# ---------------------------------------------------------------------------
# Agreement: the reference with the scalar loop, the kernels with the reference


@given(inputs=scan_inputs())
def test_selective_scan_equals_scalar_loop_from_mambas_definition(impl, inputs):
    assert_values_close(impl("selective_scan")(**inputs), inputs)


@pytest.mark.reference_only
@given(inputs=scan_inputs())
def test_reference_equals_scalar_loop_from_mambas_definition(impl, inputs):
    got = impl("selective_scan")(**inputs, backend="numpy")
    assert_close_to_reference(got, inputs)


@pytest.mark.reference_only
@given(inputs=scan_inputs())
def test_cpu_backend_equals_reference(impl, inputs):
    f = impl("selective_scan")
    got = f(**inputs, backend="cpu")
    assert_close_to_reference(got, inputs)
    # And with the reference itself, which the bound relates to the loop above.
    reference = f(**inputs, backend="numpy")
    dtype = got.dtype
    assert np.all(np.abs(got - reference) <= 2 * error_bound(inputs, dtype))


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(inputs=scan_inputs())
def test_cuda_backend_equals_reference(impl, inputs):
    got = impl("selective_scan")(**inputs, backend="cuda")
    assert_close_to_reference(got, inputs)


@pytest.mark.reference_only
def test_cpu_backend_on_a_large_input_uses_parallel_rows_and_padding(impl):
    # Large enough for the prange twin (>= 2^20 state updates), and n = 20 is
    # padded to 32 float32 lanes; the smaller properties run the sequential twin.
    rng = np.random.default_rng(7)
    batch, d, n, L = 2, 48, 20, 600
    inputs = {
        "u": rng.standard_normal((batch, d, L)).astype(np.float32),
        "delta": rng.uniform(-2.0, 1.0, (batch, d, L)).astype(np.float32),
        "A": -rng.uniform(0.1, 4.0, (d, n)).astype(np.float32),
        "B": rng.standard_normal((batch, 4, n, L)).astype(np.float32),
        "C": rng.standard_normal((d, n)).astype(np.float32),
        "D": rng.standard_normal(d).astype(np.float32),
        "z": rng.standard_normal((batch, d, L)).astype(np.float32),
        "delta_bias": rng.uniform(-1.0, 1.0, d).astype(np.float32),
        "delta_softplus": True,
    }
    f = impl("selective_scan")
    got = f(**inputs, backend="cpu")
    reference = f(**inputs, backend="numpy")
    # Stable (A < 0, Δ > 0): a float32 result within 1e-4 of the float64 reference's scale.
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, reference, rtol=1e-4, atol=1e-4 * np.abs(reference).max())


@pytest.mark.reference_only
def test_cpu_backend_with_more_states_than_it_compiles_as_a_constant(impl):
    # Past 256 padded states the kernel takes the state count at run time.
    rng = np.random.default_rng(11)
    n = 260
    inputs = {
        "u": rng.standard_normal((1, 2, 3)),
        "delta": rng.uniform(0.0, 1.0, (1, 2, 3)),
        "A": -rng.uniform(0.0, 2.0, (2, n)),
        "B": rng.standard_normal((1, n, 3)),
        "C": rng.standard_normal((2, n)),
    }
    f = impl("selective_scan")
    np.testing.assert_allclose(
        f(**inputs, backend="cpu"), f(**inputs, backend="numpy"), rtol=1e-12, atol=1e-12
    )


# ---------------------------------------------------------------------------
# A second route to the states: the linear recurrence


def check_states_follow_the_linear_recurrence(f, backend, inputs, k) -> None:
    """Per (b, c): x_t = a_t·x_{t-1} + b_t with a_t = exp(Δ_t·A[c, k]), b_t = Δ_t·B_t[k]·u_t.

    C one-hot on state k (and no D, no z) makes the scan's output that state.  The
    statement's call (backend None) is allowed the rounding of the inputs' precision;
    a named backend of the reference that of the dtype it returns.
    """
    u, A, B = inputs["u"], inputs["A"], inputs["B"]
    batch, d, L = u.shape
    n = A.shape[1]
    step = inputs["delta"].astype(np.float64)
    if "delta_bias" in inputs:
        step = step + inputs["delta_bias"].astype(np.float64)[:, None]
    if inputs["delta_softplus"]:
        step = np.where(step > 20, step, np.log1p(np.exp(np.minimum(step, 20))))
    if B.ndim == 2:
        B_k = np.broadcast_to(B[None, :, k, None], (batch, d, L))
    elif B.ndim == 3:
        B_k = np.broadcast_to(B[:, None, k, :], (batch, d, L))
    else:
        B_k = np.repeat(B[:, :, k, :], d // B.shape[1], axis=1)
    a = np.exp(step * A[None, :, k, None].astype(np.float64))
    b = step * B_k * u
    states = linear_recurrence(a, b, backend="numpy")

    one_hot = np.zeros((d, n), dtype=u.dtype)
    one_hot[:, k] = 1
    run = {key: v for key, v in inputs.items() if key not in ("C", "D", "z")}
    got = call(f, backend, **run, C=one_hot)
    dtype = statement_dtype(inputs) if backend is None else got.dtype
    assert np.all(np.abs(got - states) <= 2 * error_bound({**run, "C": one_hot}, dtype))


@pytest.mark.parametrize("backend", HOST_CASES)
@given(inputs=scan_inputs(), data=st.data())
def test_each_state_follows_the_linear_recurrence(impl, backend, inputs, data):
    k = data.draw(st.integers(0, inputs["A"].shape[1] - 1), label="state")
    check_states_follow_the_linear_recurrence(impl("selective_scan"), backend, inputs, k)


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(inputs=scan_inputs(), data=st.data())
def test_each_state_follows_the_linear_recurrence_on_cuda(impl, inputs, data):
    k = data.draw(st.integers(0, inputs["A"].shape[1] - 1), label="state")
    check_states_follow_the_linear_recurrence(impl("selective_scan"), "cuda", inputs, k)


# ---------------------------------------------------------------------------
# Known values and special cases


@pytest.mark.parametrize("backend", BACKEND_CASES)
def test_known_values_decay_by_half(impl, backend):
    # A = log(1/2), Δ = 1: the state halves each step, then adds B·u = u.
    u = np.array([[[4.0, 0.0, 0.0, 2.0]]])
    A = np.array([[math.log(0.5)]])
    B = C = np.array([[1.0]])
    f = impl("selective_scan")
    got = call(f, backend, u, np.ones_like(u), A, B, C)
    np.testing.assert_allclose(got, [[[4, 2, 1, 2.5]]])
    # D adds D·u; z = 0 gates everything to 0 (silu(0) = 0).
    got = call(f, backend, u, np.ones_like(u), A, B, C, D=np.array([2.0]))
    np.testing.assert_allclose(got, [[[12, 2, 1, 6.5]]])
    got = call(f, backend, u, np.ones_like(u), A, B, C, z=np.zeros_like(u))
    np.testing.assert_array_equal(got, np.zeros_like(u))


@pytest.mark.parametrize("backend", BACKEND_CASES)
def test_two_states_two_channels_by_hand(impl, backend):
    # Channel 0: states decay by e^{-1} and e^{-2} per unit Δ; channel 1: A = 0 (a running sum).
    u = np.array([[[1.0, 2.0], [3.0, -1.0]]])
    delta = np.array([[[1.0, 0.5], [2.0, 1.0]]])
    A = np.array([[-1.0, -2.0], [0.0, 0.0]])
    B = np.array([[1.0, 2.0], [1.0, 1.0]])
    C = np.array([[1.0, -1.0], [0.5, 0.5]])
    e = math.exp
    x0 = [1.0 * 1 * 1, 1.0 * 2 * 1]  # Δ·B·u at t = 0 (x_{-1} = 0)
    x1 = [e(-0.5) * x0[0] + 0.5 * 1 * 2, e(-1.0) * x0[1] + 0.5 * 2 * 2]
    channel_1 = [0.5 * 6 + 0.5 * 6, 0.5 * (6 - 1) + 0.5 * (6 - 1)]
    expected = [[[x0[0] - x0[1], x1[0] - x1[1]], channel_1]]
    got = call(impl("selective_scan"), backend, u, delta, A, B, C)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@given(inputs=scan_inputs(max_batch=1, max_d=2, max_n=2, max_L=5))
@settings(max_examples=10)
def test_softplus_is_the_identity_above_twenty(impl, backend, inputs):
    # PyTorch's softplus threshold: with delta + bias > 20 it returns its input,
    # so the two calls compute the very same numbers.
    dtype = inputs["delta"].dtype
    inputs = {**inputs, "delta": (inputs["delta"] + 25).astype(dtype), "A": -abs(inputs["A"])}
    inputs.pop("delta_softplus")
    f = impl("selective_scan")
    with_softplus = call(f, backend, **inputs, delta_softplus=True)
    without = call(f, backend, **inputs, delta_softplus=False)
    np.testing.assert_array_equal(with_softplus, without)


# ---------------------------------------------------------------------------
# The inputs untouched; the contract: dtypes, a new array, empty shapes


def small_problem(dtype=np.float64, batch=1, d=2, n=3, L=4):
    rng = np.random.default_rng(0)
    return {
        "u": rng.standard_normal((batch, d, L)).astype(dtype),
        "delta": rng.uniform(0.1, 1.0, (batch, d, L)).astype(dtype),
        "A": -rng.uniform(0.1, 1.0, (d, n)).astype(dtype),
        "B": rng.standard_normal((batch, n, L)).astype(dtype),
        "C": rng.standard_normal((d, n)).astype(dtype),
    }


def full_problem():
    """Every option, within the statement's ranges."""
    rng = np.random.default_rng(3)
    return {
        **small_problem(batch=2),
        "D": rng.uniform(-2.0, 2.0, 2),
        "z": rng.uniform(-2.0, 2.0, (2, 2, 4)),
        "delta_bias": rng.uniform(-1.0, 1.0, 2),
    }


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_result_dtype_is_float32_only_when_every_array_is(impl, backend):
    f = impl("selective_scan")
    p32 = small_problem(np.float32)
    assert call(f, backend, **p32).dtype == np.float32
    assert call(f, backend, **p32, D=np.ones(2, np.float32)).dtype == np.float32
    assert call(f, backend, **p32, D=np.ones(2)).dtype == np.float64
    assert call(f, backend, **{**p32, "A": p32["A"].astype(np.float64)}).dtype == np.float64
    # Integers are promoted to float64.
    ints = {k: np.round(v).astype(np.int64) for k, v in small_problem().items()}
    got = call(f, backend, **ints)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, loop_selective_scan(**ints), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("backend", BACKEND_CASES)
def test_inputs_are_never_mutated(impl, backend):
    args = full_problem()
    before = {k: v.copy() for k, v in args.items()}
    out = call(impl("selective_scan"), backend, **args, delta_softplus=True)
    for key, value in args.items():
        np.testing.assert_array_equal(value, before[key])
    assert_values_close(out, {**args, "delta_softplus": True})


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_result_is_a_new_array(impl, backend):
    args = full_problem()
    out = call(impl("selective_scan"), backend, **args, delta_softplus=True)
    for value in args.values():
        assert not np.shares_memory(value, out)


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@pytest.mark.parametrize(("batch", "d", "n", "L"), [(0, 2, 3, 4), (1, 0, 3, 4), (1, 2, 3, 0)])
def test_empty_input_gives_empty_output(impl, backend, batch, d, n, L):
    out = call(impl("selective_scan"), backend, **small_problem(batch=batch, d=d, n=n, L=L))
    assert out.shape == (batch, d, L) and out.dtype == np.float64


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_no_states_leaves_only_the_skip_connection(impl, backend):
    p = small_problem(n=0)
    D = np.array([2.0, -1.0])
    out = call(impl("selective_scan"), backend, **p, D=D)
    np.testing.assert_allclose(out, D[None, :, None] * p["u"])


# ---------------------------------------------------------------------------
# Bad input: the exception type (contract), then our wording (reference-only),
# always before any kernel runs

SHAPE_ERRORS = [
    ({"u": np.ones((2, 4))}, r"u must be 3-D \(batch, d, L\)"),
    ({"delta": np.ones((1, 2, 5))}, r"delta must have shape \(batch, d, L\) like u"),
    ({"A": np.ones((3, 3))}, r"A must have shape \(d, n\) with d = 2"),
    ({"A": np.ones(2)}, r"A must be 2-D"),
    ({"B": np.ones((2, 4))}, r"B must have shape \(d, n\) = \(2, 3\)"),
    ({"B": np.ones((1, 3, 5))}, r"B must have shape .*\(batch, n, L\) = \(1, 3, 4\)"),
    ({"C": np.ones((2, 3, 4))}, r"C must have shape"),
    ({"C": np.ones((1, 3, 3, 4))}, r"C must have shape .*G dividing d = 2"),
    ({"C": np.ones((1, 0, 3, 4))}, r"C must have shape"),
    ({"B": np.ones((1, 1, 1, 3, 4))}, r"B must have shape"),
    ({"D": np.ones(3)}, r"D must have shape \(d,\) = \(2,\)"),
    ({"z": np.ones((1, 2, 3))}, r"z must have shape \(batch, d, L\) like u"),
    ({"delta_bias": np.ones((2, 1))}, r"delta_bias must have shape \(d,\)"),
]
NAMES = ["u", "delta", "A", "B", "C", "D", "z", "delta_bias"]
NON_REAL = [np.array([True]), np.ones(1, np.complex128), np.ones(1, np.float16), "abc"]


@pytest.mark.contract
@pytest.mark.parametrize("change", [change for change, _ in SHAPE_ERRORS])
def test_inconsistent_shapes_are_a_value_error(impl, change):
    with pytest.raises(ValueError):
        impl("selective_scan")(**{**small_problem(), **change})


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", ALL_BACKENDS)
@pytest.mark.parametrize(("change", "match"), SHAPE_ERRORS)
def test_inconsistent_shapes_message_names_the_argument(impl, backend, change, match):
    with pytest.raises(ValueError, match=match):
        impl("selective_scan")(**{**small_problem(), **change}, backend=backend)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", NON_REAL)
def test_non_real_arrays_are_a_type_error(impl, name, bad):
    with pytest.raises(TypeError):
        impl("selective_scan")(**{**small_problem(), name: bad})


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", NON_REAL)
def test_non_real_arrays_message_names_the_argument(impl, name, bad):
    with pytest.raises(TypeError, match=rf"^{name} must"):
        impl("selective_scan")(**{**small_problem(), name: bad}, backend="cpu")


@pytest.mark.contract
def test_none_for_a_required_array_is_a_type_error(impl):
    with pytest.raises(TypeError):
        impl("selective_scan")(**{**small_problem(), "B": None})


@pytest.mark.reference_only
def test_none_for_a_required_array_message_names_it(impl):
    with pytest.raises(TypeError, match=r"^B must"):
        impl("selective_scan")(**{**small_problem(), "B": None})


@pytest.mark.contract
def test_delta_softplus_must_be_a_bool(impl):
    with pytest.raises(TypeError):
        impl("selective_scan")(**small_problem(), delta_softplus="yes")


@pytest.mark.reference_only
def test_delta_softplus_message_says_bool(impl):
    with pytest.raises(TypeError, match="delta_softplus must be a bool"):
        impl("selective_scan")(**small_problem(), delta_softplus="yes")


@pytest.mark.reference_only
def test_unknown_or_non_string_backend_is_rejected(impl):
    with pytest.raises(ValueError, match="backend must be 'auto' or one of"):
        impl("selective_scan")(**small_problem(), backend="tpu")
    with pytest.raises(TypeError, match="backend must be a string"):
        impl("selective_scan")(**small_problem(), backend=1)


# ---------------------------------------------------------------------------
# White box: the cpu backend's vectorisable exp and softplus (private helpers)


@functools.cache
def _elementwise(name: str):
    """A compiled loop applying the private scalar helper ``name`` (compiled once)."""
    from numba import njit

    # importlib: the attribute gpu.selective_scan is the function, not the module.
    scalar_function = getattr(importlib.import_module("gpu.selective_scan"), name)

    @njit
    def apply(x, out):
        for i in range(x.size):
            out[i] = scalar_function(x[i])

    return apply


def _apply(name: str, values: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
    _elementwise(name)(values, out)
    return out


def _exact_exp(v: float) -> float:
    try:
        return math.exp(v)
    except OverflowError:  # math.exp raises where IEEE arithmetic gives inf
        return math.inf


SPECIAL = [0.0, -0.0, 1e-30, -1e-30, 0.5, -0.5, 20.0, 88.7, 88.8, -87.0, -103.0, -104.0,
           709.7, 709.8, -708.0, -745.0, -746.0, 1e4, -1e4, np.inf, -np.inf, np.nan]  # fmt: skip


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(x=st.lists(st.floats(-120, 100), min_size=1, max_size=50))
@settings(max_examples=50)
def test_vectorised_exp_is_within_two_ulps_of_math_exp(dtype, x):
    values = np.array(x + SPECIAL, dtype=dtype)
    got = _apply("_vexp", values)
    exact = np.array([_exact_exp(v) for v in values.astype(float)])
    info = np.finfo(dtype)
    with np.errstate(over="ignore"):
        finite = np.isfinite(exact.astype(dtype))
    # 2 ulps relative for normal results; subnormal results are rounded once more.
    tolerance = 2 * info.eps * exact + 2 * info.smallest_subnormal
    assert np.all(np.abs(got[finite] - exact[finite]) <= tolerance[finite])
    with np.errstate(over="ignore"):
        np.testing.assert_array_equal(got[~finite], exact[~finite].astype(dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(x=st.lists(st.floats(-60, 60), min_size=1, max_size=50))
@settings(max_examples=50)
def test_vectorised_softplus_tail_is_within_four_ulps_of_log1p_exp(dtype, x):
    values = np.array([*x, 0.0, 0.3465, 0.3466, 0.881, 0.882, 30.0, -30.0], dtype=dtype)
    got = _apply("_vsoftplus_tail", values)
    exact = np.array([math.log1p(math.exp(-abs(v))) for v in values.astype(float)])
    info = np.finfo(dtype)
    assert np.all(np.abs(got - exact) <= 4 * info.eps * exact + info.smallest_subnormal)
