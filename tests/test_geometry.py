"""Properties of ``algorithms.geometry``.

Oracles (``tests/oracles_geometry.py`` unless noted), all independent of the code under
test: brute-force hull from all-pairs half-plane tests, O(n^2) closest/farthest pairs,
Cramer's rule for lines and segments, an upward-ray even-odd test for point in polygon,
triangle fans for area and centroid, O(n^4) exhaustive smallest circle -- all in exact
Fraction arithmetic; plus ``cmath`` for rotations, shapely for float polygons and
segment distances, SciPy's ``ConvexHull`` and ``cKDTree`` for larger float inputs.

Points are drawn from small grids: ints in [-4, 4], Fractions with denominators up to 3,
and "dyadic" floats k/4.  The grids make repeated and collinear points common, which is
where geometry code breaks.  Dyadic floats multiply exactly, and every non-zero cross
product of grid points is far above EPS, so float results can be compared with the exact
oracle too (exactly where no division is involved, else with a tolerance) -- and a
solution that compares floats with another tolerance, or none, decides them alike.

Large ints are drawn too, up to the statement's 10^9, where a float computation cancels:
points a few units from a segment some 10^9 long, nearly parallel lines, small or thin
polygons far from the origin.  The answer is still due to a relative 1e-9, which exact
int arithmetic up to the last division or square root meets, and converting to floats
first does not.

Judge tiers (see ``practice/tiers.py``):

* core (unmarked): points are ``(x, y)`` tuples of ints or floats, as the statement
  says; a returned point may be any ``(x, y)`` sequence and a coordinate a float where
  the exact answer is a fraction (compared to a relative 1e-9); pairs in either order.
  Collinear, repeated and degenerate inputs are the point of these exercises and stay
  in core.
* ``contract``: Fraction coordinates and exact answers for exact input (int or Fraction
  coordinates, never a float), points given as lists, other iterables and NumPy
  numbers, the float tolerance EPS on near-collinear floats, and bad input raising
  the documented exception type.
* ``reference_only``: returned points are :class:`Point`, pairs in ``(x, y)`` order,
  lengths are floats, error wording, and the smallest circle's private random state.
"""

from __future__ import annotations

import cmath
import contextlib
import copy
import math
import random
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.spatial import ConvexHull, cKDTree

from algorithms.geometry import EPS, Point
from tests import oracles_geometry as oracle
from tests.oracles_geometry import F, Fs

# ---------------------------------------------------------------------------
# Strategies

INTS = st.integers(-4, 4)
FRACTIONS = st.fractions(min_value=-2, max_value=2, max_denominator=3)
DYADIC = st.integers(-16, 16).map(lambda k: k / 4)
GRID = st.one_of(INTS, DYADIC)  # within the statement: ints and floats
EXACT_COORD = st.one_of(INTS, FRACTIONS)  # contract: exact arithmetic
COORD = st.one_of(INTS, FRACTIONS, DYADIC)
BIG = 10**9  # the topic's bound on int coordinates: |x|, |y| <= BIG


def points(coord: st.SearchStrategy = GRID, *, lists: bool = False) -> st.SearchStrategy:
    """Points as plain tuples or as Points; with ``lists`` also as lists (a contract)."""
    pair = st.tuples(coord, coord)
    forms = [pair, pair.map(lambda p: Point(*p))]
    if lists:
        forms.append(pair.map(list))
    return st.one_of(*forms)


def any_points() -> st.SearchStrategy:
    """Every accepted form: tuples, Points and lists of ints, Fractions and floats."""
    return points(COORD, lists=True)


def point_lists(
    min_size: int = 0, max_size: int = 12, coord: st.SearchStrategy = GRID, *, lists: bool = False
) -> st.SearchStrategy:
    return st.lists(points(coord, lists=lists), min_size=min_size, max_size=max_size)


def has_float(*pts: Any) -> bool:
    return any(isinstance(c, float) for p in pts for c in p)


def is_exact_number(v: Any) -> bool:
    return type(v) in (int, Fraction)


def close(got: Any, want: Any) -> bool:
    """Equal to a relative (or, near zero, absolute) 1e-9: a float may stand for a fraction."""
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def readable(v: Any) -> Any:
    """An exact answer as a learner would write it: an int when whole, else a float."""
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else float(v)
    if isinstance(v, (tuple, list)):
        return type(v)(readable(x) for x in v)
    return v


def assert_close_point(got: Any, want: oracle.FPoint) -> None:
    """Core: any (x, y) sequence whose coordinates are close to the exact answer."""
    x, y = got
    assert close(x, want[0]) and close(y, want[1]), f"got {tuple(got)}, want {readable(want)}"


def assert_point(p: Any) -> None:
    """Outputs are Points: tuples of two with .x and .y."""
    assert isinstance(p, tuple) and len(p) == 2 and (p.x, p.y) == (p[0], p[1])


def assert_same_point(got: Any, want: oracle.FPoint, exact: bool) -> None:
    """A Point, exactly the answer (int or Fraction coordinates) when ``exact``."""
    assert_point(got)
    if exact:
        assert_exact_point(got, want)
    else:
        assert math.isclose(got[0], want[0], abs_tol=1e-9)
        assert math.isclose(got[1], want[1], abs_tol=1e-9)


def assert_exact_point(got: Any, want: oracle.FPoint) -> None:
    """Contract: exact input gives exact coordinates (int or Fraction), equal to the answer."""
    assert len(got) == 2 and all(map(is_exact_number, got)), f"exact input gave {got!r}"
    assert F(got) == want


def as_tuples(pts: Any) -> list[tuple[Any, ...]]:
    return [tuple(p) for p in pts]


# ---------------------------------------------------------------------------
# Point (a class of the library, not an exercise: no judge tier)


@given(any_points(), any_points(), st.one_of(INTS, FRACTIONS, DYADIC))
def test_point_arithmetic_is_componentwise(a, b, k):
    a, b = Point(*a), Point(*b)
    (ax, ay), (bx, by) = Fs([a, b])
    fk = Fraction(k)
    exact = not has_float(a, b) and not isinstance(k, float)
    exact_ab = not has_float(a, b)

    def same(got, want):
        assert_same_point(got, want, exact)

    same(a + b, (ax + bx, ay + by))
    same(a + tuple(b), (ax + bx, ay + by))
    same(tuple(a) + b, (ax + bx, ay + by))
    same(a - b, (ax - bx, ay - by))
    same(tuple(a) - b, (ax - bx, ay - by))
    same(a * k, (ax * fk, ay * fk))
    same(k * a, (ax * fk, ay * fk))
    same(-a, (-ax, -ay))
    if k != 0:
        same(a / k, (ax / fk, ay / fk))
    for got, want in [
        (a.dot(b), ax * bx + ay * by),
        (a.cross(b), ax * by - ay * bx),
        (a.norm2(), ax * ax + ay * ay),
    ]:
        if exact_ab:
            assert is_exact_number(got) and got == want
        else:
            assert math.isclose(got, want, abs_tol=1e-9)
    assert math.isclose(a.norm(), math.sqrt(ax * ax + ay * ay), rel_tol=1e-12)
    assert isinstance(a.norm(), float)


@given(any_points(), st.floats(-10, 10))
def test_point_rotate_and_angle_agree_with_complex_numbers(a, theta):
    a = Point(*a)
    z = complex(float(a.x), float(a.y))
    want = z * cmath.rect(1.0, theta)
    got = a.rotate(theta)
    assert_point(got)
    assert math.isclose(got.x, want.real, abs_tol=1e-12)
    assert math.isclose(got.y, want.imag, abs_tol=1e-12)
    assert a.angle() == pytest.approx(cmath.phase(z), abs=1e-15)


@given(any_points())
def test_point_perp_is_a_counter_clockwise_quarter_turn(a):
    a = Point(*a)
    p = a.perp()
    assert_point(p)
    assert Fraction(a.dot(p)) == 0
    assert Fraction(a.cross(p)) == Fraction(a.norm2())  # turning left: cross = |a|^2
    assert Fraction(p.norm2()) == Fraction(a.norm2())


