"""``geometry``: our pure-Python convex hull and closest pair against SciPy's C code.

Input: n points uniform in the unit square (floats, seeded), given to us as a list of
``(x, y)`` tuples.

* ``convex_hull``: Andrew's monotone chain (sort, then two stack passes) against
  ``scipy.spatial.ConvexHull`` (Qhull, compiled C).  Our first pass discards the points
  inside the quadrilateral of four extreme points, which in a square is nearly all of
  them; ``convex_hull (disk)`` repeats the race on points uniform in a disk, where that
  pass keeps about a third of them -- the less flattering case.
* ``closest_pair``: our O(n log n) divide and conquer against a ``scipy.spatial.cKDTree``
  built on the points and queried for each point's nearest other point
  (``query(pts, k=2)``, then the minimum).

Each peer is timed twice: on an ``ndarray`` built beforehand (the peer's own format:
the strictest comparison) and on the same list of tuples we get (the conversion
``np.asarray`` included: the like-for-like comparison).  The target for the hull is a
speedup of at least 0.2 (within 5x of Qhull).  Each run also checks that both sides
agree (hull size, closest distance).

Run: ``python benchmarks/run.py [--quick] geometry``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.spatial import ConvexHull, cKDTree

from algorithms.geometry import closest_pair, convex_hull
from benchmarks.harness import Row, benchmark, best_of


def _kd_closest(xy: np.ndarray) -> float:
    distances, _ = cKDTree(xy).query(xy, k=2)
    return float(distances[:, 1].min())


@benchmark("geometry")
def bench(quick: bool) -> list[Row]:
    sizes = [10**3, 10**4] if quick else [10**3, 10**4, 10**5]
    rounds = 3 if quick else 5
    rng = np.random.default_rng(20240601)
    rows: list[Row] = []
    for n in sizes:
        xy = rng.random((n, 2))
        pts = list(map(tuple, xy.tolist()))
        radius, angle = np.sqrt(rng.random(n)), rng.random(n) * 2 * np.pi
        disk = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
        disk_pts = list(map(tuple, disk.tolist()))
        hull_size = len(ConvexHull(xy).vertices)
        assert len(convex_hull(pts)) == hull_size, "hull sizes differ"
        assert len(convex_hull(disk_pts)) == len(ConvexHull(disk).vertices), "hull sizes differ"
        assert math.isclose(closest_pair(pts)[0], _kd_closest(xy), rel_tol=1e-12)
        cases: dict[str, dict[str, Callable[[], Any]]] = {
            "convex_hull": {
                "ours": lambda pts=pts: convex_hull(pts),
                "scipy ConvexHull (ndarray)": lambda xy=xy: ConvexHull(xy),
                "scipy ConvexHull (list)": lambda pts=pts: ConvexHull(np.asarray(pts)),
            },
            "convex_hull (disk)": {
                "ours": lambda disk_pts=disk_pts: convex_hull(disk_pts),
                "scipy ConvexHull (ndarray)": lambda disk=disk: ConvexHull(disk),
                "scipy ConvexHull (list)": lambda disk_pts=disk_pts: ConvexHull(
                    np.asarray(disk_pts)
                ),
            },
            "closest_pair": {
                "ours": lambda pts=pts: closest_pair(pts),
                "cKDTree k=2 (ndarray)": lambda xy=xy: _kd_closest(xy),
                "cKDTree k=2 (list)": lambda pts=pts: _kd_closest(np.asarray(pts)),
            },
        }
        for case, contenders in cases.items():
            best = dict.fromkeys(contenders, float("inf"))
            # Interleave the contenders round by round, so that a burst of load on a
            # shared machine hits all of them rather than one.
            for _ in range(rounds):
                for label, fn in contenders.items():
                    best[label] = min(best[label], best_of(fn, repeat=1))
            note = f"hull of {hull_size}" if case == "convex_hull" else ""
            rows.extend(
                Row("geometry", case, n, best["ours"], peer, best[peer], note)
                for peer in contenders
                if peer != "ours"
            )
    return rows
