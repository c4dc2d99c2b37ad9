"""Run the side-by-side benchmarks.

Usage::

    python benchmarks/run.py [--quick] [--json FILE] [--no-plots] [NAMES...]

Every ``benchmarks/bench_*.py`` module registers its benchmarks with
:func:`benchmarks.harness.benchmark`.  For each benchmark this prints a table of
our time, the peer's time and ``speedup = peer time / our time`` (our
throughput relative to the peer's: above 1 we are faster), and writes a log-log
scaling plot to ``benchmarks/plots/<name>.png`` when matplotlib is installed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pathlib
import platform
import sys

ROOT = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))  # run from anywhere without installing benchmarks/

from benchmarks.harness import REGISTRY, Row  # noqa: E402


def load_all() -> None:
    for path in sorted(ROOT.glob("bench_*.py")):
        importlib.import_module(f"benchmarks.{path.stem}")


def format_table(rows: list[Row]) -> str:
    header = (
        f"{'benchmark':<15} {'case':<28} {'size':>10} {'ours':>11} "
        f"{'peer':<28} {'peer time':>11} {'speedup':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.benchmark:<15} {r.case:<28} {r.size:>10} {fmt_time(r.ours_s):>11} "
            f"{r.peer:<28} {fmt_time(r.peer_s):>11} {r.speedup:>7.2f}x"
            + (f"  {r.note}" if r.note else "")
        )
    return "\n".join(lines)


def fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


# Each peer of a case gets its own marker and dash, in the case's colour.
PEER_STYLES = ["x--", "s:", "^-."]


def plot(name: str, rows: list[Row], outdir: pathlib.Path) -> pathlib.Path | None:
    """Log-log time against size: one solid line per case (ours), dashed per peer."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5))
    cases = dict.fromkeys(r.case for r in rows)
    for case in cases:
        mine = sorted({(r.size, r.ours_s) for r in rows if r.case == case})
        (line,) = ax.plot(*zip(*mine, strict=True), "o-", label=f"ours: {case}")
        peers = dict.fromkeys(r.peer for r in rows if r.case == case)
        for peer, style in zip(peers, PEER_STYLES * len(peers), strict=False):
            theirs = sorted((r.size, r.peer_s) for r in rows if r.case == case and r.peer == peer)
            ax.plot(
                *zip(*theirs, strict=True),
                style,
                color=line.get_color(),
                alpha=0.6,
                label=f"{peer}: {case}",
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("input size")
    ax.set_ylabel("best time (s)")
    ax.set_title(f"{name}: ours (solid) vs peers (dashed)")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{name}.png"
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    args = parser.parse_args(argv)

    load_all()
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; available: {sorted(REGISTRY)}")
    names = args.names or sorted(REGISTRY)

    print(f"# Python {platform.python_version()} on {platform.machine()}, quick={args.quick}")
    all_rows: list[Row] = []
    for name in names:
        rows = REGISTRY[name](args.quick)
        all_rows.extend(rows)
        print(format_table(rows), flush=True)
        if not args.no_plots and (path := plot(name, rows, ROOT / "plots")):
            print(f"plot: {path.relative_to(ROOT.parent)}")
        print()
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps([r.as_dict() for r in all_rows], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