def test_point_behaves_as_a_tuple_and_exact_division_stays_exact():
    p = Point(3, 4)
    assert p == (3, 4) and hash(p) == hash((3, 4)) and p.x == 3 and p.y == 4
    assert p / 2 == Point(Fraction(3, 2), 2)
    assert type((p / 2).y) is int  # whole quotients come back as int
    assert p * 2 == Point(6, 8) and p * 2 != (3, 4, 3, 4)  # not tuple repetition
    with pytest.raises(ZeroDivisionError):
        p / 0
    with pytest.raises(TypeError):
        p * "a"


# ---------------------------------------------------------------------------
# sign, cross, orientation


@given(st.integers(), st.floats(0, 1e6))
def test_sign_of_ints_ignores_eps(impl, x, eps):
    sign = impl("sign")
    assert sign(x, eps) == (x > 0) - (x < 0)
    assert sign(x) == (x > 0) - (x < 0)


@given(st.floats(allow_nan=False), st.floats(0, 1e6))
def test_sign_of_floats_is_zero_within_eps(impl, x, eps):
    sign = impl("sign")
    want = 0 if abs(x) <= eps else (1 if x > 0 else -1)
    assert sign(x, eps) == want


def test_sign_examples(impl):
    sign = impl("sign")
    assert sign(1e-12) == 0 and sign(-1e-12, eps=0) == -1
    assert sign(EPS) == 0 and sign(2 * EPS) == 1
    assert sign(-3) == -1 and sign(0) == 0 and sign(0.0) == 0 and sign(10**30, eps=10) == 1


@pytest.mark.contract
@given(st.fractions(), st.floats(0, 1e6))
def test_sign_of_fractions_ignores_eps(impl, x, eps):
    sign = impl("sign")
    assert sign(x, eps) == (x > 0) - (x < 0)
    assert sign(Fraction(1, 10**40)) == 1  # exact: tiny but not zero


@given(points(), points(), points())
def test_cross_and_orientation_equal_the_exact_determinant(impl, o, a, b):
    cross, orientation = impl("cross"), impl("orientation")
    fo, fa, fb = Fs([o, a, b])
    want = (fa[0] - fo[0]) * (fb[1] - fo[1]) - (fa[1] - fo[1]) * (fb[0] - fo[0])
    got = cross(o, a, b)
    if has_float(o, a, b):
        assert math.isclose(got, want, abs_tol=1e-9), f"got {got}, want {readable(want)}"
    else:
        assert got == want
    assert orientation(o, a, b) == oracle.turn(fo, fa, fb)


@given(points(), points(), points())
def test_orientation_is_antisymmetric_and_cyclic(impl, a, b, c):
    orientation = impl("orientation")
    o = orientation(a, b, c)
    assert o in (-1, 0, 1)
    assert orientation(b, c, a) == orientation(c, a, b) == o
    assert orientation(b, a, c) == orientation(a, c, b) == orientation(c, b, a) == -o


def test_orientation_of_large_ints_is_exact(impl):
    orientation = impl("orientation")
    assert orientation((0, 0), (10**9, 1), (-(10**9), -1)) == 0
    assert orientation((0, 0), (10**9, 1), (-(10**9), 0)) == 1
    assert orientation((-(10**9), 10**9), (10**9, -(10**9)), (10**9 - 1, -(10**9))) == -1


@pytest.mark.contract
def test_orientation_uses_eps_for_floats_and_exact_arithmetic_otherwise(impl):
    orientation = impl("orientation")
    # 0.1, 0.2, 0.3 are not exactly collinear as floats, but within EPS...
    assert orientation((0.1, 0.1), (0.2, 0.2), (0.3, 0.3)) == 0
    # ...while exact coordinates are decided exactly, however small the turn.
    tiny = Fraction(1, 10**30)
    assert orientation((0, 0), (1, 0), (2, tiny)) == 1
    assert orientation((0, 0), (10**30, 1), (2 * 10**30, 2)) == 0
    assert orientation((0, 0), (10**30, 1), (2 * 10**30, 3)) == 1


# ---------------------------------------------------------------------------
# Segments and lines


@given(points(), points(), points())
def test_on_segment_matches_the_parametric_test(impl, p, a, b):
    on_segment = impl("on_segment")
    assert on_segment(p, a, b) == oracle.on_closed_segment(*Fs([p, a, b]))


@given(points(), points(), points(), points())
def test_segment_intersection_matches_the_parametric_solution(impl, a, b, c, d):
    segment_intersection = impl("segment_intersection")
    segments_intersect = impl("segments_intersect")
    want = oracle.segment_intersection(a, b, c, d)
    got = segment_intersection(a, b, c, d)
    assert len(got) == len(want), (got, want)
    for g, w in zip(got, want, strict=True):
        assert_close_point(g, w)
    assert segments_intersect(a, b, c, d) == bool(want)
    # The segments' order and the endpoints' order do not matter.
    assert segments_intersect(d, c, b, a) == bool(want)
    assert len(segment_intersection(c, d, b, a)) == len(want)


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "want"),
    [
        ((0, 0), (4, 0), (0, 1), (4, 1), []),  # parallel, disjoint
        ((0, 0), (4, 0), (5, 0), (9, 0), []),  # collinear, disjoint
        ((0, 0), (4, 0), (4, 0), (9, 0), [(4, 0)]),  # collinear, touching at one point
        ((0, 0), (4, 0), (6, 0), (2, 0), [(2, 0), (4, 0)]),  # overlap: its two ends
        ((0, 0), (4, 4), (1, 1), (2, 2), [(1, 1), (2, 2)]),  # one inside the other
        ((0, 0), (4, 4), (4, 4), (0, 0), [(0, 0), (4, 4)]),  # the same segment
        ((0, 0), (4, 0), (2, 0), (2, 5), [(2, 0)]),  # T-junction
        ((0, 0), (4, 0), (2, 0), (2, 0), [(2, 0)]),  # zero-length segment on the other
        ((0, 0), (4, 0), (2, 1), (2, 1), []),  # zero-length segment off the other
        ((1, 1), (1, 1), (1, 1), (1, 1), [(1, 1)]),  # two equal points
        ((1, 1), (1, 1), (1, 2), (1, 2), []),  # two different points
        ((0, 0), (1, 3), (0, 1), (1, 0), [(0.25, 0.75)]),
        ((0.0, 0.0), (2.0, 2.0), (0.0, 2.0), (2.0, 0.0), [(1.0, 1.0)]),
    ],
)
def test_segment_intersection_degenerate_cases(impl, a, b, c, d, want):
    got = impl("segment_intersection")(a, b, c, d)
    assert len(got) == len(want), got
    for g, w in zip(got, want, strict=True):
        assert_close_point(g, w)
    assert impl("segments_intersect")(a, b, c, d) == bool(want)


@given(points(), points(), points(), points())
def test_line_intersection_matches_cramers_rule(impl, a, b, c, d):
    line_intersection = impl("line_intersection")
    assume(F(a) != F(b) and F(c) != F(d))
    want = oracle.line_intersection(a, b, c, d)
    got = line_intersection(a, b, c, d)
    if want is None:
        assert got is None
    else:
        assert_close_point(got, want)


def test_line_intersection_examples(impl):
    line_intersection = impl("line_intersection")
    assert_close_point(line_intersection((0, 0), (1, 1), (0, 1), (1, 0)), (0.5, 0.5))
    assert line_intersection((0, 0), (1, 1), (0, 1), (1, 2)) is None  # parallel
    assert line_intersection((0, 0), (1, 1), (2, 2), (5, 5)) is None  # the same line
    assert_close_point(line_intersection((0, 0), (2, 0), (0, 3), (1, 6)), (-1, 0))
    assert_close_point(line_intersection((0, 0), (3, 1), (0, 1), (1, 0)), (0.75, 0.25))


