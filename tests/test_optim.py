"""Properties of ``adam_step`` and ``adamw_step``.

Oracle: :func:`tests.oracles_training.adam_reference`, a literal per-element
loop of the algorithm box of ``torch.optim.Adam`` / ``torch.optim.AdamW`` in
Python floats.  The properties of the issue follow from the formulas:

* ``weight_decay = 0``: Adam and AdamW are the same method;
* Adam's L2 decay is Adam without decay on the gradient ``grad + λ·param``;
* AdamW's decay bypasses the moments: with a zero gradient it multiplies the
  parameters by exactly ``1 − lr·λ`` per step, while Adam-L2 moves them by
  about ``lr`` on its first step whatever ``λ`` is;
* the first step moves every coordinate by ``lr·sign(g)`` up to ``ε``:
  ``|Δ + lr·sign(g)| = lr·ε/(|g| + ε)``;
* with ``ε = 0`` the update does not change when the gradient is multiplied by
  ``c > 0`` (``m̂`` and ``√v̂`` both scale by ``c``).

Tolerances: each parameter passes through a handful of roundings per step, in
an order a correct solution may choose differently, so ``rtol = 1e-9`` bounds
``steps × (few ε)`` with a wide margin.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.oracles_training import adam_reference

NAMES = ["adam_step", "adamw_step"]
EPS64 = float(np.finfo(np.float64).eps)


def run(step, params, grads, **hyper):
    """``(params, state)`` after each of the steps ``grads[0], grads[1], ...``."""
    state = None
    out = []
    p = params
    for g in grads:
        p, state = step(p, g, state, **hyper)
        out.append((np.asarray(p, dtype=np.float64), state))
    return out


shapes = st.sampled_from([(1,), (3,), (7,), (2, 3), (4, 1)])
values = st.floats(-10, 10)


@st.composite
def trajectories(draw, nonzero_grads=False):
    shape = draw(shapes, label="shape")
    steps = draw(st.integers(1, 6), label="steps")
    params = draw(hnp.arrays(np.float64, shape, elements=values), label="params")
    grad_values = values
    if nonzero_grads:
        grad_values = st.tuples(st.floats(1e-3, 10), st.sampled_from([-1.0, 1.0])).map(
            lambda p: p[0] * p[1]
        )
    grads = [
        draw(hnp.arrays(np.float64, shape, elements=grad_values), label=f"grad {t}")
        for t in range(steps)
    ]
    return params, grads


hyperparameters = st.fixed_dictionaries(
    {
        "lr": st.floats(1e-4, 1.0),
        "betas": st.tuples(st.floats(0.0, 0.999), st.floats(0.0, 0.9999)),
        "eps": st.floats(1e-12, 1e-3),
        "weight_decay": st.floats(0.0, 0.5),
    }
)


# ---------------------------------------------------------------------------
# Against the literal loop
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60)
@given(case=trajectories(), hyper=hyperparameters)
def test_every_step_matches_the_documented_algorithm(impl, name, case, hyper):
    params, grads = case
    steps = run(impl(name), params, grads, **hyper)
    expected = adam_reference(
        params.ravel(),
        [g.ravel() for g in grads],
        decoupled=name == "adamw_step",
        **hyper,
    )
    for t, ((p, state), (theta, m, v)) in enumerate(zip(steps, expected, strict=True), 1):
        assert p.shape == params.shape
        np.testing.assert_allclose(p.ravel(), theta, rtol=1e-9, atol=1e-12)
        assert state["step"] == t
        np.testing.assert_allclose(np.asarray(state["m"]).ravel(), m, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(np.asarray(state["v"]).ravel(), v, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_default_hyperparameters_are_pytorchs(impl, name):
    params, grads = np.array([1.0, -2.0, 3.0]), [np.array([0.5, 0.25, -4.0])] * 3
    decay = 1e-2 if name == "adamw_step" else 0.0
    expected = adam_reference(
        params, grads, 1e-3, (0.9, 0.999), 1e-8, decay, decoupled=name == "adamw_step"
    )
    p, _ = run(impl(name), params, grads)[-1]
    np.testing.assert_allclose(p, expected[-1][0], rtol=1e-12)


# ---------------------------------------------------------------------------
# Adam against AdamW
# ---------------------------------------------------------------------------


@settings(max_examples=60)
@given(case=trajectories(), hyper=hyperparameters)
def test_without_weight_decay_adam_and_adamw_coincide(impl, case, hyper):
    params, grads = case
    hyper = {**hyper, "weight_decay": 0.0}
    adam = run(impl("adam_step"), params, grads, **hyper)
    adamw = run(impl("adamw_step"), params, grads, **hyper)
    for (p, _), (q, _) in zip(adam, adamw, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-12, atol=1e-300)


@settings(max_examples=60)
@given(case=trajectories(), hyper=hyperparameters)
def test_adam_l2_decay_is_adam_on_the_decayed_gradient(impl, case, hyper):
    params, grads = case
    adam_step = impl("adam_step")
    wd = hyper["weight_decay"]
    with_decay = run(adam_step, params, grads, **hyper)
    p, state = params, None
    plain = {**hyper, "weight_decay": 0.0}
    for g, (expected, _) in zip(grads, with_decay, strict=True):
        p, state = adam_step(p, g + wd * np.asarray(p), state, **plain)
        np.testing.assert_allclose(p, expected, rtol=1e-12, atol=1e-300)


@given(
    params=hnp.arrays(np.float64, shapes, elements=values),
    lr=st.floats(1e-3, 0.5),
    weight_decay=st.floats(1e-3, 1.0),
    steps=st.integers(1, 8),
)
def test_adamw_decay_bypasses_the_moments(impl, params, lr, weight_decay, steps):
    zero = np.zeros_like(params)
    factor = 1 - lr * weight_decay
    p, state = params, None
    for t in range(1, steps + 1):
        p, state = impl("adamw_step")(p, zero, state, lr=lr, weight_decay=weight_decay)
        np.testing.assert_allclose(p, params * factor**t, rtol=4 * t * EPS64, atol=1e-300)
        np.testing.assert_array_equal(state["m"], zero)  # the decay never enters the moments
        np.testing.assert_array_equal(state["v"], zero)
    # Adam's L2 decay goes through the moments instead: its first step is lr·sign(param).
    q, _ = impl("adam_step")(params, zero, None, lr=lr, weight_decay=weight_decay)
    # Exactly Δ = −lr·λp/(|λp| + ε), so |Δ + lr·sign(p)| = lr·ε/(λ|p| + ε) (plus rounding).
    bound = lr * 1e-8 / (weight_decay * np.abs(params) + 1e-8) + 4 * EPS64 * (np.abs(params) + lr)
    assert np.all(np.abs(q - params + lr * np.sign(params)) <= bound)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60)
@given(case=trajectories(nonzero_grads=True), lr=st.floats(1e-4, 1.0))
def test_first_step_moves_each_coordinate_by_lr_times_the_sign(impl, name, case, lr):
    params, grads = case
    g = grads[0]
    p, _ = impl(name)(params, g, None, lr=lr, weight_decay=0.0)
    step = np.asarray(p) - params
    eps = 1e-8
    # Exactly: Δ = −lr·g/(|g| + ε), so |Δ + lr·sign(g)| = lr·ε/(|g| + ε) (plus rounding).
    bound = lr * eps / (np.abs(g) + eps) + 4 * EPS64 * (np.abs(params) + lr)
    assert np.all(np.abs(step + lr * np.sign(g)) <= bound)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60)
@given(
    case=trajectories(nonzero_grads=True),
    c=st.floats(1e-3, 1e3),
    hyper=hyperparameters,
)
def test_update_is_invariant_to_gradient_scale_when_eps_is_zero(impl, name, case, c, hyper):
    params, grads = case
    hyper = {**hyper, "eps": 0.0, "weight_decay": 0.0}
    base = run(impl(name), params, grads, **hyper)
    scaled = run(impl(name), params, [c * g for g in grads], **hyper)
    for (p, _), (q, _) in zip(base, scaled, strict=True):
        np.testing.assert_allclose(q, p, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60)
@given(case=trajectories(), hyper=hyperparameters)
def test_inputs_and_state_are_not_modified(impl, name, case, hyper):
    params, grads = case
    step = impl(name)
    p_copy, g_copy = params.copy(), grads[0].copy()
    p1, state1 = step(params, grads[0], None, **hyper)
    np.testing.assert_array_equal(params, p_copy)
    np.testing.assert_array_equal(grads[0], g_copy)
    saved = {"step": state1["step"], "m": np.copy(state1["m"]), "v": np.copy(state1["v"])}
    p1_copy = np.copy(p1)
    step(p1, grads[0], state1, **hyper)
    assert state1["step"] == saved["step"]
    np.testing.assert_array_equal(state1["m"], saved["m"])
    np.testing.assert_array_equal(state1["v"], saved["v"])
    np.testing.assert_array_equal(p1, p1_copy)


# ---------------------------------------------------------------------------
# Contract
# ---------------------------------------------------------------------------


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "bad",
    [
        {"lr": -1e-3},
        {"betas": (1.0, 0.999)},
        {"betas": (0.9, -0.1)},
        {"eps": -1e-8},
        {"weight_decay": -0.1},
    ],
    ids=repr,
)
def test_out_of_range_hyperparameters_are_value_errors(impl, name, bad):
    with pytest.raises(ValueError):
        impl(name)(np.ones(3), np.ones(3), None, **bad)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
def test_mismatched_shapes_are_value_errors(impl, name):
    step = impl(name)
    with pytest.raises(ValueError):
        step(np.ones(3), np.ones(4), None)
    _, state = step(np.ones(3), np.ones(3), None)
    with pytest.raises(ValueError):
        step(np.ones(4), np.ones(4), state)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", ["abc", None, [1 + 2j, 0]], ids=repr)
def test_non_numeric_param_or_grad_is_a_type_error(impl, name, bad):
    with pytest.raises(TypeError):
        impl(name)(bad, np.ones(2), None)
    with pytest.raises(TypeError):
        impl(name)(np.ones(2), bad, None)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
def test_lists_and_scalars_are_accepted(impl, name):
    p, _ = impl(name)([1.0, -1.0], [2.0, 2.0], None, lr=0.1, weight_decay=0.0)
    np.testing.assert_allclose(p, [0.9, -1.1], rtol=1e-6)
    q, _ = impl(name)(1.0, -3.0, None, lr=0.1, weight_decay=0.0)
    assert np.shape(q) == () and math.isclose(float(q), 1.1, rel_tol=1e-6)


# ---------------------------------------------------------------------------
# Reference only
# ---------------------------------------------------------------------------


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
def test_non_finite_input_is_refused_and_messages_name_the_argument(impl, name):
    step = impl(name)
    with pytest.raises(ValueError, match="param and grad must contain only finite numbers"):
        step(np.ones(2), np.array([1.0, np.nan]), None)
    with pytest.raises(ValueError, match=r"grad must have the shape of param, \(3,\)"):
        step(np.ones(3), np.ones(4), None)
    with pytest.raises(ValueError, match=r"betas\[0\] must satisfy 0 <= beta < 1"):
        step(np.ones(3), np.ones(3), None, betas=(1.0, 0.5))
    with pytest.raises(ValueError, match="lr must be >= 0"):
        step(np.ones(3), np.ones(3), None, lr=-1.0)
    with pytest.raises(TypeError, match="state must be None or the dict"):
        step(np.ones(3), np.ones(3), [0, 1])
    with pytest.raises(ValueError, match=r"state is missing the keys \['v'\]"):
        step(np.ones(3), np.ones(3), {"step": 1, "m": np.zeros(3)})
    with pytest.raises(ValueError, match="state\\['v'\\] finite and >= 0"):
        step(np.ones(3), np.ones(3), {"step": 1, "m": np.zeros(3), "v": -np.ones(3)})


@pytest.mark.reference_only
def test_adamw_zero_gradient_decay_is_bitwise_the_multiplication(impl):
    # Our kernel multiplies by (1 − lr·λ), as torch does (param.mul_), rather than
    # subtracting lr·λ·param: the result is bit for bit param·(1 − lr·λ).
    params = np.random.default_rng(3).standard_normal(1000)
    p, _ = impl("adamw_step")(params, np.zeros(1000), None, lr=0.3, weight_decay=0.7)
    np.testing.assert_array_equal(p, params * (1 - 0.3 * 0.7))
