"""Plane geometry: points, segments, polygons, hulls and circles.

The one predicate
-----------------
Almost everything here reduces to the *cross product*

    cross(o, a, b) = (a - o) x (b - o) = (a.x - o.x)(b.y - o.y) - (a.y - o.y)(b.x - o.x),

twice the signed area of the triangle ``o a b``.  It is positive when ``o -> a -> b``
turns left (counter-clockwise), negative when it turns right and zero when the three
points are collinear.  Segment intersection asks which side of one segment the other's
endpoints lie on; a convex hull keeps only left turns; the shoelace formula for a
polygon's area adds up cross products; point-in-polygon asks on which side of each edge
the point lies.

Exact or approximate
--------------------
A cross product of integers is an integer, so with ``int`` or ``Fraction`` coordinates
every predicate is decided *exactly*: collinear means collinear.  With floats the same
computation is rounded, and three collinear points may come out as a turn of 1e-17.
Floats are therefore compared with an explicit tolerance, named once: a float value
``v`` counts as zero when ``|v| <= EPS`` (see :func:`sign`).  EPS is absolute, as in
contest libraries.  A cross product of coordinates of size C carries a rounding error
of about 1e-16 * C**2, which must stay below EPS, while genuine turns must stay above
it: EPS = 1e-9 suits coordinates of size about 1e-3 to 1e3.  Turns below EPS are
straight, so of 10**5 float points on the unit circle the hull keeps about 2000.  For
other scales, or to decide every case exactly, use exact coordinates (``Fraction(x)``
is exact for any float ``x``).  Exact inputs never meet EPS.

Where an answer needs a division (an intersection point, a centroid, the centre of a
circle) exact inputs give exact answers: each coordinate is an ``int`` when the
quotient is whole and a ``Fraction`` otherwise.  Lengths (``norm``, distances, radii)
are square roots and are returned as ``float``; their exact squares are at hand as
``(p - q).norm2()``.

Points may be passed as :class:`Point` or as plain ``(x, y)`` tuples or lists; points
that are returned are always :class:`Point`.  Coordinates may be ``int``, ``float`` or
``Fraction`` (other integral or rational numbers are converted to ``int`` or
``Fraction``, other reals to ``float``); ``bool`` and non-numbers raise ``TypeError``,
NaN and infinities ``ValueError``.  Inputs are never mutated.

Complexity
----------
The predicates are O(1).  Polygon routines are O(n) for n vertices.  ``convex_hull``,
``closest_pair`` and ``farthest_pair`` take O(n log n) time, ``min_enclosing_circle``
O(n) expected time; all use O(n) memory.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import chain
from numbers import Integral, Rational, Real
from operator import add, itemgetter, sub
from typing import Any, NamedTuple, TypeAlias

from algorithms._validate import as_list, describe, is_nan, require_real

__all__ = [
    "EPS",
    "Point",
    "closest_pair",
    "convex_hull",
    "cross",
    "farthest_pair",
    "is_convex",
    "line_intersection",
    "min_enclosing_circle",
    "on_segment",
    "orientation",
    "point_in_polygon",
    "point_segment_distance",
    "polygon_area",
    "polygon_centroid",
    "segment_intersection",
    "segments_intersect",
    "sign",
]

#: Absolute tolerance for float computations: a float ``v`` with ``|v| <= EPS`` is zero.
EPS = 1e-9

Number: TypeAlias = "int | Fraction | float"
PointLike: TypeAlias = "Point | tuple[Number, Number] | Sequence[Number]"


# ---------------------------------------------------------------------------
# Exact arithmetic helpers


def _div(num: Any, den: Any) -> Any:
    """``num / den``, exact when both are exact: an int when whole, else a Fraction."""
    if isinstance(num, (int, Fraction)) and isinstance(den, (int, Fraction)):
        q = Fraction(num, den)
        return q.numerator if q.denominator == 1 else q
    return num / den


def _sgn(value: Any) -> int:
    """Sign of a computed value: exact for int/Fraction, within the module's EPS for floats."""
    if isinstance(value, float):
        # Read EPS at call time so that a learner may change geometry.EPS.
        return 0 if -EPS <= value <= EPS else (1 if value > 0 else -1)
    return (value > 0) - (value < 0)