@st.composite
def nearly_parallel_int_lines(draw) -> tuple[tuple[int, int], ...]:
    """(a, b, c, d): int points within 10^9; c d is a b moved by a few units and turned
    by a few units at the far end, so ``(b - a) x (d - c)`` is about 10^9 while each of
    its two products is about 10^17: computed in floats, each product is rounded by up
    to 32, an error of about 1e-8 of the difference, and of the answer."""
    # a and b - a within 5·10^8 - 6, so that d, 6 units from b at most, is within 10^9
    big = st.integers(10**8, 5 * 10**8 - 6).flatmap(lambda v: st.sampled_from([v, -v]))
    small = st.integers(-3, 3)
    a = (draw(big), draw(big))
    u = (draw(big), draw(big))
    f = (draw(small), draw(small))
    e = (draw(small), draw(small))
    b = (a[0] + u[0], a[1] + u[1])
    c = (a[0] + f[0], a[1] + f[1])
    d = (b[0] + f[0] + e[0], b[1] + f[1] + e[1])
    return a, b, c, d


@given(nearly_parallel_int_lines())
def test_line_intersection_of_nearly_parallel_lines_of_large_ints(impl, lines):
    a, b, c, d = lines
    want = oracle.line_intersection(a, b, c, d)
    got = impl("line_intersection")(a, b, c, d)
    if want is None:  # e parallel to b - a: truly parallel, decided exactly for ints
        assert got is None
        return
    # Both coordinates at least 1e-3 of the inputs' size, so that the statement's hint
    # a + t·(b - a), with t rounded to a float, is also within a relative 1e-9.
    assume(min(abs(want[0]), abs(want[1])) >= 10**6)
    assert got is not None, f"got None, want {readable(want)}"
    assert_close_point(got, want)


# Consecutive Fibonacci numbers (Cassini): (F44, F43) x (F43, F42) = -1, the smallest
# cross product of int directions that are not parallel.  Lines through the origin meet
# there; moved apart by 1 or a few units, they meet some 10^17 or 10^25 away.
FIB_42, FIB_43, FIB_44 = 267914296, 433494437, 701408733


@pytest.mark.parametrize(
    ("a", "b", "c", "d"),
    [
        ((-FIB_44, -FIB_43), (0, 0), (0, 0), (FIB_43, FIB_42)),  # meet at the origin
        ((-FIB_44, -FIB_43), (0, 0), (1, 0), (FIB_43 + 1, FIB_42)),
        ((-(10**8), 5), (FIB_44 - 10**8, FIB_43 + 5), (3, -7), (FIB_43 + 3, FIB_42 - 7)),
        # Two near-diagonals of the whole box, crossing at (10^9/3, 10^9/3 - 1).
        ((-BIG, 1 - BIG), (BIG, BIG - 2), (3 - BIG, 2 - BIG), (BIG - 1, BIG - 2)),
    ],
)
def test_line_intersection_examples_with_large_ints(impl, a, b, c, d):
    want = oracle.line_intersection(a, b, c, d)
    got = impl("line_intersection")(a, b, c, d)
    assert got is not None, f"got None, want {readable(want)}"
    assert_close_point(got, want)


@pytest.mark.contract
def test_line_intersection_without_a_line_is_a_value_error(impl):
    line_intersection = impl("line_intersection")
    with pytest.raises(ValueError):
        line_intersection((1, 1), (1, 1), (0, 0), (1, 0))
    with pytest.raises(ValueError):
        line_intersection((0, 0), (1, 0), (2, 2), (2, 2))


@pytest.mark.reference_only
def test_line_intersection_error_names_the_points_and_whole_answers_are_ints(impl):
    line_intersection = impl("line_intersection")
    with pytest.raises(ValueError, match="a and b"):
        line_intersection((1, 1), (1, 1), (0, 0), (1, 0))
    with pytest.raises(ValueError, match="c and d"):
        line_intersection((0, 0), (1, 0), (2, 2), (2, 2))
    got = line_intersection((0, 0), (2, 0), (0, 3), (1, 6))
    assert got == (-1, 0) and type(got.x) is int and type(got.y) is int


@given(points(), points(), points())
def test_point_segment_distance_is_the_exact_distance_rounded(impl, p, a, b):
    got = impl("point_segment_distance")(p, a, b)
    want = math.sqrt(oracle.point_segment_dist2(p, a, b))
    assert close(got, want)


# Rounded to 1e-9: GEOS returns inf for segments shorter than about 1e-150.
SHAPELY_FLOATS = st.floats(-100, 100).map(lambda v: round(v, 9))


@given(st.lists(st.tuples(SHAPELY_FLOATS, SHAPELY_FLOATS), min_size=3, max_size=3))
def test_point_segment_distance_agrees_with_shapely_for_floats(impl, pts):
    p, a, b = pts
    segment = shapely.LineString([a, b]) if a != b else shapely.Point(a)
    want = segment.distance(shapely.Point(p))
    assert math.isclose(impl("point_segment_distance")(p, a, b), want, rel_tol=1e-9, abs_tol=1e-9)


# Large ints (|x|, |y| <= 10^9, as the topic allows): a point within a few units of a
# segment some 10^9 long.  A float projection ``a + t·(b - a)`` is off by about 1e-7
# there (the spacing of floats near 10^9), far above 1e-9 of a distance of a few units;
# int arithmetic is exact up to the final division or square root.


