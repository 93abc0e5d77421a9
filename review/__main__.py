"""Command line: ``python -m review demo [--participants N] [--db PATH]``."""

from __future__ import annotations

import argparse
import sys

from review.config import Settings
from review.demo import create_demo_session
from review.errors import ReviewError
from review.joinlink import base_url, join_url
from review.store import Store


def _positive(text: str) -> int:
    value = int(text)
    if value < 0 or value > 5000:
        raise argparse.ArgumentTypeError("choose 0 to 5000 participants")
    return value


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(prog="python -m review", description="REVIEW sessions from the command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="create a demo session filled with seeded sorts and print its code")
    demo.add_argument("--participants", type=_positive, default=12, help="number of seeded sorts (default 12)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--title", default="Demo: Goed Werk", help="session title")
    demo.add_argument("--db", default=str(settings.db_path), help=f"database file (default {settings.db_path})")
    args = parser.parse_args(argv)

    try:
        store = Store.open(args.db)
    except ReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "demo":
            session = create_demo_session(store, args.participants, args.seed, args.title)
            print(session.code)
            print(
                f"{args.participants} sorts in {args.db}; join link "
                f"{join_url(base_url(settings.public_url, None), session.code)}",
                file=sys.stderr,
            )
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
