"""``python -m practice``: the exercise catalogue and the learner's progress.

python -m practice list [SOLUTIONS]     exercises by topic, with difficulty and your
                                        last verdict (from SOLUTIONS' progress file)
python -m practice show NAME            the statement of one exercise
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from practice.catalogue import render_catalogue, statement_of


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `python -m practice list | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(prog="python -m practice", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the exercises by topic, with your last verdicts")
    listing.add_argument(
        "solutions",
        nargs="?",
        help="your solutions file (default: the one judged last in this folder, if any)",
    )
    listing.add_argument("--topic", help="only the topics whose name contains this text")
    show = commands.add_parser("show", help="the statement of one exercise")
    show.add_argument("name")
    args = parser.parse_args(argv)
    if args.command == "show":
        try:
            print(statement_of(args.name))
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        return 0
    print(render_catalogue(args.solutions, Path.cwd(), topic=args.topic))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