def _cross(o: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> Any:
    """Twice the signed area of triangle o a b (no checks: callers pass checked points)."""
    ox, oy = o
    return (a[0] - ox) * (b[1] - oy) - (a[1] - oy) * (b[0] - ox)


def _dist2(a: Sequence[Any], b: Sequence[Any]) -> Any:
    dx = a[0] - b[0]
    dy = a[1] - b[1]
    return dx * dx + dy * dy


def _dist(a: Sequence[Any], b: Sequence[Any]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


# ---------------------------------------------------------------------------
# Point


class Point(NamedTuple):
    """A point (or vector) of the plane; a tuple ``(x, y)`` with vector arithmetic.

    ``+`` and ``-`` take another point (or an ``(x, y)`` tuple); ``*`` and ``/`` take a
    number.  Arithmetic on exact coordinates stays exact: ``Point(1, 2) / 2`` is
    ``Point(Fraction(1, 2), 1)`` (an int when the quotient is whole).  Being a tuple, a
    Point compares, hashes and unpacks like ``(x, y)``: ``Point(1, 2) == (1, 2)``.
    The constructor does not check its arguments; the functions of this module do.

    Examples
    --------
    >>> p, q = Point(1, 2), Point(3, -1)
    >>> p + q, p - q, 2 * p, p / 2
    (Point(x=4, y=1), Point(x=-2, y=3), Point(x=2, y=4), Point(x=Fraction(1, 2), y=1))
    >>> p.dot(q), p.cross(q), p.norm2(), Point(3, 4).norm()
    (1, -7, 5, 5.0)
    >>> Point(1, 0).perp(), Point(1, 0).rotate(math.pi / 2), round(Point(0, 1).angle(), 4)
    (Point(x=0, y=1), Point(x=6.123233995736766e-17, y=1.0), 1.5708)
    """

    x: Any
    y: Any

    def __add__(self, other: Any) -> Point:  # type: ignore[override]
        if not (isinstance(other, tuple) and len(other) == 2):
            return NotImplemented
        return Point(self[0] + other[0], self[1] + other[1])

    def __radd__(self, other: Any) -> Point:
        return self.__add__(other)

    def __sub__(self, other: Any) -> Point:
        if not (isinstance(other, tuple) and len(other) == 2):
            return NotImplemented
        return Point(self[0] - other[0], self[1] - other[1])

    def __rsub__(self, other: Any) -> Point:
        if not (isinstance(other, tuple) and len(other) == 2):
            return NotImplemented
        return Point(other[0] - self[0], other[1] - self[1])

    def __mul__(self, k: Any) -> Point:  # type: ignore[override]
        if not isinstance(k, Real):
            return NotImplemented
        return Point(self[0] * k, self[1] * k)

    def __rmul__(self, k: Any) -> Point:  # type: ignore[override]
        return self.__mul__(k)

    def __truediv__(self, k: Any) -> Point:
        if not isinstance(k, Real):
            return NotImplemented
        if k == 0:
            raise ZeroDivisionError("cannot divide a Point by zero")
        return Point(_div(self[0], k), _div(self[1], k))

    def __neg__(self) -> Point:
        return Point(-self[0], -self[1])

    def __pos__(self) -> Point:
        return self

    def dot(self, other: Sequence[Any]) -> Any:
        """Dot product ``x * other.x + y * other.y`` (exact for exact coordinates)."""
        return self[0] * other[0] + self[1] * other[1]

    def cross(self, other: Sequence[Any]) -> Any:
        """2-D cross product ``x * other.y - y * other.x``: > 0 when other is to the left."""
        return self[0] * other[1] - self[1] * other[0]

    def norm2(self) -> Any:
        """Squared length ``x**2 + y**2`` (exact for exact coordinates)."""
        return self[0] * self[0] + self[1] * self[1]

    def norm(self) -> float:
        """Length ``sqrt(x**2 + y**2)`` as a float (``math.hypot``: no overflow)."""
        return math.hypot(self[0], self[1])

    def perp(self) -> Point:
        """The vector turned 90 degrees counter-clockwise: ``(-y, x)``."""
        return Point(-self[1], self[0])

    def rotate(self, theta: float) -> Point:
        """The point turned ``theta`` radians counter-clockwise about the origin (floats)."""
        c, s = math.cos(theta), math.sin(theta)
        x, y = float(self[0]), float(self[1])
        return Point(x * c - y * s, x * s + y * c)

    def angle(self) -> float:
        """Direction ``atan2(y, x)`` in radians, in ``[-pi, pi]``."""
        return math.atan2(self[1], self[0])


# ---------------------------------------------------------------------------
# Argument checks


def _coord(value: Any, name: str) -> Any:
    """A checked coordinate: int, Fraction or finite float."""
    kind = type(value)
    if kind is int or kind is Fraction:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise ValueError(f"coordinates of {name} must be finite, got {value}")
        return value
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"coordinates of {name} must be real numbers, got {describe(value)}")
    if isinstance(value, Integral):  # e.g. numpy.int64: to int, so products cannot overflow
        return int(value)
    if isinstance(value, Rational):
        return Fraction(value.numerator, value.denominator)
    if is_nan(value) or not math.isfinite(float(value)):
        raise ValueError(f"coordinates of {name} must be finite, got {value!r}")
    return float(value)


def _point(p: Any, name: str) -> Point:
    """A checked Point from a Point, an (x, y) tuple or list, or a length-2 array."""
    if isinstance(p, (str, bytes)) or not (
        isinstance(p, Sequence) or getattr(p, "ndim", None) == 1
    ):
        raise TypeError(f"{name} must be a point (x, y), got {describe(p)}")
    if len(p) != 2:
        raise ValueError(f"{name} must have exactly 2 coordinates (x, y), got {len(p)}")
    return Point(_coord(p[0], name), _coord(p[1], name))


_PLAIN_POINT_TYPES = {tuple, Point}
_PLAIN_COORD_TYPES = {int, float, Fraction}


def _load(points: Iterable[Any], name: str) -> tuple[list[Sequence[Any]], float]:
    """Copy and check a collection of points.

    Returns ``(pts, eps)``: a new list of ``(x, y)`` tuples (Points or plain tuples) and
    the tolerance to use: EPS when some coordinate is a float, else 0 (exact).
    """
    pts = as_list(points, name)
    # The common case -- tuples of int/float/Fraction -- is checked by a few passes that
    # run in C (map, set, sum), several times faster than a Python loop over 10**5
    # points; anything unusual falls through to the point-by-point check below, which
    # also produces the precise error message.
    if set(map(type, pts)) <= _PLAIN_POINT_TYPES and set(map(len, pts)) <= {2}:
        kinds = set(map(type, chain.from_iterable(pts)))
        if kinds <= _PLAIN_COORD_TYPES:
            if float not in kinds:
                return pts, 0
            try:
                # A NaN or an infinity makes the sum non-finite (so does an overflow of
                # finite floats: the slow path then finds nothing wrong).
                if math.isfinite(sum(chain.from_iterable(pts))):
                    return pts, EPS
            except OverflowError:  # an int too large for a float; let the slow path look
                pass
    pts = [_point(p, f"{name}[{i}]") for i, p in enumerate(pts)]
    has_float = any(type(c) is float for c in chain.from_iterable(pts))
    return pts, (EPS if has_float else 0)


# ---------------------------------------------------------------------------
# Predicates


def sign(x: Number, eps: float = EPS) -> int:
    """Sign of ``x`` as -1, 0 or 1; floats within ``eps`` of zero count as zero.

    Exact numbers (``int``, ``Fraction``) are compared with 0 directly; ``eps`` applies
    only to floats.  This is the one place where the tolerance is decided.

    Parameters
    ----------
    x : int, Fraction or float
        The value; NaN is rejected, infinities are allowed.
    eps : float, optional
        Non-negative tolerance for floats (default :data:`EPS`).

    Returns
    -------
    int
        ``-1``, ``0`` or ``1``.

    Raises
    ------
    TypeError
        If ``x`` or ``eps`` is not a real number.
    ValueError
        If ``x`` is NaN, or ``eps`` is negative or not finite.

    Notes
    -----
    O(1).

    Examples
    --------
    >>> sign(-3), sign(0), sign(Fraction(1, 10**30)), sign(1e-12), sign(1e-12, eps=0)
    (-1, 0, 1, 0, 1)
    """
    require_real(x, "x", finite=False)
    require_real(eps, "eps", minimum=0)
    if isinstance(x, (int, Rational)):
        return (x > 0) - (x < 0)
    return 0 if -eps <= x <= eps else (1 if x > 0 else -1)


def cross(o: PointLike, a: PointLike, b: PointLike) -> Number:
    """Cross product ``(a - o) x (b - o)``: twice the signed area of triangle ``o a b``.

    Positive when ``o -> a -> b`` turns counter-clockwise, negative when clockwise,
    zero when collinear (including repeated points).  Exact for exact coordinates.

    Parameters
    ----------
    o, a, b : point
        ``Point`` or ``(x, y)``.

    Returns
    -------
    int, Fraction or float
        The cross product, in the coordinates' own arithmetic.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1): two multiplications.

    Examples
    --------
    >>> cross((0, 0), (1, 0), (0, 1)), cross((0, 0), (0, 1), (1, 0)), cross((0, 0), (1, 1), (2, 2))
    (1, -1, 0)
    """
    return _cross(_point(o, "o"), _point(a, "a"), _point(b, "b"))


def orientation(a: PointLike, b: PointLike, c: PointLike) -> int:
    """Turn direction of ``a -> b -> c``: 1 counter-clockwise, -1 clockwise, 0 collinear.

    The sign of :func:`cross`; repeated points count as collinear.  Exact for exact
    coordinates, within :data:`EPS` for floats.

    Parameters
    ----------
    a, b, c : point
        ``Point`` or ``(x, y)``.

    Returns
    -------
    int
        ``1``, ``-1`` or ``0``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1).  Swapping any two arguments negates the result.

    Examples
    --------
    >>> orientation((0, 0), (4, 0), (1, 1)), orientation((0, 0), (4, 0), (1, -1))
    (1, -1)
    >>> orientation((0, 0), (4, 0), (9, 0)), orientation((0, 0), (0.1, 0.1), (0.3, 0.3))
    (0, 0)
    """
    return _sgn(_cross(_point(a, "a"), _point(b, "b"), _point(c, "c")))


def _on_segment(p: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> bool:
    # On the line through a and b, and not beyond either end: (a - p) . (b - p) <= 0.
    # For a zero-length segment (a == b) this leaves only p == a.
    if _sgn(_cross(a, b, p)) != 0:
        return False
    return _sgn((a[0] - p[0]) * (b[0] - p[0]) + (a[1] - p[1]) * (b[1] - p[1])) <= 0


def on_segment(p: PointLike, a: PointLike, b: PointLike) -> bool:
    """Whether ``p`` lies on the closed segment ``a b`` (endpoints included).

    A zero-length segment (``a == b``) contains only the point ``a``.

    Parameters
    ----------
    p : point
        The point to test.
    a, b : point
        The segment's endpoints.

    Returns
    -------
    bool

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1): ``p`` is collinear with ``a`` and ``b`` and ``(a - p) . (b - p) <= 0``.

    Examples
    --------
    >>> on_segment((1, 1), (0, 0), (2, 2)), on_segment((3, 3), (0, 0), (2, 2))
    (True, False)
    >>> on_segment((0, 0), (0, 0), (2, 2)), on_segment((1, 1), (1, 1), (1, 1))
    (True, True)
    """
    return _on_segment(_point(p, "p"), _point(a, "a"), _point(b, "b"))


def _segment_points(
    a: Sequence[Any], b: Sequence[Any], c: Sequence[Any], d: Sequence[Any], want_points: bool
) -> list[Point] | bool:
    """Intersection of segments ab and cd: the points, or (want_points=False) just whether."""
    oa, ob = _sgn(_cross(c, d, a)), _sgn(_cross(c, d, b))
    oc, od = _sgn(_cross(a, b, c)), _sgn(_cross(a, b, d))
    if oa * ob < 0 and oc * od < 0:
        # A proper crossing (each segment strictly straddles the other's line): a single
        # point, weighting a and b by their signed distances to the line cd.
        if not want_points:
            return True
        ca, cb = _cross(c, d, a), _cross(c, d, b)
        den = cb - ca
        return [Point(_div(a[0] * cb - b[0] * ca, den), _div(a[1] * cb - b[1] * ca, den))]
    # Otherwise any common point is an endpoint of one segment lying on the other: a
    # touching point, or (collinear segments) the two ends of the overlap.
    found = []
    for p, s, t in ((a, c, d), (b, c, d), (c, a, b), (d, a, b)):
        if _on_segment(p, s, t):
            if not want_points:
                return True
            found.append(Point(*p))
    if not want_points:
        return False
    found = sorted(set(found))
    # Exact input gives at most two distinct points; with floats, EPS may accept a third
    # point near the overlap; the overlap's ends are then the extreme two.
    return found if len(found) <= 2 else [found[0], found[-1]]


def segments_intersect(a: PointLike, b: PointLike, c: PointLike, d: PointLike) -> bool:
    """Whether the closed segments ``a b`` and ``c d`` have a common point.

    Touching at an endpoint counts; collinear overlapping segments intersect, collinear
    disjoint ones do not; zero-length segments are points.

    Parameters
    ----------
    a, b : point
        Endpoints of the first segment.
    c, d : point
        Endpoints of the second segment.

    Returns
    -------
    bool

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1): four orientations decide a proper crossing; otherwise the segments meet iff an
    endpoint of one lies on the other.

    Examples
    --------
    >>> segments_intersect((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_intersect((0, 0), (1, 1), (2, 2), (3, 3))  # collinear, disjoint
    False
    >>> segments_intersect((0, 0), (2, 2), (2, 2), (3, 0))  # touching at an endpoint
    True
    """
    pts = _point(a, "a"), _point(b, "b"), _point(c, "c"), _point(d, "d")
    return bool(_segment_points(*pts, want_points=False))


def segment_intersection(a: PointLike, b: PointLike, c: PointLike, d: PointLike) -> list[Point]:
    """Common points of the closed segments ``a b`` and ``c d``: a list of 0, 1 or 2 points.

    0: disjoint (including parallel disjoint).  1: the crossing or touching point (also
    collinear segments that share only an endpoint, and zero-length segments).  2:
    collinear segments overlapping in a segment of positive length -- the two ends of
    the overlap, in increasing ``(x, y)`` order.

    Parameters
    ----------
    a, b : point
        Endpoints of the first segment.
    c, d : point
        Endpoints of the second segment.

    Returns
    -------
    list of Point
        For exact input a crossing point has int or Fraction coordinates (int when
        whole); for float input, floats.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1).  A proper crossing is ``(a * cross(c, d, b) - b * cross(c, d, a)) /
    (cross(c, d, b) - cross(c, d, a))``; every other common point is an endpoint.

    Examples
    --------
    >>> segment_intersection((0, 0), (2, 2), (0, 2), (2, 0))
    [Point(x=1, y=1)]
    >>> segment_intersection((0, 0), (1, 0), (0, 1), (1, 2))
    []
    >>> segment_intersection((0, 0), (4, 0), (6, 0), (2, 0))
    [Point(x=2, y=0), Point(x=4, y=0)]
    >>> segment_intersection((0, 0), (1, 3), (0, 1), (1, 0))
    [Point(x=Fraction(1, 4), y=Fraction(3, 4))]
    """
    pts = _point(a, "a"), _point(b, "b"), _point(c, "c"), _point(d, "d")
    return _segment_points(*pts, want_points=True)  # type: ignore[return-value]


def line_intersection(a: PointLike, b: PointLike, c: PointLike, d: PointLike) -> Point | None:
    """Intersection of the line through ``a, b`` with the line through ``c, d``.

    ``None`` when the lines are parallel -- including when they coincide.  For floats,
    parallel means ``|(b - a) x (d - c)| <= EPS``.

    Parameters
    ----------
    a, b : point
        Two distinct points of the first line.
    c, d : point
        Two distinct points of the second line.

    Returns
    -------
    Point or None
        For exact input, int or Fraction coordinates (int when whole); else floats.

    Raises
    ------
    ValueError
        If ``a == b`` or ``c == d`` (no line), or a coordinate is NaN or infinite.
    TypeError
        If an argument is not a point with two real coordinates.

    Notes
    -----
    O(1): ``a + (b - a) * t`` with ``t = ((c - a) x (d - c)) / ((b - a) x (d - c))``.

    Examples
    --------
    >>> line_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    Point(x=Fraction(1, 2), y=Fraction(1, 2))
    >>> line_intersection((0, 0), (2, 0), (0, 3), (1, 6))
    Point(x=-1, y=0)
    >>> line_intersection((0, 0), (1, 1), (0, 1), (1, 2)) is None
    True
    """
    a, b, c, d = _point(a, "a"), _point(b, "b"), _point(c, "c"), _point(d, "d")
    if a == b:
        raise ValueError(f"a and b must be distinct points to define a line, both are {a}")
    if c == d:
        raise ValueError(f"c and d must be distinct points to define a line, both are {c}")
    ux, uy = b[0] - a[0], b[1] - a[1]
    vx, vy = d[0] - c[0], d[1] - c[1]
    den = ux * vy - uy * vx
    if _sgn(den) == 0:
        return None
    num = (c[0] - a[0]) * vy - (c[1] - a[1]) * vx
    return Point(_div(a[0] * den + ux * num, den), _div(a[1] * den + uy * num, den))


def point_segment_distance(p: PointLike, a: PointLike, b: PointLike) -> float:
    """Distance from ``p`` to the closed segment ``a b``, as a float.

    A zero-length segment (``a == b``) is the point ``a``.

    Parameters
    ----------
    p : point
        The point.
    a, b : point
        The segment's endpoints.

    Returns
    -------
    float
        The Euclidean distance (0.0 when ``p`` is on the segment).

    Raises
    ------
    TypeError, ValueError
        If an argument is not a point with two finite real coordinates.

    Notes
    -----
    O(1).  If the projection of ``p`` onto the line falls beyond an end, the distance
    to that end; otherwise ``|(b - a) x (p - a)| / |b - a|``.  The case split is exact
    for exact coordinates.

    Examples
    --------
    >>> point_segment_distance((0, 1), (-1, 0), (1, 0))
    1.0
    >>> point_segment_distance((4, 4), (0, 0), (1, 0))  # nearest to the end (1, 0)
    5.0
    >>> point_segment_distance((3, 4), (0, 0), (0, 0))
    5.0
    """
    p, a, b = _point(p, "p"), _point(a, "a"), _point(b, "b")
    ux, uy = b[0] - a[0], b[1] - a[1]
    wx, wy = p[0] - a[0], p[1] - a[1]
    t = ux * wx + uy * wy  # projection of p - a on b - a, times |b - a|**2
    length2 = ux * ux + uy * uy
    if t <= 0 or length2 == 0:
        return math.hypot(wx, wy)
    if t >= length2:
        return _dist(p, b)
    return abs(ux * wy - uy * wx) / math.sqrt(length2)


# ---------------------------------------------------------------------------
# Polygons: a list of vertices in order; the edge from the last back to the first is implied.


def _doubled_area(pts: list[Sequence[Any]]) -> Any:
    # Shoelace formula: the sum of cross(origin, v_i, v_{i+1}) over the edges.
    total = 0
    for (x0, y0), (x1, y1) in zip(pts[-1:] + pts[:-1], pts, strict=True):
        total += x0 * y1 - x1 * y0
    return total


def polygon_area(poly: Iterable[PointLike], signed: bool = False) -> Number:
    """Area of the polygon with vertices ``poly`` (in order; the closing edge is implied).

    ``signed=True`` gives the signed area: positive for counter-clockwise vertices,
    negative for clockwise.  Fewer than 3 vertices, or all collinear, give 0.  For a
    self-intersecting polygon the signed area counts each region by its winding number.

    Parameters
    ----------
    poly : iterable of points
        The vertices.
    signed : bool, optional
        Return the signed area (default False: its absolute value).

    Returns
    -------
    int, Fraction or float
        Exact for exact input: an int, or a Fraction when the area is a half-integer.

    Raises
    ------
    TypeError, ValueError
        If ``poly`` is not an iterable of points with finite real coordinates.

    Notes
    -----
    O(n) time, O(n) memory for the copy: the shoelace formula
    ``A = 1/2 * sum(x_i * y_{i+1} - x_{i+1} * y_i)``.

    Examples
    --------
    >>> polygon_area([(0, 0), (4, 0), (4, 3)]), polygon_area([(0, 0), (0, 1), (1, 0)], signed=True)
    (6, Fraction(-1, 2))
    >>> polygon_area([(0, 0), (1, 1), (2, 2)]), polygon_area([])
    (0, 0)
    """
    pts, _ = _load(poly, "poly")
    area = _div(_doubled_area(pts), 2)
    return area if signed else abs(area)


def polygon_centroid(poly: Iterable[PointLike]) -> Point:
    """Centre of mass of the (uniform, simple) polygon with vertices ``poly``.

    The centroid of the region, not the average of the vertices; either orientation.

    Parameters
    ----------
    poly : iterable of points
        The vertices, in order.

    Returns
    -------
    Point
        Exact for exact input (int or Fraction coordinates), else floats.

    Raises
    ------
    ValueError
        If the polygon has zero area (fewer than 3 vertices, all collinear, or signed
        areas that cancel): its centroid is undefined.  Also for NaN or infinite
        coordinates.
    TypeError
        If ``poly`` is not an iterable of points with real coordinates.

    Notes
    -----
    O(n): the triangles ``(origin, v_i, v_{i+1})`` weighted by their signed areas,
    ``C = sum((v_i + v_{i+1}) * cross_i) / (3 * sum(cross_i))``.  Floats: an area of at
    most EPS counts as zero.

    Examples
    --------
    >>> polygon_centroid([(0, 0), (4, 0), (4, 4), (0, 4)])
    Point(x=2, y=2)
    >>> polygon_centroid([(0, 0), (3, 0), (0, 3)])
    Point(x=1, y=1)
    >>> polygon_centroid([(0, 0), (1, 0), (0, 1)])
    Point(x=Fraction(1, 3), y=Fraction(1, 3))
    """
    pts, _ = _load(poly, "poly")
    twice_area = 0
    sx = sy = 0
    for (x0, y0), (x1, y1) in zip(pts[-1:] + pts[:-1], pts, strict=True):
        c = x0 * y1 - x1 * y0
        twice_area += c
        sx += (x0 + x1) * c
        sy += (y0 + y1) * c
    if _sgn(twice_area) == 0:
        raise ValueError(
            f"poly must have non-zero area to have a centroid; its {len(pts)} vertices "
            "enclose zero area"
        )
    return Point(_div(sx, 3 * twice_area), _div(sy, 3 * twice_area))


def point_in_polygon(p: PointLike, poly: Iterable[PointLike]) -> int:
    """Where ``p`` lies relative to the polygon ``poly``: 1 inside, 0 on the boundary, -1 outside.

    Points on an edge or at a vertex give 0.  A polygon with fewer than 3 vertices or
    zero area has no interior: 0 on its edges, -1 elsewhere (an empty polygon: -1).
    Self-intersecting polygons use the even-odd rule.

    Parameters
    ----------
    p : point
        The query point.
    poly : iterable of points
        The vertices, in order (either orientation).

    Returns
    -------
    int
        ``1``, ``0`` or ``-1``.

    Raises
    ------
    TypeError, ValueError
        If ``p`` or a vertex is not a point with finite real coordinates.

    Notes
    -----
    O(n): first the boundary test on each edge, then a ray from ``p`` towards +x: ``p``
    is inside iff the ray crosses an odd number of edges.  An edge counts when it spans
    ``p.y`` half-open (one end above, the other not), so a ray through a vertex is
    counted once, and horizontal edges never; the side test is a cross product, exact
    for exact input.

    Examples
    --------
    >>> square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    >>> [point_in_polygon(p, square) for p in [(1, 2), (4, 1), (0, 0), (5, 0)]]
    [1, 0, 0, -1]
    """
    q = _point(p, "p")
    pts, _ = _load(poly, "poly")
    py = q[1]
    inside = False
    for a, b in zip(pts[-1:] + pts[:-1], pts, strict=True):
        if _on_segment(q, a, b):
            return 0
        # An edge spanning p.y (half-open) crosses the ray to the right of p exactly when
        # p is left of it going up (a -> b upward), or right of it going down.
        if (a[1] > py) != (b[1] > py) and (_cross(a, b, q) > 0) == (b[1] > a[1]):
            inside = not inside
    return 1 if inside else -1


def is_convex(poly: Iterable[PointLike]) -> bool:
    """Whether ``poly`` is a convex polygon, in either orientation.

    Collinear vertices (straight angles) are allowed and repeated consecutive vertices
    ignored.  False for fewer than 3 distinct vertices, zero area, a reversal (an edge
    doubling back on the previous one), and polygons that turn one way but wind around
    more than once (a pentagram).

    Parameters
    ----------
    poly : iterable of points
        The vertices, in order.

    Returns
    -------
    bool

    Raises
    ------
    TypeError, ValueError
        If ``poly`` is not an iterable of points with finite real coordinates.

    Notes
    -----
    O(n).  All turns must have the same sign (ignoring straight ones), and the edge
    direction, which then rotates monotonically, must go round exactly once: it passes
    between the half-planes "pointing up" and "pointing down" exactly twice.

    Examples
    --------
    >>> is_convex([(0, 0), (4, 0), (4, 4), (0, 4)]), is_convex([(0, 0), (4, 0), (1, 1), (0, 4)])
    (True, False)
    >>> pentagram = [(0, 10), (6, -8), (-10, 3), (10, 3), (-6, -8)]
    >>> is_convex(pentagram), is_convex([(0, 0), (1, 1), (2, 2)])
    (False, False)
    """
    pts, _ = _load(poly, "poly")
    # Drop consecutive repeats (cyclically): zero-length edges have no direction.
    pts = [v for i, v in enumerate(pts) if v != pts[i - 1]] or pts[:1]
    n = len(pts)
    if n < 3:
        return False
    turn = 0
    crossings = 0
    for i in range(n):
        (ax, ay), (bx, by), (cx, cy) = pts[i - 2], pts[i - 1], pts[i]
        ux, uy, vx, vy = bx - ax, by - ay, cx - bx, cy - by
        t = _sgn(ux * vy - uy * vx)
        if t == 0:
            if _sgn(ux * vx + uy * vy) < 0:
                return False  # reversal
        elif turn == 0:
            turn = t
        elif t != turn:
            return False
        # Upper half-plane of directions: angle in [0, pi).
        if (uy > 0 or (uy == 0 and ux > 0)) != (vy > 0 or (vy == 0 and vx > 0)):
            crossings += 1
    return turn != 0 and crossings == 2


# ---------------------------------------------------------------------------
# Convex hull


_X = itemgetter(0)
_Y = itemgetter(1)


def _sort_xy(pts: list[Sequence[Any]]) -> None:
    # Sort in place by (x, y).  Sorting on x alone first is about twice as fast (the keys
    # are plain numbers rather than tuples compared element by element); the second,
    # full sort then only has to order points with equal x, and on an already sorted
    # run it costs n - 1 comparisons.
    pts.sort(key=_X)
    pts.sort()


def _half_hull(pts: list[Sequence[Any]], eps: float) -> list[Sequence[Any]]:
    """Monotone chain over ``pts`` (sorted, first != last): the vertices that turn left.

    The stack keeps only left turns: before pushing p, pop the top ``b`` while
    ``a -> b -> p`` (``a`` below ``b``) does not turn left -- it turns right, or goes
    straight, or b repeats a point.  The top two vertices live in local variables,
    which halves the time of this loop compared with indexing the stack.
    """
    it = iter(pts)
    a = next(it)
    ax, ay = a
    b = None  # the top of the stack, or None when the stack holds a alone
    rest: list[Sequence[Any]] = []  # the stack below a
    for p in it:
        px, py = p
        if b is not None:
            bx, by = b
            while (bx - ax) * (py - ay) - (by - ay) * (px - ax) <= eps:
                if not rest:
                    b = None
                    break
                b, bx, by = a, ax, ay
                a = rest.pop()
                ax, ay = a
        if b is not None:
            rest.append(a)
            a, ax, ay = b, bx, by
        b = p
    rest.append(a)
    if b is not None:
        rest.append(b)
    return rest


def _discard_interior(pts: list[Sequence[Any]], eps: float) -> list[Sequence[Any]]:
    """The points not strictly inside the quadrilateral of 4 extreme points (Akl-Toussaint).

    The extreme points in the directions of -x-y, x-y, x+y and -x+y are hull vertices in
    counter-clockwise order, and a point strictly inside their quadrilateral -- strictly
    left of all four edges -- is no hull vertex.  (Even if rounding picks other points,
    a point strictly left of every edge of a closed polygon lies strictly inside the
    convex hull of its vertices, so the filter stays safe.)  For points spread over a
    square or a Gaussian cloud this discards over 95% of them in one pass whose
    per-point work is a few multiplications, so the sort and the chains see few points.
    O(n) time; it never removes a hull vertex, so the worst case stays O(n log n).
    """
    xs = list(map(_X, pts))
    ys = list(map(_Y, pts))
    sums = list(map(add, xs, ys))
    diffs = list(map(sub, xs, ys))
    quad = [
        pts[sums.index(min(sums))],
        pts[diffs.index(max(diffs))],
        pts[sums.index(max(sums))],
        pts[diffs.index(min(diffs))],
    ]
    # p = (x, y) is strictly left of the edge a -> b = a + (u, v) when
    # (u, v) x (p - a) > eps, i.e. u*y - v*x > u*ay - v*ax + eps: the right side is
    # computed once per edge.
    (u1, v1, k1), (u2, v2, k2), (u3, v3, k3), (u4, v4, k4) = (
        (bx - ax, by - ay, (bx - ax) * ay - (by - ay) * ax + eps)
        for (ax, ay), (bx, by) in zip(quad, quad[1:] + quad[:1], strict=True)
    )
    return [
        p
        for p, x, y in zip(pts, xs, ys, strict=True)
        if u1 * y - v1 * x <= k1
        or u2 * y - v2 * x <= k2
        or u3 * y - v3 * x <= k3
        or u4 * y - v4 * x <= k4
    ]


def _hull(pts: list[Sequence[Any]], eps: float) -> list[Sequence[Any]]:
    """Hull vertices of ``pts`` (a list of checked points)."""
    if not pts:
        return []
    pts = _discard_interior(pts, eps)
    _sort_xy(pts)
    if pts[0] == pts[-1]:
        return pts[:1]
    lower = _half_hull(pts, eps)
    upper = _half_hull(pts[::-1], eps)
    # Each chain ends where the other begins.
    return lower[:-1] + upper[:-1]


def convex_hull(points: Iterable[PointLike]) -> list[Point]:
    """Convex hull of ``points``: its vertices counter-clockwise from the smallest ``(x, y)``.

    Degenerate input: repeated points and points on the hull's edges are dropped; all
    points collinear -> the two extreme points; all identical -> that point, once; one
    point -> that point; empty -> ``[]``.  Floats: turns within EPS count as straight.

    Parameters
    ----------
    points : iterable of points
        ``Point`` or ``(x, y)`` items, in any order.

    Returns
    -------
    list of Point
        The hull's vertices, counter-clockwise, starting at the lexicographically
        smallest point; no three consecutive vertices collinear.

    Raises
    ------
    TypeError, ValueError
        If ``points`` is not an iterable of points with finite real coordinates.

    Notes
    -----
    Andrew's monotone chain: O(n log n) time for the sort, then O(n) for the two
    chains (each point is pushed and popped at most once per chain); O(n) memory.
    Sorted by ``(x, y)``, the lower hull is the chain of left turns from the first point
    to the last, the upper hull the chain of left turns from the last back to the first.
    A first O(n) pass (Akl and Toussaint's heuristic) drops the points strictly inside
    the quadrilateral of four extreme points; on typical inputs few points are left to
    sort.

    Examples
    --------
    >>> convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0), (0, 0)])
    [Point(x=0, y=0), Point(x=2, y=0), Point(x=2, y=2), Point(x=0, y=2)]
    >>> convex_hull([(2, 2), (0, 0), (1, 1)]), convex_hull([(5, 5), (5, 5)])
    ([Point(x=0, y=0), Point(x=2, y=2)], [Point(x=5, y=5)])
    """
    pts, eps = _load(points, "points")
    return [Point(*p) for p in _hull(pts, eps)]


# ---------------------------------------------------------------------------
# Closest and farthest pair


def _check_pair_input(pts: list[Sequence[Any]]) -> None:
    if len(pts) < 2:
        raise ValueError(f"points must contain at least 2 points, got {len(pts)}")


# Blocks of at most this many points are solved directly.  Larger blocks mean fewer
# levels of recursion (each costs a pass over all points in Python); the direct scan
# costs O(_CLOSEST_BLOCK) per point at worst (points sharing one y), so any constant
# keeps O(n log n).  32 was fastest on uniform points without slowing the worst case.
_CLOSEST_BLOCK = 32


def _scan_by_y(by_y: list[Any], d2: Any, p: Any, q: Any) -> tuple[Any, Any, Any]:
    """Improve the pair (p, q) at squared distance d2 with pairs of ``by_y`` (sorted by y).

    Each point is compared with the points after it until one is sqrt(d2) or more
    higher: no later point can then be closer than sqrt(d2).
    """
    for i, s in enumerate(by_y):
        sx, sy = s
        for j in range(i + 1, len(by_y)):
            t = by_y[j]
            dy = t[1] - sy
            if dy * dy >= d2:
                break
            dx = t[0] - sx
            if dx * dx + dy * dy < d2:
                d2, p, q = dx * dx + dy * dy, s, t
    return d2, p, q


def _closest(pts: list[Sequence[Any]], lo: int, hi: int) -> tuple[Any, Any, Any, list[Any]]:
    """Closest pair among pts[lo:hi] (sorted by x): (d2, p, q, those points sorted by y)."""
    if hi - lo <= _CLOSEST_BLOCK:
        by_y = sorted(pts[lo:hi], key=_Y)
        return (*_scan_by_y(by_y, math.inf, None, None), by_y)
    mid = (lo + hi) // 2
    xm = pts[mid][0]
    left = _closest(pts, lo, mid)
    right = _closest(pts, mid, hi)
    d2, p, q = min(left[:3], right[:3], key=itemgetter(0))
    # Both halves arrive sorted by y: Timsort finds the two runs and merges them in
    # linear time, as merge sort would.
    by_y = left[3] + right[3]
    by_y.sort(key=_Y)
    # A pair closer than sqrt(d2) that straddles the dividing line has both points
    # within sqrt(d2) of it.  In y order each such point need only be compared with the
    # points less than sqrt(d2) above it, and a packing argument bounds those by a
    # constant (the points of each half are at least sqrt(d2) apart): the strip costs
    # O(n).
    strip = [s for s in by_y if (s[0] - xm) * (s[0] - xm) < d2]
    return (*_scan_by_y(strip, d2, p, q), by_y)


def closest_pair(points: Iterable[PointLike]) -> tuple[float, Point, Point]:
    """The two closest of ``points``: ``(distance, p, q)`` with ``p <= q`` in ``(x, y)`` order.

    Degenerate input: a repeated point is a pair at distance 0.0; ties -> any one of
    the closest pairs.

    Parameters
    ----------
    points : iterable of points
        At least two ``Point`` or ``(x, y)`` items.

    Returns
    -------
    (float, Point, Point)
        The distance as a float (``math.hypot``), and the pair.  The exact squared
        distance is ``(p - q).norm2()``.

    Raises
    ------
    ValueError
        If ``points`` holds fewer than 2 points, or a coordinate is NaN or infinite.
    TypeError
        If ``points`` is not an iterable of points with real coordinates.

    Notes
    -----
    Divide and conquer, O(n log n) time and O(n) memory: sort by x, solve each half,
    then check the pairs that straddle the dividing line within the best distance so
    far -- in y order, a constant number per point.  Blocks of up to 32 points are
    solved directly by the same scan in y order.  Distances are compared squared, so
    exact coordinates are decided exactly.

    Examples
    --------
    >>> closest_pair([(0, 0), (5, 5), (1, 1), (9, 0)])
    (1.4142135623730951, Point(x=0, y=0), Point(x=1, y=1))
    >>> closest_pair([(3, 4), (0, 0), (3, 4)])
    (0.0, Point(x=3, y=4), Point(x=3, y=4))
    """
    pts, _ = _load(points, "points")
    _check_pair_input(pts)
    _sort_xy(pts)
    _, p, q, _ = _closest(pts, 0, len(pts))
    p, q = sorted((Point(*p), Point(*q)))
    return _dist(p, q), p, q


def farthest_pair(points: Iterable[PointLike]) -> tuple[float, Point, Point]:
    """The two farthest of ``points``: ``(distance, p, q)`` with ``p <= q`` in ``(x, y)`` order.

    Degenerate input: all points identical -> distance 0.0 and that point twice;
    collinear points -> the two extreme ones; ties -> any one of the farthest pairs.

    Parameters
    ----------
    points : iterable of points
        At least two ``Point`` or ``(x, y)`` items.

    Returns
    -------
    (float, Point, Point)
        The distance as a float (``math.hypot``), and the pair.

    Raises
    ------
    ValueError
        If ``points`` holds fewer than 2 points, or a coordinate is NaN or infinite.
    TypeError
        If ``points`` is not an iterable of points with real coordinates.

    Notes
    -----
    The farthest pair is a pair of hull vertices that are *antipodal*: they admit
    parallel supporting lines.  Rotating calipers walk them all in O(h) steps: for each
    hull edge ``a b``, advance the opposite vertex while it gets farther from the line
    ``a b``.  O(n log n) time for the hull, O(n) memory.

    Examples
    --------
    >>> farthest_pair([(0, 0), (1, 1), (3, 0), (1, -1)])
    (3.0, Point(x=0, y=0), Point(x=3, y=0))
    """
    pts, eps = _load(points, "points")
    _check_pair_input(pts)
    hull = _hull(pts, eps)
    m = len(hull)
    if m == 1:
        p = Point(*hull[0])
        return 0.0, p, p
    best = (_dist2(hull[0], hull[1]), hull[0], hull[1])
    j = 1
    for i in range(m):
        a, b = hull[i], hull[(i + 1) % m]
        ux, uy = b[0] - a[0], b[1] - a[1]
        # Advance j while the next vertex is farther from the line a b, i.e. while the
        # edge leaving j still points away from it.  It stops at j == i at the latest,
        # where the cross product is zero.
        while True:
            c, n = hull[j], hull[(j + 1) % m]
            if ux * (n[1] - c[1]) - uy * (n[0] - c[0]) <= 0:
                break
            j = (j + 1) % m
        for v in (a, b):
            d2 = _dist2(v, hull[j])
            if d2 > best[0]:
                best = (d2, v, hull[j])
    p, q = sorted((Point(*best[1]), Point(*best[2])))
    return _dist(p, q), p, q


# ---------------------------------------------------------------------------
# Smallest enclosing circle


# Any fixed seed will do: a fixed one makes the results (and float rounding) reproducible.
_SHUFFLE_SEED = 0x5EED


def _circle2(a: Sequence[Any], b: Sequence[Any]) -> tuple[Point, Any]:
    """The circle with diameter a b: (centre, squared radius)."""
    c = Point(_div(a[0] + b[0], 2), _div(a[1] + b[1], 2))
    return c, _dist2(c, a)


def _circle3(a: Sequence[Any], b: Sequence[Any], c: Sequence[Any]) -> tuple[Point, Any]:
    """The circle through a, b and c: (centre, squared radius)."""
    bx, by = b[0] - a[0], b[1] - a[1]
    cx, cy = c[0] - a[0], c[1] - a[1]
    d = 2 * (bx * cy - by * cx)
    if d == 0:
        # Collinear: cannot happen with exact input (see min_enclosing_circle), but
        # float rounding may get here; the circle over the farthest two is the answer.
        return max((_circle2(a, b), _circle2(a, c), _circle2(b, c)), key=itemgetter(1))
    b2, c2 = bx * bx + by * by, cx * cx + cy * cy
    centre = Point(_div(a[0] * d + cy * b2 - by * c2, d), _div(a[1] * d + bx * c2 - cx * b2, d))
    return centre, _dist2(centre, a)


def min_enclosing_circle(points: Iterable[PointLike]) -> tuple[Point, float]:
    """Smallest circle containing all of ``points``: ``(centre, radius)``.

    Degenerate input: one point (or all identical) -> that point and radius 0.0;
    repeated and collinear points are fine (collinear -> the circle over the extreme
    two).

    Parameters
    ----------
    points : iterable of points
        At least one ``Point`` or ``(x, y)`` item.

    Returns
    -------
    (Point, float)
        The centre -- exact (int or Fraction coordinates) for exact input, floats
        otherwise -- and the radius as a float.

    Raises
    ------
    ValueError
        If ``points`` is empty, or a coordinate is NaN or infinite.
    TypeError
        If ``points`` is not an iterable of points with real coordinates.

    Notes
    -----
    Welzl's randomised incremental algorithm, expected O(n) time, O(n) memory.  Add the
    points in random order; when a point falls outside the current circle, it must lie
    on the boundary of the new one, which is found by the same procedure over the points
    before it with that point fixed on the boundary -- and, one level deeper, with two
    points fixed, where three fixed points determine the circle.  A point is outside
    with probability at most 3/i, which makes the expected total work linear.  The
    shuffle uses a private ``random.Random`` with a fixed seed: results are reproducible
    and the global random state is untouched.  Exact input is tested exactly; floats count a
    point as inside when its squared distance is within a relative ``EPS`` of the
    squared radius.

    Examples
    --------
    >>> min_enclosing_circle([(0, 0), (4, 0), (0, 4), (1, 1)])
    (Point(x=2, y=2), 2.8284271247461903)
    >>> min_enclosing_circle([(0, 0), (1, 0), (3, 0)])
    (Point(x=Fraction(3, 2), y=0), 1.5)
    """
    pts, eps = _load(points, "points")
    if not pts:
        raise ValueError("points must contain at least 1 point, got 0")
    random.Random(_SHUFFLE_SEED).shuffle(pts)
    scale = 1 + eps  # the relative tolerance (exactly 1 for exact input)
    # (cx, cy), r2: centre and squared radius of the smallest circle holding the points
    # seen so far with the fixed points on its boundary; ``bound`` is r2 with the
    # tolerance.  The distance test is written out: it runs about 6n times.
    (cx, cy), r2 = pts[0], 0
    bound = 0
    for i, p in enumerate(pts):
        if (p[0] - cx) ** 2 + (p[1] - cy) ** 2 <= bound:
            continue
        (cx, cy), r2 = p, 0  # p is on the boundary of the circle of pts[: i + 1]
        bound = 0
        for j in range(i):
            q = pts[j]
            if (q[0] - cx) ** 2 + (q[1] - cy) ** 2 <= bound:
                continue
            (cx, cy), r2 = _circle2(p, q)  # ... and q too, for pts[: j + 1] and p
            bound = r2 * scale
            for k in range(j):
                s = pts[k]
                if (s[0] - cx) ** 2 + (s[1] - cy) ** 2 > bound:
                    (cx, cy), r2 = _circle3(p, q, s)  # three fixed points: one circle
                    bound = r2 * scale
    return Point(cx, cy), math.sqrt(r2)
