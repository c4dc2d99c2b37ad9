"""Properties of the S4 state-space functions: HiPPO-LegS, discretisation, the two views.

Oracles:

* ``hippo_legs``: the closed form evaluated entry by entry with ``math.sqrt``;
* ``discretize``: SciPy — ``scipy.linalg.expm`` for ``Ā = exp(A·dt)``, the
  integral formula ``B̄ = A⁻¹(Ā − I)B`` (another route than Van Loan's block
  exponential), and ``scipy.signal.cont2discrete`` for both methods; the
  private Padé ``_expm`` is also checked against ``scipy.linalg.expm`` directly;
* ``ssm_kernel``: ``C · matrix_power(Ā, k) · B̄`` for every k (Ā, B̄ from SciPy);
* ``ssm_convolve``: the O(L²) causal sum, a double loop over Python floats;
* ``ssm_recurrent``: the state update stepped with Python floats;
* and the central S4 property: for random stable systems the convolutional
  and the recurrent view agree (to 1e-6 relative to the output's scale) —
  each view against the other computed by oracles, and on the reference all
  of its functions together.

Judge tiers.  Core: the values (float64 in, float64 or any float out) and the
inputs left untouched.  Contract: float32 in → float32 out, float64 from
``hippo_legs``, the exception types.  Reference-only: the error wording, and
the views' agreement computed with the reference's own functions all at once
(a learner's functions are judged one at a time, so that one bug is not
blamed on the others).  The
private Padé exponential is tested directly (no tier: not an exercise).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
import scipy.signal
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# ---------------------------------------------------------------------------
# Strategies

floats = st.floats(-2, 2)


def matrices(n: int) -> st.SearchStrategy:
    return hnp.arrays(np.float64, (n, n), elements=floats)


@st.composite
def stable_systems(draw, max_n: int = 6):
    """(A, B, C) with every eigenvalue of A in Re < 0: A = −(M Mᵀ + εI) + (S − Sᵀ).

    A symmetric negative-definite part plus a skew-symmetric part: the field of
    values lies in Re(z) <= −ε, hence so do the eigenvalues.
    """
    n = draw(st.integers(1, max_n))
    M = draw(matrices(n))
    S = draw(matrices(n))
    A = -(M @ M.T + 0.1 * np.eye(n)) + (S - S.T)
    B = draw(hnp.arrays(np.float64, n, elements=floats))
    C = draw(hnp.arrays(np.float64, n, elements=floats))
    return A, B, C


# ---------------------------------------------------------------------------
# HiPPO-LegS


def hippo_closed_form(N: int) -> tuple[np.ndarray, np.ndarray]:
    """HiPPO-LegS entry by entry with ``math.sqrt``: an input built without the code under test."""
    A = np.zeros((N, N))
    for n in range(N):
        for k in range(n):
            A[n, k] = -math.sqrt(2 * n + 1) * math.sqrt(2 * k + 1)
        A[n, n] = -(n + 1)
    return A, np.array([math.sqrt(2 * n + 1) for n in range(N)])


@given(N=st.integers(1, 40))
def test_hippo_legs_matches_its_closed_form_entry_by_entry(impl, N):
    A, B = impl("hippo_legs")(N)
    assert A.shape == (N, N) and B.shape == (N,)
    for n in range(N):
        assert B[n] == pytest.approx(math.sqrt(2 * n + 1), rel=1e-15)
        for k in range(N):
            if n > k:
                expected = -math.sqrt(2 * n + 1) * math.sqrt(2 * k + 1)
            elif n == k:
                expected = -(n + 1)
            else:
                expected = 0.0
            assert A[n, k] == pytest.approx(expected, rel=1e-14, abs=0)


def test_hippo_legs_eigenvalues_are_minus_one_to_minus_n(impl):
    A, _ = impl("hippo_legs")(8)
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(A).real), -np.arange(8.0, 0.0, -1))


@pytest.mark.contract
@pytest.mark.parametrize("N", [1, 5])
def test_hippo_legs_returns_float64_arrays(impl, N):
    A, B = impl("hippo_legs")(N)
    assert A.dtype == B.dtype == np.float64


@pytest.mark.contract
@pytest.mark.parametrize("N", [0, -1])
def test_hippo_legs_needs_a_positive_size(impl, N):
    with pytest.raises(ValueError):
        impl("hippo_legs")(N)


@pytest.mark.reference_only
@pytest.mark.parametrize("N", [0, -1])
def test_hippo_legs_size_message_names_n(impl, N):
    with pytest.raises(ValueError, match="N must be >= 1"):
        impl("hippo_legs")(N)


@pytest.mark.contract
@pytest.mark.parametrize("N", [2.0, "3", None, True])
def test_hippo_legs_size_must_be_an_integer(impl, N):
    with pytest.raises(TypeError):
        impl("hippo_legs")(N)


@pytest.mark.reference_only
@pytest.mark.parametrize("N", [2.0, "3", None, True])
def test_hippo_legs_integer_message_names_n(impl, N):
    with pytest.raises(TypeError, match="N must be an integer"):
        impl("hippo_legs")(N)


# ---------------------------------------------------------------------------
# Discretisation


@given(
    n=st.integers(1, 8),
    scale=st.sampled_from([1e-3, 0.1, 1.0, 5.0, 40.0]),
    data=st.data(),
)
def test_pade_expm_matches_scipy(n, scale, data):
    # The private matrix exponential behind 'zoh', at norms that need 0 to ~9
    # squarings.  (A helper, not an exercise: imported directly.)
    from gpu.ssm import _expm

    M = data.draw(matrices(n)) * scale
    expected = scipy.linalg.expm(M)
    np.testing.assert_allclose(
        _expm(M, np), expected, rtol=1e-9, atol=1e-12 * np.abs(expected).max()
    )


@given(system=stable_systems(), dt=st.floats(1e-3, 1.0))
def test_zoh_matches_the_integral_formula_and_scipy(impl, system, dt):
    A, B, _ = system
    A_bar, B_bar = impl("discretize")(A, B, dt)
    expected_A = scipy.linalg.expm(A * dt)
    # B̄ = ∫₀^dt exp(A s) ds · B = A⁻¹ (exp(A dt) − I) B   (A is invertible: stable)
    expected_B = np.linalg.solve(A, (expected_A - np.eye(len(B))) @ B)
    np.testing.assert_allclose(A_bar, expected_A, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(B_bar, expected_B, rtol=1e-7, atol=1e-10)
    ad, bd, *_ = scipy.signal.cont2discrete((A, B[:, None], np.eye(len(B)), 0), dt, method="zoh")
    np.testing.assert_allclose(A_bar, ad, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(B_bar, bd[:, 0], rtol=1e-9, atol=1e-12)


@given(system=stable_systems(), dt=st.floats(1e-3, 1.0), m=st.integers(1, 3), data=st.data())
def test_bilinear_matches_scipy_tustin(impl, system, dt, m, data):
    A, _, _ = system
    B = data.draw(hnp.arrays(np.float64, (len(A), m), elements=floats))
    A_bar, B_bar = impl("discretize")(A, B, dt, method="bilinear")
    ad, bd, *_ = scipy.signal.cont2discrete((A, B, np.eye(len(A)), 0), dt, method="bilinear")
    assert B_bar.shape == B.shape
    np.testing.assert_allclose(A_bar, ad, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(B_bar, bd, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("method", ["zoh", "bilinear"])
def test_scalar_system_has_the_textbook_discretisation(impl, method):
    a, dt = -2.0, 0.3
    A_bar, B_bar = impl("discretize")(np.array([[a]]), np.array([1.0]), dt, method=method)
    if method == "zoh":
        expected = (math.exp(a * dt), (math.exp(a * dt) - 1) / a)
    else:
        expected = ((1 + a * dt / 2) / (1 - a * dt / 2), dt / (1 - a * dt / 2))
    assert (A_bar[0, 0], B_bar[0]) == pytest.approx(expected, rel=1e-14)


def test_zoh_does_not_need_an_invertible_a(impl):
    # A = 0 (an integrator): Ā = I, B̄ = dt·B.  The A⁻¹ formula would divide by zero.
    A_bar, B_bar = impl("discretize")(np.zeros((2, 2)), np.array([1.0, 2.0]), 0.5)
    np.testing.assert_allclose(A_bar, np.eye(2), atol=1e-15)
    np.testing.assert_allclose(B_bar, [0.5, 1.0], rtol=1e-14)


def test_discretize_never_mutates_its_inputs(impl):
    A, B = hippo_closed_form(4)
    copies = A.copy(), B.copy()
    for method in ("zoh", "bilinear"):
        impl("discretize")(A, B, 0.1, method=method)
        np.testing.assert_array_equal(A, copies[0])
        np.testing.assert_array_equal(B, copies[1])


@pytest.mark.contract
def test_discretize_keeps_float32(impl):
    A, B = (x.astype(np.float32) for x in hippo_closed_form(4))
    for method in ("zoh", "bilinear"):
        A_bar, B_bar = impl("discretize")(A, B, 0.1, method=method)
        assert A_bar.dtype == B_bar.dtype == np.float32


_A, _B = np.eye(2) * -1.0, np.ones(2)
DISCRETIZE_ERRORS = [
    (
        (_A, _B, 0.1),
        {"method": "euler"},
        ValueError,
        "method must be 'zoh' or 'bilinear', got 'euler'",
    ),
    ((_A, _B, 0.1), {"method": None}, TypeError, "method"),
    *(
        ((_A, _B, dt), {}, ValueError, "dt must be positive and finite")
        for dt in [0.0, -0.1, math.nan, math.inf]
    ),
    ((_A, _B, "0.1"), {}, TypeError, "dt must be a real number"),
    ((np.ones((2, 3)), _B, 0.1), {}, ValueError, "A must be a square"),
    ((_A, np.ones(3), 0.1), {}, ValueError, r"B must have shape \(N,\) or \(N, M\) with N = 2"),
    ((np.array([[np.nan, 0], [0, 1.0]]), _B, 0.1), {}, ValueError, "A must be finite"),
    ((_A, np.ones(2, dtype=bool), 0.1), {}, TypeError, "B must"),
    # I − dt/2·A is singular when A has the eigenvalue 2/dt.
    ((np.eye(2) * 20.0, _B, 0.1), {"method": "bilinear"}, ValueError, "singular"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error"), [case[:3] for case in DISCRETIZE_ERRORS])
def test_discretize_rejects_bad_arguments(impl, args, kwargs, error):
    with pytest.raises(error):
        impl("discretize")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), DISCRETIZE_ERRORS)
def test_discretize_error_messages_name_the_rule(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("discretize")(*args, **kwargs)


# ---------------------------------------------------------------------------
# The convolution kernel, the FFT convolution, the recurrence


# Each judged test calls one of the three functions, with inputs built by oracles
# (SciPy's discretisation, the kernel from matrix powers), so that a learner's bug
# in one view is never blamed on another.  The three-way agreement of the views
# is checked on the reference at the end (reference-only: three exercises at once).


def scipy_discretize(A, B, dt, method="zoh"):
    """``(Ā, B̄)`` from ``scipy.signal.cont2discrete``, for a single-input B of shape (N,)."""
    ad, bd, *_ = scipy.signal.cont2discrete((A, B[:, None], np.eye(len(B)), 0), dt, method=method)
    return ad, bd[:, 0]


def oracle_kernel(A_bar, B_bar, C, L: int) -> np.ndarray:
    """``K[j] = C · Āʲ · B̄`` from ``np.linalg.matrix_power``."""
    return np.array([C @ np.linalg.matrix_power(A_bar, j) @ B_bar for j in range(L)])


def oracle_convolution(u: np.ndarray, K: np.ndarray) -> np.ndarray:
    """The causal convolution of every row of u with K, by ``np.convolve`` (direct sums)."""
    L = u.shape[-1]
    rows = [np.convolve(row, K)[:L] for row in u.reshape(-1, L)]
    return np.array(rows).reshape(u.shape)


def oracle_recurrence(A_bar, B_bar, C, u: np.ndarray) -> np.ndarray:
    """``x_k = Ā x_{k−1} + B̄ u_k``, ``y_k = C x_k``, one row and one step at a time."""
    y = np.empty(u.shape)
    for index in np.ndindex(*u.shape[:-1]):
        x = np.zeros(len(C))
        for k in range(u.shape[-1]):
            x = A_bar @ x + B_bar * u[index][k]
            y[index][k] = C @ x
    return y


@given(system=stable_systems(), dt=st.floats(0.01, 1.0), L=st.integers(1, 40))
def test_kernel_entries_are_c_times_powers_of_a_times_b(impl, system, dt, L):
    A_bar, B_bar = scipy_discretize(system[0], system[1], dt)
    C = system[2]
    K = impl("ssm_kernel")(A_bar, B_bar, C, L)
    assert K.shape == (L,)
    np.testing.assert_allclose(K, oracle_kernel(A_bar, B_bar, C, L), rtol=1e-9, atol=1e-12)


def causal_sum(u: list[float], K: list[float]) -> list[float]:
    return [sum(K[j] * u[k - j] for j in range(k + 1)) for k in range(len(u))]


@given(
    L=st.integers(1, 50),
    batch=st.lists(st.integers(1, 3), max_size=2),
    kernel_batched=st.booleans(),
    data=st.data(),
)
def test_fft_convolution_equals_the_direct_causal_sum(impl, L, batch, kernel_batched, data):
    u = data.draw(hnp.arrays(np.float64, (*batch, L), elements=st.floats(-10, 10)))
    K = data.draw(hnp.arrays(np.float64, (*batch, L) if kernel_batched else (L,), elements=floats))
    y = impl("ssm_convolve")(u, K)
    assert y.shape == u.shape
    K_full = np.broadcast_to(K, u.shape)
    scale = 1 + np.abs(u).sum() * np.abs(K).max(initial=0)
    for index in np.ndindex(*batch):
        expected = causal_sum(u[index].tolist(), K_full[index].tolist())
        np.testing.assert_allclose(y[index], expected, rtol=0, atol=1e-12 * scale)


@given(system=stable_systems(), dt=st.floats(0.01, 1.0), L=st.integers(1, 30), data=st.data())
def test_recurrent_view_equals_a_scalar_state_loop(impl, system, dt, L, data):
    A_bar, B_bar = scipy_discretize(system[0], system[1], dt)
    C = system[2]
    u = data.draw(hnp.arrays(np.float64, (2, L), elements=st.floats(-10, 10)))
    y = impl("ssm_recurrent")(A_bar, B_bar, C, u)
    N = len(C)
    for r in range(2):
        x = [0.0] * N
        for k in range(L):
            x = [sum(A_bar[i, j] * x[j] for j in range(N)) + B_bar[i] * u[r, k] for i in range(N)]
            assert y[r, k] == pytest.approx(sum(C[i] * x[i] for i in range(N)), rel=1e-9, abs=1e-9)


stable_discrete_cases = {
    "system": stable_systems(),
    "dt": st.floats(0.01, 1.0),
    "method": st.sampled_from(["zoh", "bilinear"]),
    "L": st.integers(1, 64),
    "data": st.data(),
}


@settings(max_examples=100)  # the scalar-loop tests above cover the same functions
@given(**stable_discrete_cases)
def test_recurrent_view_equals_the_convolution_with_the_kernel(impl, system, dt, method, L, data):
    # S4's identity seen from the recurrence: the kernel and the convolution are oracles.
    A, B, C = system
    A_bar, B_bar = scipy_discretize(A, B, dt, method)
    u = data.draw(hnp.arrays(np.float64, (2, L), elements=st.floats(-10, 10)))
    y_rec = impl("ssm_recurrent")(A_bar, B_bar, C, u)
    y_conv = oracle_convolution(u, oracle_kernel(A_bar, B_bar, C, L))
    np.testing.assert_allclose(y_rec, y_conv, rtol=0, atol=1e-6 * (1 + np.abs(y_conv).max()))


@settings(max_examples=100)  # the scalar-loop tests above cover the same functions
@given(**stable_discrete_cases)
def test_convolutional_view_equals_the_state_recurrence(impl, system, dt, method, L, data):
    # The same identity seen from the convolution: the kernel and the recurrence are oracles.
    A, B, C = system
    A_bar, B_bar = scipy_discretize(A, B, dt, method)
    u = data.draw(hnp.arrays(np.float64, (2, L), elements=st.floats(-10, 10)))
    y_conv = impl("ssm_convolve")(u, oracle_kernel(A_bar, B_bar, C, L))
    y_rec = oracle_recurrence(A_bar, B_bar, C, u)
    np.testing.assert_allclose(y_conv, y_rec, rtol=0, atol=1e-6 * (1 + np.abs(y_rec).max()))


def s4_setting():
    """HiPPO-LegS of size 16, bilinear with dt = 1/256, 3 sequences of length 256."""
    rng = np.random.default_rng(0)
    A, B = hippo_closed_form(16)
    A_bar, B_bar = scipy_discretize(A, B, 1 / 256, "bilinear")
    return A_bar, B_bar, rng.standard_normal(16), rng.standard_normal((3, 256))


@pytest.mark.parametrize("name", ["ssm_kernel", "ssm_convolve", "ssm_recurrent"])
def test_each_view_on_a_discretised_hippo_system(impl, name):
    # The S4 setting, one function at a time against the oracles.
    A_bar, B_bar, C, u = s4_setting()
    K = oracle_kernel(A_bar, B_bar, C, 256)
    if name == "ssm_kernel":
        np.testing.assert_allclose(impl(name)(A_bar, B_bar, C, 256), K, rtol=1e-9, atol=1e-12)
        return
    expected = oracle_recurrence(A_bar, B_bar, C, u)
    got = impl(name)(u, K) if name == "ssm_convolve" else impl(name)(A_bar, B_bar, C, u)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6 * (1 + np.abs(expected).max()))


@pytest.mark.parametrize("name", ["ssm_kernel", "ssm_convolve", "ssm_recurrent"])
def test_float32_inputs_give_float32_accurate_values_and_stay_untouched(impl, name):
    A_bar = np.array([[0.5, 0.1], [0.0, 0.25]], np.float32)
    B_bar = np.array([1.0, 2.0], np.float32)
    C = np.array([1.0, -1.0], np.float32)
    u = np.arange(6, dtype=np.float32).reshape(1, 6)
    K = oracle_kernel(*(x.astype(np.float64) for x in (A_bar, B_bar, C)), 6)
    args, expected = {
        "ssm_kernel": ((A_bar, B_bar, C, 6), K),
        "ssm_convolve": ((u, K.astype(np.float32)), oracle_convolution(u.astype(np.float64), K)),
        "ssm_recurrent": ((A_bar, B_bar, C, u), oracle_convolution(u.astype(np.float64), K)),
    }[name]
    copies = [x.copy() for x in args if isinstance(x, np.ndarray)]
    got = impl(name)(*args)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    for x, before in zip([x for x in args if isinstance(x, np.ndarray)], copies, strict=True):
        np.testing.assert_array_equal(x, before)


@pytest.mark.reference_only  # three exercises in one check; learners are judged one view at a time
@given(**stable_discrete_cases)
def test_convolutional_and_recurrent_views_agree_for_stable_systems(
    impl, system, dt, method, L, data
):
    A, B, C = system
    A_bar, B_bar = impl("discretize")(A, B, dt, method=method)
    u = data.draw(hnp.arrays(np.float64, (2, L), elements=st.floats(-10, 10)))
    y_conv = impl("ssm_convolve")(u, impl("ssm_kernel")(A_bar, B_bar, C, L))
    y_rec = impl("ssm_recurrent")(A_bar, B_bar, C, u)
    scale = 1 + np.abs(y_rec).max()
    np.testing.assert_allclose(y_conv, y_rec, rtol=0, atol=1e-6 * scale)


@pytest.mark.reference_only  # four exercises in one check, as above
def test_views_agree_on_a_discretised_hippo_system(impl):
    # The S4 setting: HiPPO-LegS, bilinear, a long-ish sequence.
    rng = np.random.default_rng(0)
    A, B = impl("hippo_legs")(16)
    A_bar, B_bar = impl("discretize")(A, B, 1 / 256, method="bilinear")
    C = rng.standard_normal(16)
    u = rng.standard_normal((3, 256))
    y_conv = impl("ssm_convolve")(u, impl("ssm_kernel")(A_bar, B_bar, C, 256))
    y_rec = impl("ssm_recurrent")(A_bar, B_bar, C, u)
    np.testing.assert_allclose(y_conv, y_rec, rtol=0, atol=1e-6 * (1 + np.abs(y_rec).max()))


@pytest.mark.contract
@pytest.mark.parametrize("name", ["ssm_kernel", "ssm_convolve", "ssm_recurrent"])
def test_float32_in_float32_out(impl, name):
    A_bar = np.array([[0.5, 0.1], [0.0, 0.25]], np.float32)
    B_bar = np.array([1.0, 2.0], np.float32)
    C = np.array([1.0, -1.0], np.float32)
    u = np.arange(6, dtype=np.float32).reshape(1, 6)
    args = {
        "ssm_kernel": (A_bar, B_bar, C, 6),
        "ssm_convolve": (u, np.array([1.0, 0.5, 0.25, 0.0, 0.0, 0.0], np.float32)),
        "ssm_recurrent": (A_bar, B_bar, C, u),
    }[name]
    assert impl(name)(*args).dtype == np.float32


_A3, _B3, _C3 = np.eye(3) * 0.5, np.ones(3), np.ones(3)
VIEW_ERRORS = [
    ("ssm_kernel", (_A3, _B3, _C3, 0), ValueError, "L must be >= 1"),
    ("ssm_kernel", (_A3, _B3, _C3, 4.0), TypeError, "L must be an integer"),
    ("ssm_kernel", (_A3, np.ones(2), _C3, 4), ValueError, r"B must be a vector of length N = 3"),
    (
        "ssm_kernel",
        (_A3, _B3, np.ones((3, 1)), 4),
        ValueError,
        r"C must be a vector of length N = 3",
    ),
    ("ssm_kernel", (np.ones(3), _B3, _C3, 4), ValueError, "A must be a square"),
    ("ssm_convolve", (np.ones(5), np.ones(4)), ValueError, "u and K must have the same length"),
    (
        "ssm_convolve",
        (np.ones(0), np.ones(0)),
        ValueError,
        "u and K must have the same length L >= 1",
    ),
    ("ssm_convolve", (np.ones((2, 5)), np.ones((3, 5))), ValueError, "u and K must broadcast"),
    ("ssm_convolve", (np.array([1.0, np.nan]), np.ones(2)), ValueError, "u must be finite"),
    ("ssm_convolve", (np.float64(1.0), np.ones(1)), ValueError, "at least one axis"),
    (
        "ssm_recurrent",
        (_A3, _B3, _C3, np.ones((2, 0))),
        ValueError,
        r"u must have shape \(\.\.\., L\) with L >= 1",
    ),
    ("ssm_recurrent", (_A3, np.ones(4), _C3, np.ones(5)), ValueError, "B_bar must be a vector"),
    (
        "ssm_recurrent",
        (_A3, _B3, np.array([1.0, np.inf, 0.0]), np.ones(5)),
        ValueError,
        "C must be finite",
    ),
    ("ssm_recurrent", (_A3, _B3, _C3, "hello"), TypeError, "u must"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("name", "args", "error"), [case[:3] for case in VIEW_ERRORS])
def test_kernel_and_views_reject_bad_arguments(impl, name, args, error):
    with pytest.raises(error):
        impl(name)(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize(("name", "args", "error", "match"), VIEW_ERRORS)
def test_kernel_and_views_error_messages_name_the_rule(impl, name, args, error, match):
    with pytest.raises(error, match=match):
        impl(name)(*args)
