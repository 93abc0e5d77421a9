"""Command line: ``python -m review demo|summary ...`` (see ``--help``)."""

from __future__ import annotations

import argparse
import json
import sys

from review.aggregates import disagreement_and_consensus, most_and_least, summary_json
from review.config import Settings
from review.demo import create_demo_session
from review.errors import ReviewError
from review.joinlink import base_url, join_url
from review.results import condition_summary
from review.sessions import find_session
from review.store import Store


def _participants(text: str) -> int:
    value = int(text)
    if value < 0 or value > 5000:
        raise argparse.ArgumentTypeError("choose 0 to 5000 participants")
    return value


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m review", description="REVIEW sessions from the command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = f"database file (default {settings.db_path}, or REVIEW_DB); stop the app first: one process at a time"

    demo = sub.add_parser("demo", help="create a demo session filled with seeded sorts and print its code")
    demo.add_argument("--participants", type=_participants, default=12, help="number of seeded people (default 12)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--title", default="Demo: Goed Werk", help="session title")
    demo.add_argument("--db", default=str(settings.db_path), help=db_help)

    summary = sub.add_parser("summary", help="print the aggregates behind the results views")
    summary.add_argument("code", help="the session code")
    summary.add_argument("--condition", choices=("observed", "desired"), default="observed")
    summary.add_argument("--format", choices=("json", "text"), default="json")
    summary.add_argument("--round", type=int, default=None, help="a round number (default: the current one)")
    summary.add_argument("--db", default=str(settings.db_path), help=db_help)
    return parser


def _summary_text(body: dict, session, lang: str = "en") -> str:
    texts = session.statement_set.by_id()
    rows = sorted(body["statements"].items(), key=lambda kv: -(kv[1]["mean"] if kv[1]["mean"] is not None else -99))
    lines = [
        f"{session.title} ({session.code}), {body['condition']}: {body['n_submitted']} sorts",
        f"{'id':>3} {'mean':>6} {'sd':>5} {'disagr.':>7}  statement",
    ]
    for sid, s in rows:
        mean = f"{s['mean']:+.2f}" if s["mean"] is not None else "   -"
        sd = f"{s['sd']:.2f}" if s["sd"] is not None else "  -"
        lines.append(f"{sid:>3} {mean:>6} {sd:>5} {s['disagreement_rank']:>7}  {texts[int(sid)].in_language(lang)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    args = _parser(settings).parse_args(argv)
    try:
        store = Store.open(args.db)
    except ReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "demo":
            session = create_demo_session(store, args.participants, args.seed, args.title)
            print(session.code)
            link = join_url(base_url(settings.public_url, None), session.code)
            print(f"{args.participants} people's sorts in {args.db}; join link {link}", file=sys.stderr)
        elif args.command == "summary":
            session = find_session(store, args.code)
            summary = condition_summary(store, session, args.condition, args.round)
            body = summary_json(summary)
            most, least = most_and_least(summary)
            split, agree = disagreement_and_consensus(summary)
            body.update(
                {
                    "session": {
                        "code": session.code,
                        "title": session.title,
                        "round": args.round or session.current_round,
                    },
                    "most_characteristic": most,
                    "least_characteristic": least,
                    "most_disagreement": split,
                    "most_consensus": agree,
                }
            )
            print(
                json.dumps(body, indent=1, ensure_ascii=False)
                if args.format == "json"
                else _summary_text(body, session)
            )
    except ReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
