"""Plane geometry: orientation, segments, polygons, hulls, closest pairs and circles.

Rules shared by every exercise of this topic:

- A point is a tuple ``(x, y)``.  Coordinates are ints with ``|x|, |y| <= 10^9``,
  or floats with ``|x|, |y| <= 10^3``.
- A point you return may be any ``(x, y)`` tuple (a ``NamedTuple`` is fine).  Where
  the exact answer is a fraction (an intersection point, a centroid, a centre), a
  float is accepted; answers are compared to a relative ``1e-9``.
- Most of it reduces to the *cross product* ``cross(o, a, b) = (a - o) x (b - o)``:
  positive when ``o -> a -> b`` turns left (counter-clockwise), negative when it
  turns right, zero when the three points are collinear.  With ints it is exact.
  With floats it is rounded, so a float value ``v`` with ``|v| <= EPS = 1e-9`` counts
  as zero.  (The judged float inputs are multiples of 1/4, whose cross products are
  exact, or random points far from any tie: comparing with 0 exactly also passes.)
- Inputs must not be modified.

Contract checks for the whole topic (shown on your row, not required): Fraction
coordinates and exact answers for exact input (ints or Fractions in, ints or
Fractions out, never a float), points given as lists, NumPy numbers, any iterable
of points, EPS applied to near-collinear floats, and bad input -- a point that is not
two finite real numbers -- raising ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

EPS = 1e-9

Point = tuple[float, float]


def sign(x: float, eps: float = EPS) -> int:
    """Return the sign of ``x``: ``-1``, ``0`` or ``1``, with a tolerance for floats.

    A float within ``eps`` of zero (``|x| <= eps``) counts as zero.  An int is
    compared with zero exactly: ``eps`` applies to floats only.

    Constraints
    -----------
    - ``x`` is an int (any size) or a float (finite or infinite, never NaN)
    - ``eps`` is a float, ``0 <= eps <= 10^6``.

    Errors (contract)
    -----------------
    ``x`` NaN, or ``eps`` negative → ``ValueError``; ``x`` or ``eps`` not a number →
    ``TypeError``.  Also checked as contract: Fractions, compared exactly.

    Examples
    --------
    >>> sign(-3), sign(0), sign(1e-12), sign(1e-12, eps=0), sign(10**30, eps=10)
    (-1, 0, 0, 1, 1)

    Complexity
    ----------
    ``O(1)``.

    Hint: decide by the type first.
    """
    raise NotImplementedError


def cross(o: Point, a: Point, b: Point) -> float:
    """Return the cross product ``(a - o) x (b - o)``: twice the signed area of triangle ``o a b``.

    ``(a.x - o.x)·(b.y - o.y) - (a.y - o.y)·(b.x - o.x)``: positive when ``o -> a -> b``
    turns counter-clockwise, negative when clockwise, zero when collinear.

    Constraints
    -----------
    Points as in the topic's rules (repeated points allowed).

    Errors (contract)
    -----------------
    A point that is not two finite real numbers → ``TypeError`` or ``ValueError``.

    Examples
    --------
    >>> cross((0, 0), (1, 0), (0, 1)), cross((0, 0), (0, 1), (1, 0)), cross((0, 0), (1, 1), (2, 2))
    (1, -1, 0)

    Complexity
    ----------
    ``O(1)``.

    Hint: two multiplications.
    """
    raise NotImplementedError


def orientation(a: Point, b: Point, c: Point) -> int:
    """Return the turn of ``a -> b -> c``: ``1`` left, ``-1`` right, ``0`` straight.

    ``1`` for a counter-clockwise turn, ``-1`` for a clockwise one, ``0`` when the
    points are collinear (repeated points included).  For floats, a cross product
    within ``EPS`` of zero is collinear.

    Constraints
    -----------
    Points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`cross`.

    Examples
    --------
    >>> orientation((0, 0), (4, 0), (1, 1)), orientation((0, 0), (4, 0), (1, -1))
    (1, -1)
    >>> orientation((0, 0), (4, 0), (9, 0)), orientation((0, 0), (0, 0), (1, 1))
    (0, 0)

    Complexity
    ----------
    ``O(1)``.

    Hint: the sign of the cross product.
    """
    raise NotImplementedError


def on_segment(p: Point, a: Point, b: Point) -> bool:
    """Return whether ``p`` lies on the closed segment from ``a`` to ``b`` (ends included).

    A zero-length segment (``a == b``) contains only the point ``a``.

    Constraints
    -----------
    Points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`cross`.

    Examples
    --------
    >>> on_segment((1, 1), (0, 0), (2, 2)), on_segment((3, 3), (0, 0), (2, 2))
    (True, False)
    >>> on_segment((0, 0), (0, 0), (2, 2)), on_segment((1, 1), (1, 1), (1, 1))
    (True, True)

    Complexity
    ----------
    ``O(1)``.

    Hint: collinear with ``a`` and ``b``, and ``(a - p) · (b - p) <= 0``.
    """
    raise NotImplementedError


def segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Return whether the closed segments ``a b`` and ``c d`` have a point in common.

    Touching at an end counts; collinear segments intersect when they overlap or
    touch; a zero-length segment is a point.

    Constraints
    -----------
    Points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`cross`.

    Examples
    --------
    >>> segments_intersect((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_intersect((0, 0), (1, 1), (2, 2), (3, 3))  # collinear, apart
    False
    >>> segments_intersect((0, 0), (2, 2), (2, 2), (3, 0))  # touching at an end
    True

    Complexity
    ----------
    ``O(1)``.

    Hint: four orientations decide a proper crossing; otherwise the segments meet
    only if an end of one lies on the other.
    """
    raise NotImplementedError


