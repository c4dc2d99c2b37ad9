"""Tests of ``mathlab.gallery``: the command line, the PNG files, and the numbers drawn.

The gallery is a tool, not an exercise, so its functions are imported directly.
Each figure's numbers come from a ``*_data`` function that the plotting code
draws unchanged; every one is checked here against an independent oracle
(exact binomial sums, SciPy's distributions, the Polyak–Ruppert definition,
convergence bounds).  Drawing tests need matplotlib and skip without it; the
data tests do not.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import linalg, stats

from mathlab import gallery

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def drawing() -> None:
    """Skip a test that draws when matplotlib is missing."""
    pytest.importorskip("matplotlib")


def _assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, f"{path.name} is not a PNG"
    # A blank 650 x 400 canvas compresses to ~2 KB; axes, text and curves take far more.
    assert len(data) > 10_000, f"{path.name} is suspiciously small: {len(data)} bytes"
    assert len(data) < 200_000, f"{path.name} is too large for a README: {len(data)} bytes"


# ---------------------------------------------------------------------------
# Command line and files
# ---------------------------------------------------------------------------


def test_main_writes_exactly_one_png_per_figure(drawing, tmp_path, capsys):
    written = gallery.main([str(tmp_path)])
    expected = {f"{name}.png" for name in gallery.FIGURES}
    assert {p.name for p in tmp_path.iterdir()} == expected
    assert [p.name for p in written] == [f"{name}.png" for name in gallery.FIGURES]
    for path in written:
        _assert_png(path)
    assert capsys.readouterr().out.split() == [str(p) for p in written]


def test_only_writes_just_the_named_figures(drawing, tmp_path):
    outdir = tmp_path / "new" / "folder"  # created on demand
    written = gallery.main([str(outdir), "--only", "gd_vs_cg", "arcsine_law"])
    assert sorted(p.name for p in outdir.iterdir()) == ["arcsine_law.png", "gd_vs_cg.png"]
    assert sorted(p.name for p in written) == ["arcsine_law.png", "gd_vs_cg.png"]


def test_unknown_figure_name_is_refused_with_the_valid_names(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        gallery.main([str(tmp_path), "--only", "arcsine_law", "no_such_figure"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "no_such_figure" in err
    assert "gd_vs_cg" in err  # the message lists the valid names
    assert list(tmp_path.iterdir()) == []  # nothing drawn before the refusal


def test_outdir_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("not a folder")
    with pytest.raises(SystemExit):
        gallery.main([str(target)])
    assert "not a folder" in capsys.readouterr().err


def test_missing_matplotlib_says_how_to_install_it(tmp_path, monkeypatch):
    # A None entry in sys.modules makes `import matplotlib` raise ImportError,
    # as it would in an environment without the `plot` extra.
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install '\.\[plot\]'"):
        gallery.plot_arcsine_law(tmp_path, n=4)
    assert list(tmp_path.iterdir()) == []


def test_redrawing_gives_identical_bytes(drawing, tmp_path):
    # Fixed seeds and no timestamp: regenerating a README image changes nothing.
    first = gallery.plot_poisson_histogram(tmp_path / "a", size=500).read_bytes()
    second = gallery.plot_poisson_histogram(tmp_path / "b", size=500).read_bytes()
    assert first == second


# ---------------------------------------------------------------------------
# The numbers each figure draws
# ---------------------------------------------------------------------------


@given(
    n=st.integers(1, 40),
    p=st.integers(2, 20).flatmap(lambda b: st.builds(Fraction, st.integers(1, b - 1), st.just(b))),
)
def test_walk_data_is_the_binomial_law_and_its_normal_limit(n, p):
    d = gallery.walk_distribution_data(n, p)
    q = 1 - p
    # Oracle: S_n = 2·(number of +1 steps) - n, and that number is Binomial(n, p).
    oracle = {2 * j - n: math.comb(n, j) * p**j * q ** (n - j) for j in range(n + 1)}
    assert d.positions.tolist() == sorted(oracle)
    np.testing.assert_allclose(d.probabilities, [float(oracle[x]) for x in sorted(oracle)])
    assert math.isclose(d.probabilities.sum(), 1.0, rel_tol=1e-12)
    mu, sigma = n * float(2 * p - 1), math.sqrt(4 * n * float(p * q))
    np.testing.assert_allclose(d.limit, 2 * stats.norm.pdf(d.positions, mu, sigma), rtol=1e-12)


def test_walk_data_approaches_the_normal_limit_at_the_drawn_size():
    # Local CLT: the error of the lattice approximation is O(1/n) at n = 100.
    for p in (Fraction(1, 2), Fraction(3, 5)):
        d = gallery.walk_distribution_data(100, p)
        assert np.max(np.abs(d.probabilities - d.limit)) < 2e-3


@given(n=st.integers(1, 60))
def test_arcsine_data_is_the_exact_law_of_the_last_zero(n):
    d = gallery.arcsine_data(n)
    # Oracle: P(last zero at 2k) = C(2k, k)·C(2n - 2k, n - k) / 4^n, summed exactly.
    terms = [
        Fraction(math.comb(2 * k, k) * math.comb(2 * n - 2 * k, n - k), 4**n) for k in range(n + 1)
    ]
    assert list(d.pmf) == terms
    assert list(d.cdf) == [sum(terms[: k + 1], Fraction(0)) for k in range(n + 1)]
    assert d.cdf[-1] == 1
    if n % 2 == 0:  # x = 1/2 is a lattice point: symmetry leaves exactly half the middle term
        assert d.cdf[n // 2] == Fraction(1, 2) + terms[n // 2] / 2
    np.testing.assert_allclose(d.x, np.arange(n + 1) / n)
    np.testing.assert_allclose(d.limit_cdf, stats.arcsine.cdf(d.x), atol=1e-15)


@given(lam=st.floats(0, 30), size=st.integers(1, 300), seed=st.integers(0, 2**32))
def test_poisson_data_counts_every_sample_once(lam, size, seed):
    d = gallery.poisson_histogram_data(lam, size, seed)
    assert d.counts.sum() == size
    # Oracle: count the same draws (same seed) with collections.Counter.
    samples = gallery.sample_poisson(lam, size=size, rng=np.random.default_rng(seed))
    counted = Counter(samples.tolist())
    assert d.k.tolist() == list(range(len(d.k)))
    assert d.counts.tolist() == [counted.get(k, 0) for k in d.k.tolist()]
    np.testing.assert_allclose(
        d.expected, size * stats.poisson.pmf(d.k, lam), rtol=1e-9, atol=1e-300
    )


def test_robbins_monro_data_averages_and_converges():
    d = gallery.robbins_monro_data(alpha=0.9, n_steps=4000, n_seeds=8)
    assert d.theta == pytest.approx(stats.norm.ppf(0.9), abs=1e-12)
    assert d.classic.shape == d.plain.shape == d.averaged.shape == (8, 4001)
    # Oracle: the Polyak–Ruppert average is the running mean of x_1..x_n of the same run.
    running = np.cumsum(d.plain[:, 1:], axis=1) / np.arange(1, 4001)
    np.testing.assert_allclose(d.averaged[:, 1:], running, rtol=1e-12, atol=1e-12)
    assert np.all(d.averaged[:, 0] == 0.0) and np.all(d.plain[:, 0] == 0.0)
    slope = stats.norm.pdf(d.theta)
    optimal = math.sqrt(0.9 * 0.1) / slope / np.sqrt(np.arange(1, 4001))
    np.testing.assert_allclose(d.optimal_sd, optimal, rtol=1e-12)
    # Convergence (fixed seeds, so deterministic; theory: RMS/optimal → 1, and the
    # 8-seed RMS has a relative sd of ~25%, so a factor 2.5 leaves a wide margin).
    rms = {
        key: math.sqrt(np.mean((getattr(d, key)[:, -1] - d.theta) ** 2))
        for key in ("classic", "plain", "averaged")
    }
    assert rms["averaged"] < 2.5 * d.optimal_sd[-1]
    assert rms["classic"] > 2 * rms["averaged"]  # 1/n steps are too timid at slope 0.18 < 1/2


@given(dim=st.integers(2, 12), kappa=st.floats(1, 50), seed=st.integers(0, 2**16))
def test_gd_vs_cg_data_errors_obey_the_convergence_theory(dim, kappa, seed):
    d = gallery.gd_vs_cg_data(dim, kappa, seed)
    # The problem is the one announced: spectrum linspace(1, κ), minimiser x*.
    np.testing.assert_allclose(np.linalg.eigvalsh(d.A), np.linspace(1, kappa, dim), rtol=1e-10)
    np.testing.assert_allclose(linalg.solve(2 * d.A, -d.b), d.x_star, atol=1e-10)
    assert d.gd_errors[0] == pytest.approx(1.0) and d.cg_errors[0] == pytest.approx(1.0)
    # Both error curves decrease (CG's Euclidean error is monotone too, Hestenes–Stiefel),
    # up to round-off near the floor.
    assert np.all(np.diff(d.gd_errors) <= 1e-12)
    assert np.all(np.diff(d.cg_errors) <= 1e-12)
    # Gradient descent with lr = 1/L: each step shrinks the error by at least 1 - 1/κ.
    k = np.arange(len(d.gd_errors))
    assert np.all(d.gd_errors <= (1 - 1 / kappa) ** k * (1 + 1e-9) + 1e-12)
    # CG: at most dim steps (dim + 1 iterates) and then essentially exact.
    assert len(d.cg_errors) <= dim + 1
    assert d.cg_errors[-1] < 1e-8
    assert d.gd_errors[-1] < 1e-8


def test_gd_vs_cg_data_at_the_drawn_size_shows_the_gap():
    d = gallery.gd_vs_cg_data()
    assert len(d.cg_errors) <= 51 and d.cg_errors[-1] < 1e-8
    assert len(d.gd_errors) > 20 * len(d.cg_errors)  # O(κ) against O(√κ) iterations


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: gallery.walk_distribution_data(0), ValueError, "n"),
        (lambda: gallery.walk_distribution_data(1.5), TypeError, "n"),
        (lambda: gallery.walk_distribution_data(10, 1), ValueError, "p"),
        (lambda: gallery.walk_distribution_data(10, 0), ValueError, "p"),
        (lambda: gallery.arcsine_data(0), ValueError, "n"),
        (lambda: gallery.arcsine_data("5"), TypeError, "n"),
        (lambda: gallery.poisson_histogram_data(-1.0), ValueError, "lam"),
        (lambda: gallery.poisson_histogram_data(2e6), ValueError, "lam"),
        (lambda: gallery.poisson_histogram_data(1.0, size=0), ValueError, "size"),
        (lambda: gallery.poisson_histogram_data(1.0, seed=-1), ValueError, "seed"),
        (lambda: gallery.robbins_monro_data(alpha=1.0), ValueError, "alpha"),
        (lambda: gallery.robbins_monro_data(n_steps=0), ValueError, "n_steps"),
        (lambda: gallery.robbins_monro_data(n_seeds=0), ValueError, "n_seeds"),
        (lambda: gallery.gd_vs_cg_data(dim=1), ValueError, "dim"),
        (lambda: gallery.gd_vs_cg_data(kappa=0.5), ValueError, "kappa"),
        (lambda: gallery.gd_vs_cg_data(kappa=5000), ValueError, "kappa"),
    ],
)
def test_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=name):
        call()