@st.composite
def near_long_segments(draw) -> tuple[tuple[int, int], ...]:
    """(p, a, b): int points, ``p`` within 8 units of a point of the segment ``a b``."""
    coord = st.integers(-BIG, BIG)
    a = (draw(coord), draw(coord))
    b = (draw(coord), draw(coord))
    s = draw(st.integers(0, 1000))  # where along the segment, in thousandths
    offset = st.integers(-8, 8)
    near = (a[0] + (b[0] - a[0]) * s // 1000, a[1] + (b[1] - a[1]) * s // 1000)
    p = tuple(min(max(v + draw(offset), -BIG), BIG) for v in near)
    return p, a, b


@given(near_long_segments())
def test_point_segment_distance_near_a_long_segment_of_large_ints(impl, pts):
    p, a, b = pts
    want = math.sqrt(oracle.point_segment_dist2(p, a, b))
    got = impl("point_segment_distance")(p, a, b)
    assert close(got, want), f"got {got!r}, want {want!r}"


@pytest.mark.parametrize(
    ("p", "a", "b"),
    [
        # 5.2049e-05 from a segment of length 6.2e8: a float projection gives 5.198e-05.
        ((691168740, 789885894), (684267724, 810706821), (879459360, 221797767)),
        ((12345, 12346), (-BIG, 1 - BIG), (BIG, BIG - 3)),  # 1.41423 from a diagonal
        ((BIG - 4, BIG - 3), (7 - BIG, 3 - BIG), (BIG - 1, BIG - 2)),  # 1.41421 near b
    ],
)
def test_point_segment_distance_examples_with_large_ints(impl, p, a, b):
    want = math.sqrt(oracle.point_segment_dist2(p, a, b))
    got = impl("point_segment_distance")(p, a, b)
    assert close(got, want), f"got {got!r}, want {want!r}"


# ---------------------------------------------------------------------------
# Polygons


@given(point_lists(max_size=9))
def test_polygon_area_matches_a_triangle_fan(impl, poly):
    polygon_area = impl("polygon_area")
    want = oracle.polygon_area(poly)
    for got, expected in [
        (polygon_area(poly, signed=True), want),
        (polygon_area(poly), abs(want)),
        (polygon_area(poly[::-1], signed=True), -want),
    ]:
        assert close(got, expected), f"got {got}, want {readable(expected)}"


@st.composite
def star_polygons(draw) -> list[tuple[float, float]]:
    """A simple counter-clockwise polygon: vertices at increasing angles about a centre.

    Vertex i sits at an angle in the middle part of the i-th of n equal sectors, so
    consecutive vertices are less than half a turn apart even for n = 3 (at most
    1.4 sectors, < 180 degrees): the centre then lies inside, every triangle
    (centre, v_i, v_i+1) turns left, and the polygon is star-shaped about the centre.
    """
    n = draw(st.integers(3, 10))
    cx, cy = draw(st.floats(-5, 5)), draw(st.floats(-5, 5))
    out = []
    for i in range(n):
        angle = 2 * math.pi * (i + draw(st.floats(0.3, 0.7))) / n
        r = draw(st.floats(0.5, 4))
        out.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return out


@given(star_polygons())
def test_star_polygons_are_simple_and_counter_clockwise(poly):
    # The generator's own promise, checked by GEOS (it once built clockwise triangles).
    shape = shapely.Polygon(poly)
    assert shape.is_valid and shape.exterior.is_ccw


@given(star_polygons())
def test_polygon_area_and_centroid_agree_with_shapely(impl, poly):
    shape = shapely.Polygon(poly)
    assert math.isclose(impl("polygon_area")(poly), shape.area, rel_tol=1e-9)
    assert impl("polygon_area")(poly, signed=True) > 0  # counter-clockwise by construction
    x, y = impl("polygon_centroid")(poly)
    assert x == pytest.approx(shape.centroid.x, abs=1e-9)
    assert y == pytest.approx(shape.centroid.y, abs=1e-9)


@given(point_lists(max_size=9))
def test_polygon_centroid_matches_a_triangle_fan(impl, poly):
    want = oracle.polygon_centroid(poly)
    assume(want is not None)  # zero area: no centroid (a contract below)
    assert_close_point(impl("polygon_centroid")(poly), want)


@pytest.mark.parametrize(
    ("poly", "want"),
    [
        ([(0, 0), (4, 0), (4, 4), (0, 4)], (2, 2)),
        ([(0, 0), (3, 0), (0, 3)], (1, 1)),
        ([(0, 0), (1, 0), (0, 1)], (1 / 3, 1 / 3)),
        ([(0, 4), (4, 4), (4, 0), (0, 0)], (2, 2)),  # clockwise
        ([(0, 0), (4, 0), (4, 1), (1, 1), (1, 4), (0, 4)], (19 / 14, 19 / 14)),  # an L
    ],
)
def test_polygon_centroid_examples(impl, poly, want):
    assert_close_point(impl("polygon_centroid")(poly), want)


@st.composite
def small_polygons_far_away(draw) -> list[tuple[int, int]]:
    """3 to 8 int vertices within 1000 of a corner point some 10^9 from the origin.

    Each shoelace term ``x_i·y_{i+1} - x_{i+1}·y_i`` is about 10^12, while their sum,
    twice the area, is at most 8·10^6: in floats the products (about 10^18) carry
    errors of about 100, which the cancellation makes a relative error of about 1e-4.
    """
    corner = st.integers(5 * 10**8, BIG - 1000).flatmap(lambda v: st.sampled_from([v, -v]))
    ox, oy = draw(corner), draw(corner)
    offset = st.integers(-1000, 1000)
    poly = draw(st.lists(st.tuples(offset, offset), min_size=3, max_size=8))
    return [(ox + dx, oy + dy) for dx, dy in poly]


@given(small_polygons_far_away())
def test_polygon_centroid_of_a_small_polygon_far_from_the_origin(impl, poly):
    want = oracle.polygon_centroid(poly)
    assume(want is not None)  # zero area: no centroid
    assert_close_point(impl("polygon_centroid")(poly), want)


@pytest.mark.parametrize(
    "poly",
    [
        [(BIG - 2, BIG - 1), (BIG - 1, BIG - 1), (BIG - 1, BIG)],  # area 1/2 in a corner
        [(17 - BIG, 3 - BIG), (BIG - 5, BIG - 11), (7, -4)],  # a sliver across the box
        [(BIG, -BIG), (BIG - 3, -BIG), (BIG - 3, -BIG + 1), (BIG - 1, -BIG + 2)],
    ],
)
def test_polygon_centroid_examples_with_large_ints(impl, poly):
    assert_close_point(impl("polygon_centroid")(poly), oracle.polygon_centroid(poly))


ZERO_AREA = [[], [(1, 1)], [(0, 0), (3, 3)], [(0, 0), (1, 1), (2, 2)]]


@pytest.mark.parametrize("poly", ZERO_AREA)
def test_zero_area_polygons(impl, poly):
    assert impl("polygon_area")(poly) == 0
    assert impl("is_convex")(poly) is False


@pytest.mark.contract
@given(point_lists(max_size=9))
def test_polygon_centroid_of_zero_area_is_a_value_error(impl, poly):
    assume(oracle.polygon_centroid(poly) is None)
    with pytest.raises(ValueError):
        impl("polygon_centroid")(poly)


@pytest.mark.contract
@pytest.mark.parametrize(
    "poly",
    [*ZERO_AREA, [(0, 0), (2, 2), (2, 0), (0, 2)]],  # a bow tie: its lobes cancel
)
def test_polygon_centroid_of_zero_area_examples_are_value_errors(impl, poly):
    with pytest.raises(ValueError):
        impl("polygon_centroid")(poly)


@pytest.mark.reference_only
@pytest.mark.parametrize("poly", [*ZERO_AREA, [(0, 0), (2, 2), (2, 0), (0, 2)]])
def test_polygon_centroid_error_names_poly(impl, poly):
    with pytest.raises(ValueError, match="poly"):
        impl("polygon_centroid")(poly)


@given(point_lists(max_size=8), st.lists(points(), min_size=1, max_size=6))
def test_point_in_polygon_matches_an_upward_ray(impl, poly, queries):
    point_in_polygon = impl("point_in_polygon")
    # Vertices and edge midpoints are queried too: they are on the boundary.
    queries = queries + poly[:3]
    if len(poly) >= 2:
        (ax, ay), (bx, by) = poly[0], poly[1]
        queries.append(((ax + bx) / 2, (ay + by) / 2))  # exact: grid values halve exactly
    for q in queries:
        assert point_in_polygon(q, poly) == oracle.point_in_polygon(q, poly), q


@given(star_polygons(), st.lists(st.tuples(st.floats(-10, 10), st.floats(-10, 10)), max_size=8))
def test_point_in_polygon_agrees_with_shapely_for_floats(impl, poly, queries):
    shape = shapely.Polygon(poly)
    for q in queries + poly[:2]:
        where = impl("point_in_polygon")(q, poly)
        distance = shape.exterior.distance(shapely.Point(q))
        if distance == 0:
            assert where == 0
        elif distance > 1e-6:  # clear of the boundary: no tolerance question
            assert where == (1 if shape.contains(shapely.Point(q)) else -1)


def test_point_in_polygon_examples(impl):
    point_in_polygon = impl("point_in_polygon")
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert [point_in_polygon(p, square) for p in [(2, 2), (0, 0), (2, 0), (4, 4), (5, 2)]] == [
        1,
        0,
        0,
        0,
        -1,
    ]
    # A ray through a vertex is counted once.
    diamond = [(0, -2), (2, 0), (0, 2), (-2, 0)]
    assert point_in_polygon((-1, 0), diamond) == 1 and point_in_polygon((-3, 0), diamond) == -1
    # Degenerate polygons have no interior.
    assert point_in_polygon((1, 1), [(0, 0), (2, 2)]) == 0
    assert point_in_polygon((1, 0), [(0, 0), (2, 2)]) == -1
    assert point_in_polygon((0, 0), []) == -1


@given(point_lists(max_size=7))
def test_is_convex_matches_the_half_plane_definition(impl, poly):
    assert impl("is_convex")(poly) == oracle.is_convex(poly)


# The 12 integer points of the circle x^2 + y^2 = 25, counter-clockwise: any 3 or more of
# them, in this order, form a strictly convex polygon.
RIM_25 = sorted(
    {
        (sx * x, sy * y)
        for x, y in [(0, 5), (3, 4), (4, 3), (5, 0)]
        for sx in (1, -1)
        for sy in (1, -1)
    },
    key=lambda p: math.atan2(p[1], p[0]),
)


@st.composite
def convex_polygons(draw, scales=(1, 0.25), offsets=GRID) -> list[tuple[Any, Any]]:
    """A convex polygon in any of its forms: scaled, moved, any start, either orientation,
    with straight angles (edge midpoints) and repeated vertices."""
    chosen = draw(st.sets(st.integers(0, len(RIM_25) - 1), min_size=3))
    k = draw(st.sampled_from(scales))
    dx, dy = draw(offsets), draw(offsets)
    poly = [(x * k + dx, y * k + dy) for x, y in (RIM_25[i] for i in sorted(chosen))]
    start = draw(st.integers(0, len(poly) - 1))
    poly = poly[start:] + poly[:start]
    if draw(st.booleans()):
        poly.reverse()
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(poly) - 1))
        (ax, ay), (bx, by) = poly[i], poly[(i + 1) % len(poly)]
        poly.insert(i + 1, ((ax + bx) / 2, (ay + by) / 2))
    for _ in range(draw(st.integers(0, 2))):
        j = draw(st.integers(0, len(poly) - 1))
        poly.insert(j, poly[j])
    return poly