def segment_intersection(a: Point, b: Point, c: Point, d: Point) -> list[Point]:
    """Return the common points of the closed segments ``a b`` and ``c d``: 0, 1 or 2 points.

    - ``[]`` when they do not meet;
    - ``[p]`` when they meet in one point: a crossing, a touching end, collinear
      segments sharing only an end, or zero-length segments;
    - ``[p, q]`` when they are collinear and overlap along a piece of positive
      length: its two ends, in increasing ``(x, y)`` order.

    Constraints
    -----------
    Points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`cross`.  Also checked as contract: exact input gives exact points
    (``Fraction(1, 4)``, not ``0.25``).

    Examples
    --------
    >>> [tuple(p) for p in segment_intersection((0, 0), (2, 2), (0, 2), (2, 0))]
    [(1, 1)]
    >>> segment_intersection((0, 0), (1, 0), (0, 1), (1, 2))
    []
    >>> [tuple(p) for p in segment_intersection((0, 0), (4, 0), (6, 0), (2, 0))]
    [(2, 0), (4, 0)]

    The overlap of ``[0, 4]`` and ``[2, 6]`` on the x-axis is ``[2, 4]``.

    Complexity
    ----------
    ``O(1)``.

    Hint: a proper crossing is ``(a·cross(c, d, b) - b·cross(c, d, a)) /
    (cross(c, d, b) - cross(c, d, a))``; every other common point is an end of a
    segment lying on the other.
    """
    raise NotImplementedError


