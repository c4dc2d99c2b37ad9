"""Brute-force oracles for ``algorithms.geometry``, in exact ``Fraction`` arithmetic.

Each oracle is written from the definition, by a different route from the library:

* hull: a directed pair ``p -> q`` of distinct points is a hull edge when every other
  point lies strictly left of it or on the closed segment ``p q`` (O(n^3)); the hull is
  walked edge to edge from the smallest point -- no sorting, no stack;
* closest / farthest pair: all O(n^2) pairs;
* segments: the parametric equations ``a + t (b - a) = c + s (d - c)`` solved by
  Cramer's rule, and collinear overlaps as intervals of the parameter along the line;
* point in polygon: the even-odd rule with a ray going *up* (the library's goes
  right), intersection heights computed as Fractions; the boundary test is the
  parametric one;
* area and centroid: a triangle fan from the first vertex (the library fans from the
  origin);
* convexity: the vertex set lies on one side of every edge, and the polygon's area
  equals its hull's (which rules out winding twice);
* smallest enclosing circle: every circle through 2 or 3 of the points, keeping the
  smallest that contains them all (O(n^4)).

Every function converts its input with ``F`` (``Fraction`` of each coordinate, exact
for floats too), so float inputs are judged by the exact values they hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

FPoint = tuple[Fraction, Fraction]


def F(p: Sequence[Any]) -> FPoint:
    """The point with exact Fraction coordinates (a float converts exactly)."""
    return (Fraction(p[0]), Fraction(p[1]))


def Fs(points: Iterable[Sequence[Any]]) -> list[FPoint]:
    return [F(p) for p in points]


def det(u: FPoint, v: FPoint) -> Fraction:
    return u[0] * v[1] - u[1] * v[0]


def sub(a: FPoint, b: FPoint) -> FPoint:
    return (a[0] - b[0], a[1] - b[1])


def turn(a: FPoint, b: FPoint, c: FPoint) -> int:
    """Sign of the 3x3 determinant |1 ax ay; 1 bx by; 1 cx cy| (expanded by cofactors)."""
    d = a[0] * b[1] - a[1] * b[0] - (a[0] * c[1] - a[1] * c[0]) + (b[0] * c[1] - b[1] * c[0])
    return (d > 0) - (d < 0)


def dist2(a: FPoint, b: FPoint) -> Fraction:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def on_closed_segment(p: FPoint, a: FPoint, b: FPoint) -> bool:
    """p = a + t (b - a) for some t in [0, 1]."""
    if a == b:
        return p == a
    ux, uy = sub(b, a)
    wx, wy = sub(p, a)
    # Solve along the larger axis, then check the other coordinate.
    t = wx / ux if ux != 0 else wy / uy
    return 0 <= t <= 1 and a[0] + t * ux == p[0] and a[1] + t * uy == p[1]


# ---------------------------------------------------------------------------
# Hull, pairs


def hull(points: Iterable[Sequence[Any]]) -> list[FPoint]:
    """Hull vertices CCW from the smallest (x, y); 2 extremes if collinear, 1 if identical."""
    pts = sorted(set(Fs(points)))
    if len(pts) <= 1:
        return pts
    succ = {}
    for p, q in itertools.permutations(pts, 2):
        if all(r in (p, q) or turn(p, q, r) > 0 or on_closed_segment(r, p, q) for r in pts):
            succ[p] = q
    out = [pts[0]]
    while succ[out[-1]] != out[0]:
        out.append(succ[out[-1]])
    return out


def all_pair_dist2(points: Sequence[Sequence[Any]]) -> list[Fraction]:
    pts = Fs(points)
    return [dist2(pts[i], pts[j]) for i, j in itertools.combinations(range(len(pts)), 2)]


def is_sub_multiset(items: Sequence[Any], pool: Iterable[Any]) -> bool:
    remaining = list(pool)
    for item in items:
        if item not in remaining:
            return False
        remaining.remove(item)
    return True


# ---------------------------------------------------------------------------
# Lines and segments


def line_intersection(a, b, c, d) -> FPoint | None:
    a, b, c, d = F(a), F(b), F(c), F(d)
    u, v = sub(b, a), sub(d, c)
    den = det(u, v)
    if den == 0:
        return None
    t = det(sub(c, a), v) / den
    return (a[0] + t * u[0], a[1] + t * u[1])


def segment_intersection(a, b, c, d) -> list[FPoint]:
    """Common points of closed segments: [], [p] or the two ends of a collinear overlap."""
    a, b, c, d = F(a), F(b), F(c), F(d)
    u, v = sub(b, a), sub(d, c)
    den = det(u, v)
    if den != 0:
        # Unique solution of a + t u = c + s v.
        w = sub(c, a)
        t = det(w, v) / den
        s = det(w, u) / den
        if 0 <= t <= 1 and 0 <= s <= 1:
            return [(a[0] + t * u[0], a[1] + t * u[1])]
        return []
    if a == b and c == d:
        return [a] if a == c else []
    # Parallel, or at least one segment is a point: project on the line of a non-zero one.
    base, w = (a, u) if a != b else (c, v)
    if det(w, sub(a, base)) or det(w, sub(b, base)) or det(w, sub(c, base)) or det(w, sub(d, base)):
        return []  # not all four on one line

    def param(p: FPoint) -> Fraction:
        return (sub(p, base)[0] * w[0] + sub(p, base)[1] * w[1]) / (w[0] ** 2 + w[1] ** 2)

    lo = max(min(param(a), param(b)), min(param(c), param(d)))
    hi = min(max(param(a), param(b)), max(param(c), param(d)))
    if lo > hi:
        return []
    ends = {(base[0] + t * w[0], base[1] + t * w[1]) for t in (lo, hi)}
    return sorted(ends)


def point_segment_dist2(p, a, b) -> Fraction:
    p, a, b = F(p), F(a), F(b)
    if a == b:
        return dist2(p, a)
    u = sub(b, a)
    t = ((p[0] - a[0]) * u[0] + (p[1] - a[1]) * u[1]) / (u[0] ** 2 + u[1] ** 2)
    t = min(max(t, Fraction(0)), Fraction(1))
    return dist2(p, (a[0] + t * u[0], a[1] + t * u[1]))


# ---------------------------------------------------------------------------
# Polygons


def fan_doubled_area(poly: Sequence[FPoint]) -> Fraction:
    """Twice the signed area, as triangles (v0, v_i, v_{i+1})."""
    return sum(
        (det(sub(poly[i], poly[0]), sub(poly[i + 1], poly[0])) for i in range(1, len(poly) - 1)),
        Fraction(0),
    )


def polygon_area(poly: Iterable[Sequence[Any]]) -> Fraction:
    """Signed area."""
    return fan_doubled_area(Fs(poly)) / 2


def polygon_centroid(poly: Iterable[Sequence[Any]]) -> FPoint | None:
    """Area-weighted mean of the fan triangles' centroids; None for zero area."""
    pts = Fs(poly)
    total = Fraction(0)
    mx = my = Fraction(0)
    for i in range(1, len(pts) - 1):
        a, b, c = pts[0], pts[i], pts[i + 1]
        w = det(sub(b, a), sub(c, a))
        total += w
        mx += w * (a[0] + b[0] + c[0]) / 3
        my += w * (a[1] + b[1] + c[1]) / 3
    if total == 0:
        return None
    return (mx / total, my / total)