@given(convex_polygons())
def test_convex_polygons_are_recognised_in_any_form(impl, poly):
    assert impl("is_convex")(poly) is True
    assert impl("polygon_area")(poly, signed=True) != 0


def test_is_convex_rejects_stars_double_windings_and_reversals(impl):
    is_convex = impl("is_convex")
    assert is_convex([(0, 10), (6, -8), (-10, 3), (10, 3), (-6, -8)]) is False  # pentagram
    assert is_convex([(0, 0), (1, 0), (1, 1), (0, 1)] * 2) is False  # goes round twice
    assert is_convex([(0, 0), (2, 0), (1, 0), (1, 1)]) is False  # doubles back
    assert is_convex([(0, 0), (4, 0), (4, 4), (0, 4)]) is True
    assert is_convex([(0, 4), (4, 4), (4, 0), (0, 0)]) is True  # clockwise
    assert is_convex([(0, 0), (2, 0), (4, 0), (4, 4), (0, 4)]) is True  # a straight angle
    assert is_convex([(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)]) is True  # a repeated vertex


# ---------------------------------------------------------------------------
# Convex hull


@given(point_lists(max_size=14))
def test_convex_hull_matches_the_brute_force_hull_in_order(impl, pts):
    hull = as_tuples(impl("convex_hull")(pts))
    # The oracle's exact vertices, written as the input wrote them.
    as_given = {F(p): tuple(p) for p in pts}
    assert hull == [as_given[v] for v in oracle.hull(pts)]
    assert Fs(hull) == oracle.hull(pts)  # the same coordinates, also for 0.0 and 0


@given(point_lists(max_size=12, coord=INTS), st.randoms(use_true_random=False))
def test_convex_hull_does_not_depend_on_input_order(impl, pts, rnd):
    convex_hull = impl("convex_hull")
    shuffled = list(pts)
    rnd.shuffle(shuffled)
    assert as_tuples(convex_hull(shuffled)) == as_tuples(convex_hull(pts))


@given(st.integers(0, 2**32 - 1), st.sampled_from([5, 50, 500]))
def test_convex_hull_agrees_with_scipy_on_random_floats(impl, seed, n):
    rng = np.random.default_rng(seed)
    xy = rng.normal(size=(n, 2))  # general position with probability 1
    hull = as_tuples(impl("convex_hull")([tuple(p) for p in xy.tolist()]))
    want = {tuple(v) for v in xy[ConvexHull(xy).vertices].tolist()}
    assert set(hull) == want
    assert hull[0] == min(hull)
    for i in range(len(hull)):  # counter-clockwise: every turn is a left turn
        a, b, c = Fs([hull[i - 2], hull[i - 1], hull[i]])
        assert oracle.turn(a, b, c) > 0


@pytest.mark.parametrize(
    ("pts", "want"),
    [
        ([], []),
        ([(3, 3)], [(3, 3)]),
        ([(3, 3)] * 5, [(3, 3)]),  # all identical: one point, not repeated
        ([(1, 2), (0, 0)], [(0, 0), (1, 2)]),  # two points
        ([(2, 2), (0, 0), (1, 1), (3, 3), (1, 1)], [(0, 0), (3, 3)]),  # collinear: 2 extremes
        ([(0, 5), (0, 1), (0, 3)], [(0, 1), (0, 5)]),  # vertical
        (
            [(0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2), (2, 2), (0, 0)],
            [(0, 0), (4, 0), (4, 4), (0, 4)],  # points on edges and repeats are dropped
        ),
        ([(0.5, 0.0), (0.0, 0.0)], [(0.0, 0.0), (0.5, 0.0)]),
    ],
)
def test_convex_hull_degenerate_cases(impl, pts, want):
    assert as_tuples(impl("convex_hull")(pts)) == want


@pytest.mark.contract
def test_convex_hull_of_floats_treats_turns_within_eps_as_straight(impl):
    pts = [(0.0, 0.0), (1.0, 1e-12), (2.0, 0.0), (1.0, 1.0)]
    assert as_tuples(impl("convex_hull")(pts)) == [(0.0, 0.0), (2.0, 0.0), (1.0, 1.0)]


# ---------------------------------------------------------------------------
# Closest and farthest pair


def check_pair(result: Any, pts: list, want_dist2: Fraction) -> None:
    """Core: two of the input points (either order) at the right distance."""
    distance, p, q = result
    assert is_sub_multiset_of_points([p, q], pts)
    assert oracle.dist2(F(p), F(q)) == want_dist2
    assert close(distance, math.sqrt(want_dist2))


def is_sub_multiset_of_points(items: list, pts: list) -> bool:
    return oracle.is_sub_multiset([F(p) for p in items], Fs(pts))


@given(point_lists(min_size=2, max_size=24))
def test_closest_pair_matches_all_pairs(impl, pts):
    check_pair(impl("closest_pair")(pts), pts, min(oracle.all_pair_dist2(pts)))


@given(point_lists(min_size=2, max_size=24))
def test_farthest_pair_matches_all_pairs(impl, pts):
    check_pair(impl("farthest_pair")(pts), pts, max(oracle.all_pair_dist2(pts)))


def _grid_lists(xs: st.SearchStrategy, ys: st.SearchStrategy, unique: bool) -> st.SearchStrategy:
    return st.lists(st.tuples(xs, ys), min_size=33, max_size=120, unique=unique)


# More than 32 points, so that a divide-and-conquer closest_pair divides: a small grid
# (duplicates: distance 0), a larger grid without duplicates (many tied pairs), few
# distinct x (ties on the dividing line), and dyadic floats.
MANY_POINTS = st.one_of(
    _grid_lists(st.integers(-6, 6), st.integers(-6, 6), unique=False),
    _grid_lists(st.integers(0, 20), st.integers(0, 20), unique=True),
    _grid_lists(st.integers(0, 2), st.integers(-500, 500), unique=True),
    _grid_lists(DYADIC, DYADIC, unique=True),
)


