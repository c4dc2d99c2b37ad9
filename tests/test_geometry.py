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
oracle too (exactly where no division is involved, else with a tolerance).
"""

from __future__ import annotations

import cmath
import contextlib
import copy
import math
import random
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
EXACT_COORD = st.one_of(INTS, FRACTIONS)
COORD = st.one_of(INTS, FRACTIONS, DYADIC)


def points(coord: st.SearchStrategy = COORD) -> st.SearchStrategy:
    """Points as plain tuples, as Points, or as lists (all accepted)."""
    pair = st.tuples(coord, coord)
    return st.one_of(pair, pair.map(lambda p: Point(*p)), pair.map(list))


def point_lists(min_size: int = 0, max_size: int = 12, coord=COORD) -> st.SearchStrategy:
    return st.lists(points(coord), min_size=min_size, max_size=max_size)


def has_float(*pts: Any) -> bool:
    return any(isinstance(c, float) for p in pts for c in p)


def is_exact_number(v: Any) -> bool:
    return type(v) in (int, Fraction)


def assert_point(p: Any) -> None:
    """Outputs are Points: tuples of two with .x and .y."""
    assert isinstance(p, tuple) and len(p) == 2 and (p.x, p.y) == (p[0], p[1])


def assert_same_point(got: Any, want: oracle.FPoint, exact: bool) -> None:
    assert_point(got)
    if exact:
        assert all(map(is_exact_number, got)), f"exact input gave {got!r}"
        assert F(got) == want
    else:
        assert math.isclose(got[0], want[0], abs_tol=1e-9)
        assert math.isclose(got[1], want[1], abs_tol=1e-9)


# ---------------------------------------------------------------------------
# Point


@given(points(), points(), st.one_of(INTS, FRACTIONS, DYADIC))
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


@given(points(), st.floats(-10, 10))
def test_point_rotate_and_angle_agree_with_complex_numbers(a, theta):
    a = Point(*a)
    z = complex(float(a.x), float(a.y))
    want = z * cmath.rect(1.0, theta)
    got = a.rotate(theta)
    assert_point(got)
    assert math.isclose(got.x, want.real, abs_tol=1e-12)
    assert math.isclose(got.y, want.imag, abs_tol=1e-12)
    assert a.angle() == pytest.approx(cmath.phase(z), abs=1e-15)


@given(points())
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


@given(st.one_of(st.integers(), st.fractions()), st.floats(0, 1e6))
def test_sign_of_exact_numbers_ignores_eps(impl, x, eps):
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
    assert sign(Fraction(1, 10**40)) == 1  # exact: tiny but not zero
    assert sign(1e-12) == 0 and sign(-1e-12, eps=0) == -1
    assert sign(EPS) == 0 and sign(2 * EPS) == 1


@given(points(), points(), points())
def test_cross_and_orientation_equal_the_exact_determinant(impl, o, a, b):
    cross, orientation = impl("cross"), impl("orientation")
    fo, fa, fb = Fs([o, a, b])
    want = (fa[0] - fo[0]) * (fb[1] - fo[1]) - (fa[1] - fo[1]) * (fb[0] - fo[0])
    got = cross(o, a, b)
    if has_float(o, a, b):
        assert math.isclose(got, want, abs_tol=1e-9)
    else:
        assert is_exact_number(got) and got == want
    assert orientation(o, a, b) == oracle.turn(fo, fa, fb)


@given(points(), points(), points())
def test_orientation_is_antisymmetric_and_cyclic(impl, a, b, c):
    orientation = impl("orientation")
    o = orientation(a, b, c)
    assert o in (-1, 0, 1)
    assert orientation(b, c, a) == orientation(c, a, b) == o
    assert orientation(b, a, c) == orientation(a, c, b) == orientation(c, b, a) == -o


def test_orientation_uses_eps_only_for_floats(impl):
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
    assert isinstance(got, list) and len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert_same_point(g, w, exact=not has_float(a, b, c, d))
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
        ((0, 0), (1, 3), (0, 1), (1, 0), [(Fraction(1, 4), Fraction(3, 4))]),
        ((0.0, 0.0), (2.0, 2.0), (0.0, 2.0), (2.0, 0.0), [(1.0, 1.0)]),
    ],
)
def test_segment_intersection_degenerate_cases(impl, a, b, c, d, want):
    assert impl("segment_intersection")(a, b, c, d) == want
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
        assert_same_point(got, want, exact=not has_float(a, b, c, d))


def test_line_intersection_examples(impl):
    line_intersection = impl("line_intersection")
    assert line_intersection((0, 0), (1, 1), (0, 1), (1, 0)) == (Fraction(1, 2), Fraction(1, 2))
    assert line_intersection((0, 0), (1, 1), (0, 1), (1, 2)) is None  # parallel
    assert line_intersection((0, 0), (1, 1), (2, 2), (5, 5)) is None  # the same line
    got = line_intersection((0, 0), (2, 0), (0, 3), (1, 6))
    assert got == (-1, 0) and type(got.x) is int and type(got.y) is int
    with pytest.raises(ValueError, match="a and b"):
        line_intersection((1, 1), (1, 1), (0, 0), (1, 0))
    with pytest.raises(ValueError, match="c and d"):
        line_intersection((0, 0), (1, 0), (2, 2), (2, 2))


@given(points(), points(), points())
def test_point_segment_distance_is_the_exact_distance_rounded(impl, p, a, b):
    point_segment_distance = impl("point_segment_distance")
    got = point_segment_distance(p, a, b)
    assert isinstance(got, float)
    want = math.sqrt(oracle.point_segment_dist2(p, a, b))
    assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)


# Rounded to 1e-9: GEOS returns inf for segments shorter than about 1e-150.
SHAPELY_FLOATS = st.floats(-100, 100).map(lambda v: round(v, 9))


@given(st.lists(st.tuples(SHAPELY_FLOATS, SHAPELY_FLOATS), min_size=3, max_size=3))
def test_point_segment_distance_agrees_with_shapely_for_floats(impl, pts):
    p, a, b = pts
    segment = shapely.LineString([a, b]) if a != b else shapely.Point(a)
    want = segment.distance(shapely.Point(p))
    assert math.isclose(impl("point_segment_distance")(p, a, b), want, rel_tol=1e-9, abs_tol=1e-9)


# ---------------------------------------------------------------------------
# Polygons


@given(point_lists(max_size=9))
def test_polygon_area_matches_a_triangle_fan(impl, poly):
    polygon_area = impl("polygon_area")
    want = oracle.polygon_area(poly)
    signed = polygon_area(poly, signed=True)
    unsigned = polygon_area(poly)
    if has_float(*poly):
        assert math.isclose(signed, want, abs_tol=1e-9)
        assert math.isclose(unsigned, abs(want), abs_tol=1e-9)
    else:
        assert is_exact_number(signed) and signed == want
        assert unsigned == abs(want)
    assert math.isclose(polygon_area(poly[::-1], signed=True), -want, abs_tol=1e-9)


@st.composite
def star_polygons(draw) -> list[tuple[float, float]]:
    """A simple polygon: vertices at increasing angles about a centre, random radii."""
    n = draw(st.integers(3, 10))
    cx, cy = draw(st.floats(-5, 5)), draw(st.floats(-5, 5))
    out = []
    for i in range(n):
        angle = 2 * math.pi * (i + draw(st.floats(0.1, 0.9))) / n
        r = draw(st.floats(0.5, 4))
        out.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return out


@given(star_polygons())
def test_polygon_area_and_centroid_agree_with_shapely(impl, poly):
    shape = shapely.Polygon(poly)
    assert math.isclose(impl("polygon_area")(poly), shape.area, rel_tol=1e-9)
    assert impl("polygon_area")(poly, signed=True) > 0  # counter-clockwise by construction
    c = impl("polygon_centroid")(poly)
    assert_point(c)
    assert c.x == pytest.approx(shape.centroid.x, abs=1e-9)
    assert c.y == pytest.approx(shape.centroid.y, abs=1e-9)


@given(point_lists(max_size=9))
def test_polygon_centroid_matches_a_triangle_fan(impl, poly):
    polygon_centroid = impl("polygon_centroid")
    want = oracle.polygon_centroid(poly)
    if want is None:
        with pytest.raises(ValueError, match="poly"):
            polygon_centroid(poly)
    else:
        assert_same_point(polygon_centroid(poly), want, exact=not has_float(*poly))


@pytest.mark.parametrize(
    "poly",
    [[], [(1, 1)], [(0, 0), (3, 3)], [(0, 0), (1, 1), (2, 2)]],
)
def test_zero_area_polygons(impl, poly):
    assert impl("polygon_area")(poly) == 0
    assert impl("is_convex")(poly) is False
    with pytest.raises(ValueError, match="poly"):
        impl("polygon_centroid")(poly)


def test_polygon_centroid_of_cancelling_areas_raises(impl):
    # A bow tie whose two lobes have equal and opposite signed areas.
    with pytest.raises(ValueError, match="poly"):
        impl("polygon_centroid")([(0, 0), (2, 2), (2, 0), (0, 2)])


@given(point_lists(max_size=8), st.lists(points(), min_size=1, max_size=6))
def test_point_in_polygon_matches_an_upward_ray(impl, poly, queries):
    point_in_polygon = impl("point_in_polygon")
    # Vertices and edge midpoints are queried too: they are on the boundary.
    queries = queries + poly[:3]
    if len(poly) >= 2:
        a, b = F(poly[0]), F(poly[1])
        queries.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
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
def convex_polygons(draw) -> list[tuple[Any, Any]]:
    """A convex polygon in any of its forms: scaled, moved, any start, either orientation,
    with straight angles (edge midpoints) and repeated vertices."""
    chosen = draw(st.sets(st.integers(0, len(RIM_25) - 1), min_size=3))
    k = draw(st.sampled_from([1, Fraction(1, 3), 0.25]))
    dx, dy = draw(EXACT_COORD), draw(EXACT_COORD)
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


# ---------------------------------------------------------------------------
# Convex hull


@given(point_lists(max_size=14))
def test_convex_hull_matches_the_brute_force_hull_in_order(impl, pts):
    hull = impl("convex_hull")(pts)
    for p in hull:
        assert_point(p)
        assert any(tuple(p) == tuple(q) for q in pts)  # an input point, unchanged
    assert Fs(hull) == oracle.hull(pts)


@given(point_lists(max_size=12, coord=INTS), st.randoms(use_true_random=False))
def test_convex_hull_does_not_depend_on_input_order(impl, pts, rnd):
    convex_hull = impl("convex_hull")
    shuffled = list(pts)
    rnd.shuffle(shuffled)
    assert convex_hull(shuffled) == convex_hull(pts)


@given(st.integers(0, 2**32 - 1), st.sampled_from([5, 50, 500]))
def test_convex_hull_agrees_with_scipy_on_random_floats(impl, seed, n):
    rng = np.random.default_rng(seed)
    xy = rng.normal(size=(n, 2))  # general position with probability 1
    hull = impl("convex_hull")(map(tuple, xy.tolist()))
    want = {tuple(v) for v in xy[ConvexHull(xy).vertices].tolist()}
    assert {tuple(p) for p in hull} == want
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
        ([(0.0, 0.0), (1.0, 1e-12), (2.0, 0.0), (1.0, 1.0)], [(0.0, 0.0), (2.0, 0.0), (1.0, 1.0)]),
    ],
)
def test_convex_hull_degenerate_cases(impl, pts, want):
    assert impl("convex_hull")(pts) == want


# ---------------------------------------------------------------------------
# Closest and farthest pair


def check_pair(result: Any, pts: list, want_dist2: Fraction) -> None:
    distance, p, q = result
    assert_point(p)
    assert_point(q)
    assert tuple(p) <= tuple(q)
    assert is_sub_multiset_of_points([p, q], pts)
    assert oracle.dist2(F(p), F(q)) == want_dist2
    assert isinstance(distance, float)
    assert math.isclose(distance, math.sqrt(want_dist2), rel_tol=1e-12)


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


# More than 32 points, so that closest_pair divides (smaller inputs are solved directly):
# a small grid (duplicates: distance 0), a larger grid without duplicates (many tied
# pairs), few distinct x (ties on the dividing line), and dyadic floats.
MANY_POINTS = st.one_of(
    _grid_lists(st.integers(-6, 6), st.integers(-6, 6), unique=False),
    _grid_lists(st.integers(0, 20), st.integers(0, 20), unique=True),
    _grid_lists(st.integers(0, 2), st.integers(-500, 500), unique=True),
    _grid_lists(DYADIC, DYADIC, unique=True),
)


@given(MANY_POINTS)
def test_closest_and_farthest_pair_of_many_grid_points_match_all_pairs(impl, pts):
    # Grid values multiply exactly, even the dyadic floats: plain arithmetic is exact here.
    d2 = [(a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 for i, a in enumerate(pts) for b in pts[:i]]
    check_pair(impl("closest_pair")(pts), pts, Fraction(min(d2)))
    check_pair(impl("farthest_pair")(pts), pts, Fraction(max(d2)))


@settings(max_examples=20)
@given(st.integers(0, 2**32 - 1))
def test_closest_and_farthest_pair_of_random_wide_integers_match_all_pairs(impl, seed):
    rng = random.Random(seed)
    pts = [(rng.randrange(10**9), rng.randrange(10**9)) for _ in range(400)]
    d2 = [(a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 for i, a in enumerate(pts) for b in pts[:i]]
    check_pair(impl("closest_pair")(pts), pts, Fraction(min(d2)))
    check_pair(impl("farthest_pair")(pts), pts, Fraction(max(d2)))


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1))
def test_closest_pair_agrees_with_a_kd_tree_on_random_floats(impl, seed):
    xy = np.random.default_rng(seed).random((2000, 2))
    distance, p, q = impl("closest_pair")(map(tuple, xy.tolist()))
    want = cKDTree(xy).query(xy, k=2)[0][:, 1].min()
    assert distance == pytest.approx(want, rel=1e-12)
    assert math.dist(p, q) == pytest.approx(want, rel=1e-12)


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


def test_pair_degenerate_cases(impl):
    closest_pair, farthest_pair = impl("closest_pair"), impl("farthest_pair")
    assert closest_pair([(1, 1), (5, 5), (1, 1)]) == (0.0, (1, 1), (1, 1))
    assert farthest_pair([(2, 2)] * 3) == (0.0, (2, 2), (2, 2))
    assert farthest_pair([(0, 0), (1, 1), (3, 3), (2, 2)]) == (math.hypot(3, 3), (0, 0), (3, 3))
    assert closest_pair([(0, 0), (3, 4)]) == (5.0, (0, 0), (3, 4))
    for fn in (closest_pair, farthest_pair):
        for pts in ([], [(1, 2)]):
            with pytest.raises(ValueError, match="points"):
                fn(pts)


# ---------------------------------------------------------------------------
# Smallest enclosing circle


@settings(max_examples=100)
@given(point_lists(min_size=1, max_size=7, coord=EXACT_COORD))
def test_min_enclosing_circle_is_the_exhaustive_optimum_exactly(impl, pts):
    centre, radius = impl("min_enclosing_circle")(pts)
    want_centre, want_r2 = oracle.min_enclosing_circle(pts)
    assert_same_point(centre, want_centre, exact=True)
    assert isinstance(radius, float)
    assert math.isclose(radius, math.sqrt(want_r2), rel_tol=1e-12)


@settings(max_examples=100)
@given(st.lists(st.tuples(st.floats(-10, 10), st.floats(-10, 10)), min_size=1, max_size=7))
def test_min_enclosing_circle_of_floats_is_near_the_optimum_and_covers(impl, pts):
    centre, radius = impl("min_enclosing_circle")(pts)
    _, want_r2 = oracle.min_enclosing_circle(pts)
    assert math.isclose(radius, math.sqrt(want_r2), rel_tol=1e-6, abs_tol=1e-9)
    for p in pts:
        assert math.dist(p, centre) <= radius * (1 + 1e-9) + 1e-9


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1), st.sampled_from([50, 1000]))
def test_min_enclosing_circle_covers_many_points_and_touches_them(impl, seed, n):
    rng = random.Random(seed)
    pts = [(rng.randint(-50, 50), rng.randint(-50, 50)) for _ in range(n)]
    centre, radius = impl("min_enclosing_circle")(pts)
    r2 = max(oracle.dist2(F(centre), F(p)) for p in pts)
    assert math.isclose(radius, math.sqrt(r2), rel_tol=1e-12)
    # Optimal iff the points on the circle are not all within an open half-circle: the
    # centre lies in the convex hull of the touching points.
    touching = [tuple(p) for p in pts if oracle.dist2(F(centre), F(p)) == r2]
    rim = oracle.hull(touching)
    if len(rim) == 1:
        assert F(centre) == rim[0] and radius == 0
    elif len(rim) == 2:
        assert F(centre) == ((rim[0][0] + rim[1][0]) / 2, (rim[0][1] + rim[1][1]) / 2)
    else:
        assert oracle.point_in_polygon(centre, rim) >= 0


def test_min_enclosing_circle_examples_and_random_state(impl):
    min_enclosing_circle = impl("min_enclosing_circle")
    state = random.getstate()
    assert min_enclosing_circle([(3, 4)]) == ((3, 4), 0.0)
    assert min_enclosing_circle([(1, 1)] * 4) == ((1, 1), 0.0)
    assert min_enclosing_circle([(0, 0), (2, 0), (1, 0), (2, 0)]) == ((1, 0), 1.0)
    centre, radius = min_enclosing_circle([(0, 0), (1, 0), (0, 1)])
    assert centre == (Fraction(1, 2), Fraction(1, 2)) and radius == pytest.approx(math.sqrt(0.5))
    assert random.getstate() == state  # the shuffle uses a private generator
    pts = [(random.random(), random.random()) for _ in range(200)]
    assert min_enclosing_circle(pts) == min_enclosing_circle(pts)  # deterministic
    with pytest.raises(ValueError, match="points"):
        min_enclosing_circle([])


# ---------------------------------------------------------------------------
# Input handling: accepted forms, bad input, no mutation

# (name, positional arguments with the point slots marked by None, name of point slots)
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


@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize(("name", "slots"), SINGLE_POINT_CALLS)
def test_bad_points_are_rejected_naming_the_argument(impl, name, slots, bad, error):
    fn = impl(name)
    for i, slot in enumerate(slots):
        args = list(GOOD_POINTS[: len(slots)])
        args[i] = bad
        with pytest.raises(error, match=rf"(^|of ){slot} "):
            fn(*args)


@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
@pytest.mark.parametrize("name", POINT_LIST_CALLS)
def test_bad_point_lists_are_rejected_naming_the_argument(impl, name, bad, error):
    fn = impl(name)
    arg = "poly" if name.startswith(("polygon", "is_convex")) else "points"
    with pytest.raises(error, match=rf"{arg}\[2\]"):
        fn([*GOOD_POINTS[:2], bad, GOOD_POINTS[3]])
    with pytest.raises(TypeError, match=arg):
        fn(5)


@pytest.mark.parametrize(("bad", "error"), BAD_POINTS)
def test_point_in_polygon_rejects_bad_points(impl, bad, error):
    point_in_polygon = impl("point_in_polygon")
    with pytest.raises(error, match=r"(^|of )p "):
        point_in_polygon(bad, GOOD_POINTS)
    with pytest.raises(error, match=r"poly\[1\]"):
        point_in_polygon((0, 0), [(0, 0), bad, (1, 1)])


def test_sign_rejects_bad_input(impl):
    sign = impl("sign")
    with pytest.raises(TypeError, match="x"):
        sign("1")
    with pytest.raises(ValueError, match="x"):
        sign(float("nan"))
    with pytest.raises(ValueError, match="eps"):
        sign(1.0, eps=-1)
    with pytest.raises(TypeError, match="eps"):
        sign(1.0, eps="small")


def test_other_number_types_are_converted(impl):
    # numpy integers become Python ints (exact, no overflow); numpy floats become floats.
    big = np.int64(4_000_000_000)  # big * big overflows int64
    assert impl("cross")((0, 0), (big, 0), (0, big)) == 16 * 10**18
    assert impl("polygon_area")(np.array([[0, 0], [2, 0], [0, 2]])) == 2
    assert impl("convex_hull")(np.array([[0.5, 0.0], [0.0, 0.0]])) == [(0.0, 0.0), (0.5, 0.0)]


@given(st.lists(st.lists(COORD, min_size=2, max_size=2), min_size=3, max_size=8))
def test_inputs_are_not_mutated(impl, pts):
    before = copy.deepcopy(pts)
    calls = [(impl(name), (pts,)) for name in POINT_LIST_CALLS]
    calls += [
        (impl("point_in_polygon"), (pts[0], pts)),
        (impl("segment_intersection"), (pts[0], pts[1], pts[2], pts[0])),
        (impl("line_intersection"), (pts[0], [pts[0][0] + 1, pts[0][1]], pts[1], pts[2])),
    ]
    for fn, args in calls:
        with contextlib.suppress(ValueError):  # zero area, or no line through c and d
            fn(*args)
    assert pts == before


def test_generators_and_points_of_any_form_are_accepted(impl):
    pts = [(0, 0), [4, 0], Point(4, 4), (0, 4)]
    assert impl("convex_hull")(p for p in pts) == [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert impl("polygon_area")(iter(pts)) == 16
    assert impl("point_in_polygon")([1, 1], iter(pts)) == 1