def point_in_polygon(p, poly) -> int:
    """1 / 0 / -1 by the even-odd rule with an upward ray; boundary first."""
    q = F(p)
    pts = Fs(poly)
    n = len(pts)
    edges = [(pts[i], pts[(i + 1) % n]) for i in range(n)]
    if any(on_closed_segment(q, a, b) for a, b in edges):
        return 0
    crossings = 0
    for a, b in edges:
        # Half-open in x, so a ray through a vertex counts one of its two edges.
        if (a[0] <= q[0] < b[0]) or (b[0] <= q[0] < a[0]):
            y = a[1] + (q[0] - a[0]) * (b[1] - a[1]) / (b[0] - a[0])
            if y > q[1]:
                crossings += 1
    return 1 if crossings % 2 else -1


def is_convex(poly: Iterable[Sequence[Any]]) -> bool:
    pts = Fs(poly)
    pts = [v for i, v in enumerate(pts) if v != pts[i - 1]]
    if len(pts) < 3:
        return False
    area2 = fan_doubled_area(pts)
    if area2 == 0:
        return False
    side = 1 if area2 > 0 else -1
    n = len(pts)
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        if any(turn(a, b, r) == -side for r in pts):
            return False
    return abs(area2) == abs(fan_doubled_area(hull(pts)))


# ---------------------------------------------------------------------------
# Circles


def circle2(a: FPoint, b: FPoint) -> tuple[FPoint, Fraction]:
    c = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return c, dist2(c, a)


def circumcircle(a: FPoint, b: FPoint, c: FPoint) -> tuple[FPoint, Fraction] | None:
    """Centre equidistant from a, b, c: two perpendicular-bisector equations."""
    # 2 (b - a) . X = |b|^2 - |a|^2 and 2 (c - a) . X = |c|^2 - |a|^2
    a11, a12 = 2 * (b[0] - a[0]), 2 * (b[1] - a[1])
    a21, a22 = 2 * (c[0] - a[0]), 2 * (c[1] - a[1])
    r1 = b[0] ** 2 + b[1] ** 2 - a[0] ** 2 - a[1] ** 2
    r2 = c[0] ** 2 + c[1] ** 2 - a[0] ** 2 - a[1] ** 2
    den = a11 * a22 - a12 * a21
    if den == 0:
        return None
    centre = ((r1 * a22 - a12 * r2) / den, (a11 * r2 - r1 * a21) / den)
    return centre, dist2(centre, a)


def min_enclosing_circle(points: Iterable[Sequence[Any]]) -> tuple[FPoint, Fraction]:
    """(centre, squared radius) of the smallest enclosing circle, by exhaustion."""
    pts = sorted(set(Fs(points)))
    if len(pts) == 1:
        return pts[0], Fraction(0)
    candidates = [circle2(a, b) for a, b in itertools.combinations(pts, 2)]
    candidates += [c for t in itertools.combinations(pts, 3) if (c := circumcircle(*t)) is not None]
    return min(
        (c for c in candidates if all(dist2(c[0], p) <= c[1] for p in pts)),
        key=lambda c: c[1],
    )