def all_pair_dist2_of_grid(pts: list) -> list[Any]:
    # Grid values multiply exactly, even the dyadic floats: plain arithmetic is exact here.
    return [(a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 for i, a in enumerate(pts) for b in pts[:i]]


@given(MANY_POINTS)
def test_closest_and_farthest_pair_of_many_grid_points_match_all_pairs(impl, pts):
    d2 = all_pair_dist2_of_grid(pts)
    check_pair(impl("closest_pair")(pts), pts, Fraction(min(d2)))
    check_pair(impl("farthest_pair")(pts), pts, Fraction(max(d2)))


@settings(max_examples=20)
@given(st.integers(0, 2**32 - 1))
def test_closest_and_farthest_pair_of_random_wide_integers_match_all_pairs(impl, seed):
    rng = random.Random(seed)
    pts = [(rng.randrange(10**9), rng.randrange(10**9)) for _ in range(400)]
    d2 = all_pair_dist2_of_grid(pts)
    check_pair(impl("closest_pair")(pts), pts, Fraction(min(d2)))
    check_pair(impl("farthest_pair")(pts), pts, Fraction(max(d2)))


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1))
def test_closest_pair_agrees_with_a_kd_tree_on_random_floats(impl, seed):
    xy = np.random.default_rng(seed).random((2000, 2))
    distance, p, q = impl("closest_pair")([tuple(p) for p in xy.tolist()])
    want = cKDTree(xy).query(xy, k=2)[0][:, 1].min()
    assert distance == pytest.approx(want, rel=1e-9)
    assert math.dist(p, q) == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize("n", [3, 4, 7, 12, 40])
def test_farthest_pair_on_points_of_a_circle(impl, n):
    # Integer points on x^2 + y^2 = 65^2 (many), and a polygon with all antipodal pairs tied.
    r = 65
    circle = sorted(
        {
            (sx * x, sy * y)
            for x in range(r + 1)
            if (y := math.isqrt(r * r - x * x)) ** 2 + x * x == r * r
            for sx in (1, -1)
            for sy in (1, -1)
        }
    )
    rng = random.Random(n)
    pts = rng.sample(circle, min(n, len(circle)))
    check_pair(impl("farthest_pair")(pts), pts, max(oracle.all_pair_dist2(pts)))


@pytest.mark.parametrize(
    ("name", "pts", "distance", "pair"),
    [
        ("closest_pair", [(1, 1), (5, 5), (1, 1)], 0.0, {(1, 1)}),
        ("farthest_pair", [(2, 2)] * 3, 0.0, {(2, 2)}),
        ("farthest_pair", [(0, 0), (1, 1), (3, 3), (2, 2)], math.hypot(3, 3), {(0, 0), (3, 3)}),
        ("closest_pair", [(0, 0), (3, 4)], 5.0, {(0, 0), (3, 4)}),
        ("closest_pair", [(0, 0), (10, 0), (5, 1), (5, -1), (20, 0)], 2.0, {(5, 1), (5, -1)}),
    ],
)
def test_pair_examples(impl, name, pts, distance, pair):
    got, p, q = impl(name)(pts)
    assert close(got, distance)
    assert {tuple(p), tuple(q)} == pair


@pytest.mark.contract
@pytest.mark.parametrize("name", ["closest_pair", "farthest_pair"])
@pytest.mark.parametrize("pts", [[], [(1, 2)]])
def test_pair_of_fewer_than_two_points_is_a_value_error(impl, name, pts):
    with pytest.raises(ValueError):
        impl(name)(pts)


@pytest.mark.reference_only
@settings(max_examples=40)
@given(point_lists(min_size=2, max_size=24, coord=COORD, lists=True) | MANY_POINTS)
def test_pairs_are_points_in_order_with_exact_float_distances(impl, pts):
    for name, pick in [("closest_pair", min), ("farthest_pair", max)]:
        distance, p, q = impl(name)(pts)
        assert_point(p)
        assert_point(q)
        assert tuple(p) <= tuple(q)
        want_dist2 = pick(oracle.all_pair_dist2(pts))
        assert oracle.dist2(F(p), F(q)) == want_dist2
        assert isinstance(distance, float)
        assert math.isclose(distance, math.sqrt(want_dist2), rel_tol=1e-12)


@pytest.mark.reference_only
def test_pair_errors_name_points(impl):
    for name in ("closest_pair", "farthest_pair"):
        for pts in ([], [(1, 2)]):
            with pytest.raises(ValueError, match="points"):
                impl(name)(pts)


# ---------------------------------------------------------------------------
# Smallest enclosing circle


def assert_smallest_enclosing_circle(centre: Any, radius: Any, pts: list, rel_tol: float) -> None:
    """``(centre, radius)`` is the smallest circle around ``pts``, to ``rel_tol``.

    The radius must be the distance from the centre to the farthest point, and the
    circle is the smallest exactly when the points on it do not all fit in an open
    half-circle: the centre lies in their convex hull.  With ``rel_tol > 0`` the
    points within ``rel_tol`` of the circle count as on it, and the centre may be
    that far outside their hull; with 0 every test is exact.
    """
    c = F(centre)
    d2 = [oracle.dist2(c, F(p)) for p in pts]
    r2 = max(d2)
    assert math.isclose(radius, math.sqrt(r2), rel_tol=max(rel_tol, 1e-12), abs_tol=1e-12)
    rim = oracle.hull([p for p, e in zip(pts, d2, strict=True) if e >= r2 * (1 - rel_tol)])
    slack = (rel_tol * (1 + math.sqrt(r2))) ** 2
    if len(rim) == 1:
        assert oracle.dist2(c, rim[0]) <= slack and radius <= math.sqrt(slack)
    elif len(rim) == 2:
        assert oracle.point_segment_dist2(c, rim[0], rim[1]) <= slack
    else:
        edges = zip(rim, rim[1:] + rim[:1], strict=True)
        assert oracle.point_in_polygon(c, rim) >= 0 or any(
            oracle.point_segment_dist2(c, a, b) <= slack for a, b in edges
        )


@settings(max_examples=100)
@given(point_lists(min_size=1, max_size=7))
def test_min_enclosing_circle_is_the_exhaustive_optimum(impl, pts):
    centre, radius = impl("min_enclosing_circle")(pts)
    want_centre, want_r2 = oracle.min_enclosing_circle(pts)
    assert_close_point(centre, want_centre)
    assert close(radius, math.sqrt(want_r2))


@settings(max_examples=100)
@given(st.lists(st.tuples(st.floats(-10, 10), st.floats(-10, 10)), min_size=1, max_size=7))
def test_min_enclosing_circle_of_floats_is_near_the_optimum_and_covers(impl, pts):
    centre, radius = impl("min_enclosing_circle")(pts)
    _, want_r2 = oracle.min_enclosing_circle(pts)
    assert math.isclose(radius, math.sqrt(want_r2), rel_tol=1e-6, abs_tol=1e-9)
    for p in pts:
        assert math.dist(p, centre) <= radius * (1 + 1e-9) + 1e-9


def random_grid_points(seed: int, n: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randint(-50, 50), rng.randint(-50, 50)) for _ in range(n)]


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1), st.sampled_from([50, 1000]))
def test_min_enclosing_circle_covers_many_points_and_touches_them(impl, seed, n):
    pts = random_grid_points(seed, n)
    centre, radius = impl("min_enclosing_circle")(pts)
    assert_smallest_enclosing_circle(centre, radius, pts, rel_tol=1e-9)


@pytest.mark.contract
@settings(max_examples=10)
@given(st.integers(0, 2**32 - 1), st.sampled_from([50, 1000]))
def test_min_enclosing_circle_of_ints_is_exact(impl, seed, n):
    # Exact input, exact centre: the points on the circle are exactly on it.
    pts = random_grid_points(seed, n)
    centre, radius = impl("min_enclosing_circle")(pts)
    assert all(map(is_exact_number, centre)), centre
    assert_smallest_enclosing_circle(centre, radius, pts, rel_tol=0)


