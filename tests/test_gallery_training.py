"""Tests of the two training figures of ``mathlab.gallery``: ``adam_vs_adamw`` and
``mixed_precision``.

The gallery is a tool, not an exercise, so its functions are imported
directly.  The numbers each figure draws come from a ``*_data`` function and
are checked against independent oracles: the literal Adam/AdamW loop of
PyTorch's documentation run on the same loss
(:func:`tests.oracles_training.adam_trajectory_reference`), the ridge solution
from ``numpy.linalg.solve``, the float16 SGD loop with NumPy's casts
(:func:`tests.oracles_training.mixed_precision_reference`) and the closed form
of exact SGD on a quadratic.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathlab import gallery
from tests.oracles_training import adam_trajectory_reference, mixed_precision_reference

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NEW_FIGURES = ["adam_vs_adamw", "mixed_precision"]


@pytest.fixture
def drawing() -> None:
    """Skip a test that draws when matplotlib is missing."""
    pytest.importorskip("matplotlib")


def _assert_png(path) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, f"{path.name} is not a PNG"
    assert 10_000 < len(data) < 200_000, f"{path.name}: {len(data)} bytes"


# ---------------------------------------------------------------------------
# Command line and files
# ---------------------------------------------------------------------------


def test_the_training_figures_are_in_the_gallery_and_its_command_line(drawing, tmp_path, capsys):
    assert gallery.FIGURES[-2:] == tuple(NEW_FIGURES)
    written = gallery.main([str(tmp_path), "--only", *NEW_FIGURES])
    assert [p.name for p in written] == [f"{name}.png" for name in NEW_FIGURES]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    for path in written:
        _assert_png(path)
    assert capsys.readouterr().out.split() == [str(p) for p in written]


def test_redrawing_gives_identical_bytes(drawing, tmp_path):
    first = gallery.plot_mixed_precision(tmp_path / "a", n_steps=300).read_bytes()
    second = gallery.plot_mixed_precision(tmp_path / "b", n_steps=300).read_bytes()
    assert first == second


# ---------------------------------------------------------------------------
# adam_vs_adamw: the numbers
# ---------------------------------------------------------------------------


def _regularised_loss(d, w):
    return 0.5 * np.sum(d.curvature * (w - d.center) ** 2) + 0.5 * d.weight_decay * np.sum(w * w)


@settings(max_examples=20)
@given(
    kappa=st.floats(1, 1e3),
    weight_decay=st.floats(0.05, 5),
    lr=st.floats(1e-3, 0.1),
    n_steps=st.integers(1, 150),
)
def test_adam_vs_adamw_trajectories_are_the_documented_algorithms(kappa, weight_decay, lr, n_steps):
    d = gallery.adam_vs_adamw_data(kappa, weight_decay, lr, n_steps)
    h = np.array([kappa, 1.0])
    assert d.adam.shape == d.adamw.shape == (n_steps + 1, 2)
    for path, decoupled in ((d.adam, False), (d.adamw, True)):
        expected = adam_trajectory_reference(
            [-1.5, -1.0],
            lambda w: h * (np.array(w) - 1.0),
            n_steps,
            lr,
            (0.9, 0.999),
            1e-8,
            weight_decay,
            decoupled,
        )
        np.testing.assert_allclose(path, expected, rtol=1e-9, atol=1e-12)
    ridge = np.linalg.solve(np.diag(h) + weight_decay * np.eye(2), h * 1.0)
    np.testing.assert_allclose(d.ridge, ridge, rtol=1e-14)


def test_adam_l2_and_adamw_converge_to_different_places_at_the_drawn_size():
    d = gallery.adam_vs_adamw_data()
    # Adam with L2 decay minimises the regularised loss: it ends at its minimiser.
    np.testing.assert_allclose(d.adam[-1], d.ridge, atol=1e-9)
    # AdamW ends at the corner (1/λ, 1/λ) of its box |w_i| <= 1/λ (λ = 2 > 1 here):
    # both coordinates alike, whatever their curvature (100 and 1).
    np.testing.assert_allclose(d.adamw[-1], [0.5, 0.5], atol=2e-3)
    assert np.linalg.norm(d.adamw[-1] - d.ridge) > 0.4
    assert _regularised_loss(d, d.adamw[-1]) > _regularised_loss(d, d.adam[-1]) + 0.1


# ---------------------------------------------------------------------------
# mixed_precision: the numbers
# ---------------------------------------------------------------------------


def test_mixed_precision_data_at_the_drawn_size():
    d = gallery.mixed_precision_data()
    n = len(d.exact) - 1
    assert n == 10_000
    # Pure float16: 1.0 never moves; each update lr·|g| = 1e-4·0.5 is below half the
    # float16 step below 1.0, which is 2^-11 (10 fraction bits, exponent −1).
    assert np.all(d.float16_only == 1.0)
    np.testing.assert_allclose(d.update, 1e-4 * 0.5, rtol=1e-15)
    np.testing.assert_array_equal(d.half_spacing, 2.0**-12)
    # Master weights: the float16 copy follows exact SGD, w_k = 0.5 + 0.5(1 − lr)^k,
    # within one float16 step (2^-11 on [0.5, 1)).
    exact = 0.5 + 0.5 * (1 - 1e-4) ** np.arange(n + 1)
    np.testing.assert_allclose(d.exact, exact, rtol=1e-13)
    assert np.max(np.abs(d.master_weights - exact)) <= 2.0**-11
    assert d.master_weights[-1] < 0.7


@settings(max_examples=15)
@given(
    lr=st.floats(1e-5, 0.05),
    n_steps=st.integers(1, 60),
    w0=st.floats(-8, 8),
    target=st.floats(-8, 8),
)
def test_mixed_precision_data_is_the_float16_loop(lr, n_steps, w0, target):
    d = gallery.mixed_precision_data(lr, n_steps, w0, target)

    def grad(w):
        return w - target

    for path, master in ((d.float16_only, False), (d.master_weights, True)):
        expected = mixed_precision_reference(np.float64(w0), grad, lr, n_steps, master)
        np.testing.assert_array_equal(path, expected)
    np.testing.assert_allclose(
        d.exact, target + (w0 - target) * (1 - lr) ** np.arange(n_steps + 1), rtol=1e-12
    )
    np.testing.assert_allclose(d.update, lr * np.abs(d.float16_only - target), rtol=1e-15)
    # The float16 neighbour towards the target lies 2·half_spacing away, and nothing
    # representable in float16 lies strictly between.
    toward = np.where(target >= d.float16_only, 1.0, -1.0)
    neighbour = d.float16_only + toward * 2 * d.half_spacing
    representable = neighbour.astype(np.float16).astype(np.float64)
    moved = d.float16_only != target
    np.testing.assert_array_equal(representable[moved], neighbour[moved])


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: gallery.adam_vs_adamw_data(kappa=0.5), ValueError, "kappa"),
        (lambda: gallery.adam_vs_adamw_data(kappa=1e5), ValueError, "kappa"),
        (lambda: gallery.adam_vs_adamw_data(weight_decay=0.0), ValueError, "weight_decay"),
        (lambda: gallery.adam_vs_adamw_data(lr=2.0), ValueError, "lr"),
        (lambda: gallery.adam_vs_adamw_data(n_steps=0), ValueError, "n_steps"),
        (lambda: gallery.adam_vs_adamw_data(n_steps=1.5), TypeError, "n_steps"),
        (lambda: gallery.mixed_precision_data(lr=0.0), ValueError, "lr"),
        (lambda: gallery.mixed_precision_data(lr=1.0), ValueError, "lr"),
        (lambda: gallery.mixed_precision_data(n_steps=0), ValueError, "n_steps"),
        (lambda: gallery.mixed_precision_data(w0=5000.0), ValueError, "w0"),
        (lambda: gallery.mixed_precision_data(target="x"), TypeError, "target"),
    ],
)
def test_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=name):
        call()