def line_intersection(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Return the intersection of the line through ``a, b`` with the line through ``c, d``.

    Return ``None`` when the lines are parallel, including when they are the same
    line.

    Constraints
    -----------
    Points as in the topic's rules, with ``a != b`` and ``c != d``.

    Errors (contract)
    -----------------
    ``a == b`` or ``c == d`` (no line) → ``ValueError``; a bad point as for
    :func:`cross`.

    Examples
    --------
    >>> tuple(line_intersection((0, 0), (2, 0), (0, 3), (1, 6)))
    (-1, 0)
    >>> x, y = line_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    >>> float(x), float(y)
    (0.5, 0.5)
    >>> line_intersection((0, 0), (1, 1), (0, 1), (1, 2)) is None
    True

    Complexity
    ----------
    ``O(1)``.

    Hint: ``a + t·(b - a)`` with ``t = ((c - a) x (d - c)) / ((b - a) x (d - c))``.
    """
    raise NotImplementedError


def point_segment_distance(p: Point, a: Point, b: Point) -> float:
    """Return the distance from ``p`` to the closed segment ``a b``.

    A zero-length segment (``a == b``) is the point ``a``.

    Constraints
    -----------
    Points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`cross`.

    Examples
    --------
    >>> point_segment_distance((0, 1), (-1, 0), (1, 0))
    1.0
    >>> point_segment_distance((4, 4), (0, 0), (1, 0))  # nearest to the end (1, 0)
    5.0

    Complexity
    ----------
    ``O(1)``.

    Hint: if the projection of ``p`` on the line falls beyond an end, the distance
    to that end; otherwise ``|(b - a) x (p - a)| / |b - a|``.
    """
    raise NotImplementedError


def polygon_area(poly: list[Point], signed: bool = False) -> float:
    """Return the area of the polygon with vertices ``poly``, in order (the last joins the first).

    With ``signed=True`` return the signed area: positive when the vertices go
    counter-clockwise, negative when clockwise.  Fewer than 3 vertices, or all
    collinear, give 0.  A self-intersecting polygon counts each region by its
    winding number (what the shoelace formula gives).

    Constraints
    -----------
    ``0 <= len(poly) <= 10^5`` points as in the topic's rules, repeats allowed.

    Errors (contract)
    -----------------
    A bad point → ``TypeError`` or ``ValueError``.  Also checked as contract: exact
    input gives an exact area (``Fraction(1, 2)``, not ``0.5``).

    Examples
    --------
    >>> polygon_area([(0, 0), (4, 0), (4, 3)])
    6
    >>> float(polygon_area([(0, 0), (0, 1), (1, 0)], signed=True))
    -0.5
    >>> polygon_area([(0, 0), (1, 1), (2, 2)])
    0

    Complexity
    ----------
    ``O(n)``.

    Hint: the shoelace formula, ``A = 1/2 · Σ (x_i·y_{i+1} - x_{i+1}·y_i)``.
    """
    raise NotImplementedError


def polygon_centroid(poly: list[Point]) -> Point:
    """Return the centroid (centre of mass) of the region of the polygon ``poly``.

    The centroid of the region, not the average of the vertices, for either
    orientation.  For any vertex list with non-zero area it is defined by the
    shoelace-weighted formula ``C = Σ (v_i + v_{i+1})·c_i / (3·Σ c_i)`` with
    ``c_i = x_i·y_{i+1} - x_{i+1}·y_i``.

    Constraints
    -----------
    ``0 <= len(poly) <= 10^5`` points as in the topic's rules, and the signed area
    is not zero.

    Errors (contract)
    -----------------
    Zero area (fewer than 3 vertices, all collinear, or areas that cancel): no
    centroid → ``ValueError``; a bad point as for :func:`polygon_area`.

    Examples
    --------
    >>> tuple(polygon_centroid([(0, 0), (4, 0), (4, 4), (0, 4)]))
    (2, 2)
    >>> x, y = polygon_centroid([(0, 0), (1, 0), (0, 1)])
    >>> round(float(x), 6), round(float(y), 6)
    (0.333333, 0.333333)

    Complexity
    ----------
    ``O(n)``.

    Hint: accumulate ``c_i``, ``(x_i + x_{i+1})·c_i`` and ``(y_i + y_{i+1})·c_i`` in
    one pass.
    """
    raise NotImplementedError


def point_in_polygon(p: Point, poly: list[Point]) -> int:
    """Return where ``p`` lies relative to the polygon ``poly``: ``1``, ``0`` or ``-1``.

    ``1`` inside, ``0`` on the boundary (an edge or a vertex), ``-1`` outside.
    Self-intersecting polygons use the even-odd rule (inside when a ray from ``p``
    crosses the boundary an odd number of times).  A polygon with fewer than 3
    vertices or zero area has no interior: 0 on its edges, -1 elsewhere (an empty
    polygon: -1).

    Constraints
    -----------
    ``0 <= len(poly) <= 10^5`` points as in the topic's rules, in order, either
    orientation, repeats allowed.

    Errors (contract)
    -----------------
    As for :func:`polygon_area`.

    Examples
    --------
    >>> square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    >>> [point_in_polygon(q, square) for q in [(1, 2), (4, 1), (0, 0), (5, 0)]]
    [1, 0, 0, -1]

    Complexity
    ----------
    ``O(n)``.

    Hint: check every edge for the boundary first; then cast a ray to the right and
    count the edges that span ``p.y`` half-open (one end above, the other not), so
    a ray through a vertex counts once.
    """
    raise NotImplementedError


def is_convex(poly: list[Point]) -> bool:
    """Return whether ``poly`` is a convex polygon, in either orientation.

    Straight angles (collinear consecutive vertices) are allowed and repeated
    consecutive vertices ignored.  ``False`` for fewer than 3 distinct vertices,
    zero area, an edge that doubles back on the previous one, and polygons that
    turn one way but wind around more than once (a pentagram).

    Constraints
    -----------
    ``0 <= len(poly) <= 10^5`` points as in the topic's rules.

    Errors (contract)
    -----------------
    As for :func:`polygon_area`.

    Examples
    --------
    >>> is_convex([(0, 0), (4, 0), (4, 4), (0, 4)]), is_convex([(0, 0), (4, 0), (1, 1), (0, 4)])
    (True, False)
    >>> pentagram = [(0, 10), (6, -8), (-10, 3), (10, 3), (-6, -8)]
    >>> is_convex(pentagram), is_convex([(0, 0), (1, 1), (2, 2)])
    (False, False)

    Complexity
    ----------
    ``O(n)``.

    Hint: every turn has the same sign (ignoring straight ones), and the direction
    of the edges goes round exactly once.
    """
    raise NotImplementedError


def convex_hull(points: list[Point]) -> list[Point]:
    """Return the convex hull of ``points``: its vertices, counter-clockwise.

    Start at the lexicographically smallest point; leave out repeated points and
    points on the hull's edges (no three consecutive vertices collinear).  All
    points collinear: the two extreme points; all identical: that point once; no
    points: ``[]``.  Return the input points themselves (unchanged coordinates).

    Constraints
    -----------
    ``0 <= len(points) <= 10^5`` points as in the topic's rules, in any order,
    repeats allowed.

    Errors (contract)
    -----------------
    As for :func:`polygon_area`.  Also checked as contract: float turns within
    ``EPS`` count as straight (``(1.0, 1e-12)`` between ``(0.0, 0.0)`` and
    ``(2.0, 0.0)`` is not a vertex).

    Examples
    --------
    >>> [tuple(p) for p in convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0), (0, 0)])]
    [(0, 0), (2, 0), (2, 2), (0, 2)]
    >>> [tuple(p) for p in convex_hull([(2, 2), (0, 0), (1, 1)])]
    [(0, 0), (2, 2)]

    Complexity
    ----------
    ``O(n log n)`` time, ``O(n)`` memory (the judge times 20,000 points).

    Hint: Andrew's monotone chain: sort the points, then build the lower and the
    upper chain keeping only left turns.
    """
    raise NotImplementedError


def closest_pair(points: list[Point]) -> tuple[float, Point, Point]:
    """Return ``(distance, p, q)`` for the two closest of ``points``.

    ``p`` and ``q`` are two of the input points (in either order) and ``distance``
    their Euclidean distance.  A repeated point is a pair at distance 0; when several
    pairs are closest, return any one.

    Constraints
    -----------
    ``2 <= len(points) <= 10^5`` points as in the topic's rules, repeats allowed.

    Errors (contract)
    -----------------
    Fewer than 2 points → ``ValueError``; a bad point as for :func:`polygon_area`.

    Examples
    --------
    >>> distance, p, q = closest_pair([(0, 0), (10, 0), (5, 1), (5, -1), (20, 0)])
    >>> distance, sorted([tuple(p), tuple(q)])
    (2.0, [(5, -1), (5, 1)])

    Complexity
    ----------
    ``O(n log n)`` time, ``O(n)`` memory (the judge times 20,000 points).

    Hint: divide by x; near the dividing line, compare each point only with the few
    points less than the best distance above it.
    """
    raise NotImplementedError


def farthest_pair(points: list[Point]) -> tuple[float, Point, Point]:
    """Return ``(distance, p, q)`` for the two farthest of ``points`` (the diameter).

    ``p`` and ``q`` are two of the input points (in either order); when several
    pairs are farthest, return any one.  All points identical: distance 0.

    Constraints
    -----------
    ``2 <= len(points) <= 10^5`` points as in the topic's rules, repeats allowed.

    Errors (contract)
    -----------------
    Fewer than 2 points → ``ValueError``; a bad point as for :func:`polygon_area`.

    Examples
    --------
    >>> distance, p, q = farthest_pair([(0, 0), (1, 1), (3, 3), (2, 2)])
    >>> round(distance, 6), sorted([tuple(p), tuple(q)])
    (4.242641, [(0, 0), (3, 3)])

    Complexity
    ----------
    ``O(n log n)`` time, ``O(n)`` memory (the judge times 20,000 points).

    Hint: the farthest pair are hull vertices; walk the hull with rotating calipers.
    """
    raise NotImplementedError


def min_enclosing_circle(points: list[Point]) -> tuple[Point, float]:
    """Return ``(centre, radius)`` of the smallest circle containing all of ``points``.

    Points on the circle count as contained.  One point (or all identical): that
    point, radius 0.

    Constraints
    -----------
    ``1 <= len(points) <= 10^5`` points as in the topic's rules, repeats allowed.

    Errors (contract)
    -----------------
    No points → ``ValueError``; a bad point as for :func:`polygon_area`.  Also
    checked as contract: exact input gives an exact centre.

    Examples
    --------
    >>> centre, radius = min_enclosing_circle([(0, 0), (4, 0), (2, 1)])
    >>> tuple(centre), radius
    ((2, 0), 2.0)

    The longest side is a diameter: the third point is inside that circle.

    Complexity
    ----------
    Expected ``O(n)`` time on shuffled points, ``O(n)`` memory (the judge times
    20,000 points).

    Hint: Welzl's incremental algorithm: when a point falls outside the current
    circle, it lies on the boundary of the new one.
    """
    raise NotImplementedError