def test_min_enclosing_circle_examples(impl):
    min_enclosing_circle = impl("min_enclosing_circle")
    for pts, want_centre, want_radius in [
        ([(3, 4)], (3, 4), 0.0),
        ([(1, 1)] * 4, (1, 1), 0.0),
        ([(0, 0), (2, 0), (1, 0), (2, 0)], (1, 0), 1.0),
        ([(0, 0), (1, 0), (0, 1)], (0.5, 0.5), math.sqrt(0.5)),
        ([(0, 0), (4, 0), (2, 1)], (2, 0), 2.0),  # obtuse: the longest side is a diameter
        ([(0, 0), (4, 0), (0, 4), (4, 4), (2, 2)], (2, 2), math.sqrt(8)),
    ]:
        centre, radius = min_enclosing_circle(pts)
        assert_close_point(centre, want_centre)
        assert close(radius, want_radius)


@pytest.mark.contract
def test_min_enclosing_circle_of_no_points_is_a_value_error(impl):
    with pytest.raises(ValueError):
        impl("min_enclosing_circle")([])


@pytest.mark.reference_only
def test_min_enclosing_circle_exact_answers_and_private_random_state(impl):
    min_enclosing_circle = impl("min_enclosing_circle")
    state = random.getstate()
    assert min_enclosing_circle([(3, 4)]) == ((3, 4), 0.0)
    assert min_enclosing_circle([(0, 0), (2, 0), (1, 0), (2, 0)]) == ((1, 0), 1.0)
    centre, _ = min_enclosing_circle([(0, 0), (1, 0), (0, 1)])
    assert centre == (Fraction(1, 2), Fraction(1, 2))
    assert random.getstate() == state  # the shuffle uses a private generator
    pts = [(random.random(), random.random()) for _ in range(200)]
    assert min_enclosing_circle(pts) == min_enclosing_circle(pts)  # deterministic
    with pytest.raises(ValueError, match="points"):
        min_enclosing_circle([])


# ---------------------------------------------------------------------------
# Contract: exact coordinates (ints and Fractions, points also as lists) give exact
# answers -- int or Fraction, never a float -- equal to the exact oracle's.


def exact_points(n: int) -> st.SearchStrategy:
    return st.tuples(*[points(EXACT_COORD, lists=True)] * n)


def check_exact_cross(fn: Callable[..., Any], data: st.DataObject) -> None:
    o, a, b = data.draw(exact_points(3))
    fo, fa, fb = Fs([o, a, b])
    got = fn(o, a, b)
    assert is_exact_number(got) and got == oracle.det(oracle.sub(fa, fo), oracle.sub(fb, fo))


def check_exact_orientation(fn: Callable[..., Any], data: st.DataObject) -> None:
    a, b, c = data.draw(exact_points(3))
    assert fn(a, b, c) == oracle.turn(*Fs([a, b, c]))


def check_exact_on_segment(fn: Callable[..., Any], data: st.DataObject) -> None:
    p, a, b = data.draw(exact_points(3))
    assert fn(p, a, b) == oracle.on_closed_segment(*Fs([p, a, b]))


def check_exact_segments_intersect(fn: Callable[..., Any], data: st.DataObject) -> None:
    a, b, c, d = data.draw(exact_points(4))
    assert fn(a, b, c, d) == bool(oracle.segment_intersection(a, b, c, d))


def check_exact_segment_intersection(fn: Callable[..., Any], data: st.DataObject) -> None:
    a, b, c, d = data.draw(exact_points(4))
    want = oracle.segment_intersection(a, b, c, d)
    got = fn(a, b, c, d)
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert_exact_point(g, w)


def check_exact_line_intersection(fn: Callable[..., Any], data: st.DataObject) -> None:
    a, b, c, d = data.draw(exact_points(4))
    assume(F(a) != F(b) and F(c) != F(d))
    want = oracle.line_intersection(a, b, c, d)
    got = fn(a, b, c, d)
    if want is None:
        assert got is None
    else:
        assert_exact_point(got, want)


def check_exact_point_segment_distance(fn: Callable[..., Any], data: st.DataObject) -> None:
    p, a, b = data.draw(exact_points(3))
    got = fn(p, a, b)
    assert math.isclose(got, math.sqrt(oracle.point_segment_dist2(p, a, b)), rel_tol=1e-12)


def check_exact_polygon_area(fn: Callable[..., Any], data: st.DataObject) -> None:
    poly = data.draw(point_lists(max_size=9, coord=EXACT_COORD, lists=True))
    want = oracle.polygon_area(poly)
    signed, unsigned = fn(poly, signed=True), fn(poly)
    assert is_exact_number(signed) and signed == want
    assert is_exact_number(unsigned) and unsigned == abs(want)


def check_exact_polygon_centroid(fn: Callable[..., Any], data: st.DataObject) -> None:
    poly = data.draw(point_lists(max_size=9, coord=EXACT_COORD, lists=True))
    want = oracle.polygon_centroid(poly)
    assume(want is not None)
    assert_exact_point(fn(poly), want)


def check_exact_point_in_polygon(fn: Callable[..., Any], data: st.DataObject) -> None:
    poly = data.draw(point_lists(max_size=8, coord=EXACT_COORD, lists=True))
    queries = data.draw(st.lists(points(EXACT_COORD, lists=True), min_size=1, max_size=6))
    if len(poly) >= 2:
        a, b = F(poly[0]), F(poly[1])
        queries.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))  # a Fraction midpoint
    for q in queries + poly[:3]:
        assert fn(q, poly) == oracle.point_in_polygon(q, poly), q


def check_exact_is_convex(fn: Callable[..., Any], data: st.DataObject) -> None:
    poly = data.draw(point_lists(max_size=7, coord=EXACT_COORD, lists=True))
    assert fn(poly) == oracle.is_convex(poly)
    convex = data.draw(convex_polygons(scales=(1, Fraction(1, 3)), offsets=EXACT_COORD))
    assert fn(convex) is True


def check_exact_convex_hull(fn: Callable[..., Any], data: st.DataObject) -> None:
    pts = data.draw(point_lists(max_size=14, coord=EXACT_COORD, lists=True))
    hull = fn(pts)
    for p in hull:
        assert all(map(is_exact_number, p))
        assert any(tuple(p) == tuple(q) for q in pts)
    assert Fs(hull) == oracle.hull(pts)


def check_exact_pair(pick: Callable[..., Any]) -> Callable[..., None]:
    def check(fn: Callable[..., Any], data: st.DataObject) -> None:
        pts = data.draw(point_lists(min_size=2, max_size=24, coord=EXACT_COORD, lists=True))
        check_pair(fn(pts), pts, pick(oracle.all_pair_dist2(pts)))

    return check


def check_exact_min_enclosing_circle(fn: Callable[..., Any], data: st.DataObject) -> None:
    pts = data.draw(point_lists(min_size=1, max_size=7, coord=EXACT_COORD, lists=True))
    centre, radius = fn(pts)
    want_centre, want_r2 = oracle.min_enclosing_circle(pts)
    assert_exact_point(centre, want_centre)
    assert math.isclose(radius, math.sqrt(want_r2), rel_tol=1e-12)


EXACT_CHECKS: dict[str, Callable[[Callable[..., Any], st.DataObject], None]] = {
    "cross": check_exact_cross,
    "orientation": check_exact_orientation,
    "on_segment": check_exact_on_segment,
    "segments_intersect": check_exact_segments_intersect,
    "segment_intersection": check_exact_segment_intersection,
    "line_intersection": check_exact_line_intersection,
    "point_segment_distance": check_exact_point_segment_distance,
    "polygon_area": check_exact_polygon_area,
    "polygon_centroid": check_exact_polygon_centroid,
    "point_in_polygon": check_exact_point_in_polygon,
    "is_convex": check_exact_is_convex,
    "convex_hull": check_exact_convex_hull,
    "closest_pair": check_exact_pair(min),
    "farthest_pair": check_exact_pair(max),
    "min_enclosing_circle": check_exact_min_enclosing_circle,
}


@pytest.mark.contract
@pytest.mark.parametrize("name", EXACT_CHECKS)
@settings(max_examples=40)
@given(data=st.data())
def test_fraction_coordinates_and_list_points_give_exact_answers(impl, name, data):
    check_exactly = EXACT_CHECKS[name]  # each asserts the exact answer against Fractions
    check_exactly(impl(name), data)


# ---------------------------------------------------------------------------
# Reference only: what our functions return, precisely.


@pytest.mark.reference_only
@settings(max_examples=50)
@given(pts=st.lists(any_points(), min_size=4, max_size=9))
def test_returned_points_are_points_and_lengths_floats(impl, pts):
    a, b, c, d = pts[:4]
    exact = not has_float(a, b, c, d)
    for got, want in zip(
        impl("segment_intersection")(a, b, c, d),
        oracle.segment_intersection(a, b, c, d),
        strict=True,
    ):
        assert_same_point(got, want, exact)
    if F(a) != F(b) and F(c) != F(d) and (want := oracle.line_intersection(a, b, c, d)):
        assert_same_point(impl("line_intersection")(a, b, c, d), want, exact)
    assert isinstance(impl("point_segment_distance")(a, b, c), float)
    if (want := oracle.polygon_centroid(pts)) is not None:
        assert_same_point(impl("polygon_centroid")(pts), want, not has_float(*pts))
    for p in impl("convex_hull")(pts):
        assert_point(p)
    centre, radius = impl("min_enclosing_circle")(pts[:7])
    assert_point(centre)
    assert isinstance(radius, float)
    if not has_float(*pts[:7]):
        assert all(map(is_exact_number, centre))


# ---------------------------------------------------------------------------
# Input handling: accepted forms, bad input, no mutation

# (name, names of its point arguments)
SINGLE_POINT_CALLS = [
    ("cross", ["o", "a", "b"]),
    ("orientation", ["a", "b", "c"]),
    ("on_segment", ["p", "a", "b"]),
    ("segments_intersect", ["a", "b", "c", "d"]),
    ("segment_intersection", ["a", "b", "c", "d"]),
    ("line_intersection", ["a", "b", "c", "d"]),
    ("point_segment_distance", ["p", "a", "b"]),
]
POINT_LIST_CALLS = [
    "polygon_area",
    "polygon_centroid",
    "is_convex",
    "convex_hull",
    "closest_pair",
    "farthest_pair",
    "min_enclosing_circle",
]
GOOD_POINTS = [(0, 0), (3, 1), (1, 3), (2, 2)]

BAD_POINTS = [
    (("a", 1), TypeError),
    ((1, None), TypeError),
    ((True, 0), TypeError),
    ((1, 2, 3), ValueError),
    ((1,), ValueError),
    (5, TypeError),
    ("ab", TypeError),
    ({1, 2}, TypeError),
    ((float("nan"), 0), ValueError),
    ((0, float("inf")), ValueError),
]


def list_argument(name: str) -> str:
    return "poly" if name.startswith(("polygon", "is_convex")) else "points"


@pytest.mark.contract
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize(("name", "slots"), SINGLE_POINT_CALLS)
def test_bad_points_are_rejected(impl, name, slots, bad, error):
    for i in range(len(slots)):
        args = list(GOOD_POINTS[: len(slots)])
        args[i] = bad
        with pytest.raises(error):
            impl(name)(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize(("name", "slots"), SINGLE_POINT_CALLS)
def test_bad_point_errors_name_the_argument(impl, name, slots, bad, error):
    for i, slot in enumerate(slots):
        args = list(GOOD_POINTS[: len(slots)])
        args[i] = bad
        with pytest.raises(error, match=rf"(^|of ){slot} "):
            impl(name)(*args)


@pytest.mark.contract
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize("name", POINT_LIST_CALLS)
def test_bad_point_lists_are_rejected(impl, name, bad, error):
    with pytest.raises(error):
        impl(name)([*GOOD_POINTS[:2], bad, GOOD_POINTS[3]])
    with pytest.raises(TypeError):
        impl(name)(5)


@pytest.mark.reference_only
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize("name", POINT_LIST_CALLS)
def test_bad_point_list_errors_name_the_argument_and_index(impl, name, bad, error):
    arg = list_argument(name)
    with pytest.raises(error, match=rf"{arg}\[2\]"):
        impl(name)([*GOOD_POINTS[:2], bad, GOOD_POINTS[3]])
    with pytest.raises(TypeError, match=arg):
        impl(name)(5)


@pytest.mark.contract
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
def test_point_in_polygon_rejects_bad_points(impl, bad, error):
    with pytest.raises(error):
        impl("point_in_polygon")(bad, GOOD_POINTS)
    with pytest.raises(error):
        impl("point_in_polygon")((0, 0), [(0, 0), bad, (1, 1)])


@pytest.mark.reference_only
@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
def test_point_in_polygon_errors_name_the_argument(impl, bad, error):
    with pytest.raises(error, match=r"(^|of )p "):
        impl("point_in_polygon")(bad, GOOD_POINTS)
    with pytest.raises(error, match=r"poly\[1\]"):
        impl("point_in_polygon")((0, 0), [(0, 0), bad, (1, 1)])


SIGN_BAD_INPUT = [
    (("1",), TypeError, "x"),
    ((float("nan"),), ValueError, "x"),
    ((1.0, -1), ValueError, "eps"),
    ((1.0, "small"), TypeError, "eps"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "error", "match"), SIGN_BAD_INPUT)
def test_sign_rejects_bad_input(impl, args, error, match):
    with pytest.raises(error):
        impl("sign")(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "error", "match"), SIGN_BAD_INPUT)
def test_sign_errors_name_the_argument(impl, args, error, match):
    with pytest.raises(error, match=match):
        impl("sign")(*args)


@pytest.mark.contract
def test_other_number_types_are_converted(impl):
    # numpy integers become Python ints (exact, no overflow); numpy floats become floats.
    big = np.int64(4_000_000_000)  # big * big overflows int64
    assert impl("cross")((0, 0), (big, 0), (0, big)) == 16 * 10**18
    assert impl("polygon_area")(np.array([[0, 0], [2, 0], [0, 2]])) == 2
    assert impl("convex_hull")(np.array([[0.5, 0.0], [0.0, 0.0]])) == [(0.0, 0.0), (0.5, 0.0)]


@given(point_lists(min_size=3, max_size=8))
def test_inputs_are_not_mutated(impl, pts):
    # The classic slip: sorting the caller's list in place (the hull, the pairs).
    before = list(pts)
    calls = [(name, (pts,)) for name in POINT_LIST_CALLS if name != "polygon_centroid"]
    if oracle.polygon_centroid(pts) is not None:
        calls.append(("polygon_centroid", (pts,)))
    calls += [
        ("point_in_polygon", (pts[0], pts)),
        ("segment_intersection", (pts[0], pts[1], pts[2], pts[0])),
    ]
    for name, args in calls:
        impl(name)(*args)
        assert pts == before, name


@pytest.mark.contract
@settings(max_examples=50)
@given(st.lists(st.lists(COORD, min_size=2, max_size=2), min_size=3, max_size=8))
def test_inputs_given_as_lists_are_not_mutated(impl, pts):
    before = copy.deepcopy(pts)
    calls = [(name, (pts,)) for name in POINT_LIST_CALLS]
    calls += [
        ("point_in_polygon", (pts[0], pts)),
        ("segment_intersection", (pts[0], pts[1], pts[2], pts[0])),
        ("line_intersection", (pts[0], [pts[0][0] + 1, pts[0][1]], pts[1], pts[2])),
    ]
    for name, args in calls:
        with contextlib.suppress(ValueError):  # zero area, or no line through c and d
            impl(name)(*args)
        assert pts == before, name


@pytest.mark.contract
def test_generators_and_points_of_any_form_are_accepted(impl):
    pts = [(0, 0), [4, 0], Point(4, 4), (0, 4)]
    assert impl("convex_hull")(p for p in pts) == [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert impl("polygon_area")(iter(pts)) == 16
    assert impl("point_in_polygon")([1, 1], iter(pts)) == 1
