"""Command line: ``python -m review demo|summary|purge ...`` (see ``--help``)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from review.access.joinlink import base_url, join_url
from review.analysis.number import number_evidence, number_json
from review.analysis.qmethod import CORRELATIONS, analyze, read_sorts_csv
from review.analysis.qmethod import to_json as q_to_json
from review.config import Settings
from review.content.grid import column_label
from review.errors import ReviewError
from review.room.aggregates import disagreement_and_consensus, most_and_least, summary_json
from review.room.demo import create_demo_session
from review.room.lifecycle import purge_abandoned_drafts
from review.room.sessions import CONDITIONS, find_session
from review.room.summaries import shown_summary
from review.store import Store
from review.store.backend_postgres import shown
from review.studies import exports, group_export
from review.studies.exports import FORMATS
from review.studies.imports import read_json, read_pqmethod, read_qmethod_csv, read_qmethod_xlsx, store_study

# review.report.FORMATS; the report package itself is imported only when a report is asked for:
# matplotlib and fpdf2 take over a second to load, which every other command would pay
REPORT_FORMATS = ("html", "pdf")


def _participants(text: str) -> int:
    value = int(text)
    if value < 0 or value > 5000:
        raise argparse.ArgumentTypeError("choose 0 to 5000 participants")
    return value


def _days(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("choose 0 or more days")
    return value


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m review", description="REVIEW sessions from the command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = (
        f"database file (default {shown(settings.database)}, or REVIEW_DB; stop the app first: one process at a "
        "time), or a postgresql:// URL (REVIEW_DATABASE_URL)"
    )

    demo = sub.add_parser("demo", help="create a demo session filled with seeded sorts and print its code")
    demo.add_argument("--participants", type=_participants, default=12, help="number of seeded people (default 12)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--title", default="Demo: Goed Werk", help="session title")
    demo.add_argument("--db", default=settings.database, help=db_help)

    summary = sub.add_parser("summary", help="print the aggregates behind the results views")
    summary.add_argument("code", help="the session code")
    summary.add_argument("--condition", choices=CONDITIONS, default="observed")
    summary.add_argument("--format", choices=("json", "text"), default="json")
    summary.add_argument("--round", type=int, default=None, help="a round number (default: the current one)")
    summary.add_argument("--db", default=settings.database, help=db_help)

    analyse = sub.add_parser("analyze", help="by-person factor analysis of a CSV in R qmethod's layout")
    analyse.add_argument("sorts", help="CSV: first column the statement id, then one column per Q-sort")
    analyse.add_argument(
        "--factors",
        type=int,
        required=True,
        help="number of factors: your choice (python -m review factors SORTS.csv lays out the evidence)",
    )
    analyse.add_argument("--extraction", choices=("pca", "centroid"), default="pca")
    analyse.add_argument("--rotation", choices=("varimax", "none"), default="varimax")
    analyse.add_argument("--cor", choices=CORRELATIONS, default="pearson", help="correlation between the sorts")
    analyse.add_argument("--format", choices=("json", "text"), default="json")

    factors = sub.add_parser(
        "factors",
        help="the evidence for the number of factors of a CSV in R qmethod's layout, for 1 to 7: "
        "eigenvalues, Kaiser, parallel analysis with random sorts in the sorts' own grid, Humphrey's rule, "
        "significant loaders and people per factor; it picks nothing",
    )
    factors.add_argument("sorts", help="CSV: first column the statement id, then one column per Q-sort")
    factors.add_argument("--extraction", choices=("pca", "centroid"), default="pca")
    factors.add_argument("--rotation", choices=("varimax", "none"), default="varimax")
    factors.add_argument("--cor", choices=CORRELATIONS, default="pearson", help="correlation between the sorts")
    factors.add_argument("--seed", type=int, default=0, help="the random sorts' seed (the same seed, the same figures)")
    factors.add_argument("--format", choices=("json", "text"), default="text")

    export = sub.add_parser(
        "export",
        help="write a session's group results (csv, xlsx, json), with --research its single sorts for "
        "R qmethod, PQMethod, KADE, Ken-Q or Excel, or the report of a session or trajectory (html, pdf)",
    )
    export.add_argument("code", nargs="?", help="the session code (not with --trajectory)")
    export.add_argument("--trajectory", metavar="ID", help="a trajectory's report (--format html or pdf)")
    export.add_argument("--format", choices=(*FORMATS, *REPORT_FORMATS), required=True)
    export.add_argument("--out", required=True, help="file to write (pqmethod: NAME.dat, with NAME.sta beside it)")
    export.add_argument(
        "--research",
        action="store_true",
        help="the research export: every sort under a pseudonym, with its role, comments and time "
        "(pqmethod needs it); without it, the group results the screens show",
    )
    export.add_argument("--condition", choices=CONDITIONS, default="observed", help="pqmethod only")
    export.add_argument(
        "--lang", choices=("nl", "en"), default="nl", help="report language; statement language for pqmethod/xlsx"
    )
    export.add_argument("--db", default=settings.database, help=db_help)

    for name, what in (
        ("import-pqmethod", "a PQMethod .dat file (with --sta for the statements)"),
        ("import-csv", "a CSV in R qmethod's layout (statement id, then one column per Q-sort)"),
        ("import-xlsx", "an Excel file in R qmethod's layout (first sheet: statement, then one column per Q-sort)"),
        ("import-json", "a session exported with --format json"),
    ):
        imp = sub.add_parser(name, help=f"create a (closed) session from {what}; prints its code")
        imp.add_argument("file")
        if name == "import-pqmethod":
            imp.add_argument("--sta", help="the .sta file with the statements")
        imp.add_argument("--title", help="session title (default: from the file)")
        imp.add_argument("--db", default=settings.database, help=db_help)

    purge = sub.add_parser("purge", help="delete drafts of sorts never submitted, older than N days")
    purge.add_argument(
        "--days",
        type=_days,
        default=settings.draft_retention_days,
        help=f"keep drafts younger than this (default {settings.draft_retention_days}, or "
        "REVIEW_DRAFT_RETENTION_DAYS; 0 keeps all)",
    )
    purge.add_argument("--db", default=settings.database, help=db_help)
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


def _fail(exc: Exception) -> int:
    """Say what went wrong in one line; exit code 2."""
    text = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) else str(exc)
    print(f"error: {text}", file=sys.stderr)
    return 2


def _analyze(args: argparse.Namespace) -> int:
    try:
        sorts = read_sorts_csv(args.sorts)
        result = analyze(sorts, args.factors, args.extraction, args.rotation, correlation=args.cor)
    except (ReviewError, OSError) as exc:
        return _fail(exc)
    body = q_to_json(result)
    if args.format == "json":
        print(json.dumps(body, indent=1))
    else:
        print(_analysis_text(result, body))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _factors(args: argparse.Namespace) -> int:
    """The evidence for the number of factors; the grid is the first sort's values (a forced sort's
    columns hold the same values in every sort)."""
    try:
        sorts = read_sorts_csv(args.sorts)
        slots = np.sort(sorts.iloc[:, 0].to_numpy())
        evidence = number_evidence(sorts, slots, args.extraction, args.rotation, seed=args.seed, correlation=args.cor)
    except (ReviewError, OSError) as exc:
        return _fail(exc)
    if args.format == "json":
        print(json.dumps(number_json(evidence), indent=1))
        return 0
    print(
        f"{evidence.n_sorts} Q-sorts, {evidence.n_statements} statements ({args.extraction}, {args.rotation}); "
        f"chance: the 95th percentile of {evidence.random_sets} sets of random sorts in the sorts' grid"
    )
    print(f"{'k':>2} {'eigen':>6} {'expl':>5} {'chance':>7} {'humphrey':>9}  significant loaders / defining")
    for f in evidence.factors:
        print(
            f"{f.k:>2} {f.eigenvalue:6.2f}{'*' if f.kaiser else ' '}{f.explained:4.0f}% {f.random95:6.2f}"
            f"{'*' if f.above_random else ' '} {f.humphrey:8.3f}{'*' if evidence.humphrey_passes(f) else ' '}"
            f"  {' '.join(map(str, f.loaders))} / {' '.join(map(str, f.defining))}"
        )
    keeps = evidence.counts()
    print(
        f"kept: kaiser {keeps['kaiser']}, parallel analysis {keeps['parallel']}, humphrey {keeps['humphrey']} "
        f"(> {evidence.humphrey_bar:.3f}), two or more significant loaders {keeps['loaders']}, "
        f"six people per factor up to {keeps['people']}  (* the factor meets the rule); the choice is yours"
    )
    return 0


def _analysis_text(result, body: dict) -> str:
    names = list(result.loadings.columns)
    lines = [
        f"{len(result.sort_ids)} Q-sorts, {len(result.statement_ids)} statements, {result.nfactors} factors "
        f"({result.extraction}, {result.rotation}, {result.correlation})",
        "",
        "loadings (* flagged)",
    ]
    for sid in result.sort_ids:
        cells = [
            f"{v:+.3f}{'*' if f else ' '}" for v, f in zip(body["loadings"][sid], body["flagged"][sid], strict=True)
        ]
        lines.append(f"  {sid:<10}" + "  ".join(cells))
    lines += ["", "factor characteristics"]
    for name, row in zip(names, body["factor_characteristics"], strict=True):
        lines.append(
            f"  {name}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items())
        )
    pairs = body["distinguishing"]
    lines += [
        "",
        "factor arrays  stars per pair (* p < .05, ** .01, *** .001, 6* .000001)  distinguishing/consensus",
        "  " + " " * 7 + " ".join(f"{n:>3}" for n in names) + "  " + " ".join(f"{p:<7}" for p in pairs),
    ]
    for sid in result.statement_ids:
        arr = " ".join(column_label(v).rjust(3) if v is not None else "  ." for v in body["factor_arrays"][sid])
        marks = " ".join(f"{pair['stars'][sid]:<7}" for pair in pairs.values())
        lines.append(f"  {sid:<6} {arr}  {marks}  {body['distinguishing_consensus'][sid]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    args = _parser(settings).parse_args(argv)
    if args.command == "analyze":  # works on a file; needs no database
        return _analyze(args)
    if args.command == "factors":
        return _factors(args)
    try:
        store = Store.open(args.db)
    except ReviewError as exc:
        return _fail(exc)
    try:
        if args.command == "demo":
            session = create_demo_session(store, args.participants, args.seed, args.title)
            print(session.code)
            link = join_url(base_url(settings.public_url, None), session.code)
            print(f"{args.participants} people's sorts in {args.db}; join link {link}", file=sys.stderr)
        elif args.command == "summary":
            session = find_session(store, args.code)
            summary = shown_summary(store, session, args.condition, settings.min_group, args.round)
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
        elif args.command == "export":
            _export_command(store, args, settings)
        elif args.command == "purge":
            n = purge_abandoned_drafts(store, args.days)
            print(f"purged {n} abandoned drafts older than {args.days} days from {args.db}")
        elif args.command.startswith("import-"):
            session = store_study(store, _read_study(args))
            print(session.code)
            n = store.progress(session.id).submitted
            print(
                f"imported {n} Q-sorts of {len(session.statement_set.ids)} statements into {args.db}", file=sys.stderr
            )
    except (ReviewError, OSError) as exc:
        return _fail(exc)
    finally:
        store.close()
    return 0


def _export_command(store: Store, args: argparse.Namespace, settings: Settings) -> None:
    """A data export of a session, or a report (``--format html|pdf``) of a session or ``--trajectory``."""
    if bool(args.code) == bool(args.trajectory):
        raise ReviewError("report.code_or_trajectory")
    if args.trajectory and args.format not in REPORT_FORMATS:
        raise ReviewError("report.bad_format", fmt=args.format, choices=", ".join(REPORT_FORMATS))
    if args.format in REPORT_FORMATS:
        from review.report import session_report, trajectory_report

        if args.trajectory:
            body = trajectory_report(store, args.trajectory, settings.min_group, args.lang, args.format)
        else:
            body = session_report(store, find_session(store, args.code), settings.min_group, args.lang, args.format)
        Path(args.out).write_bytes(body)
        print(f"wrote {args.out}", file=sys.stderr)
        return
    _export(store, find_session(store, args.code), args, settings.min_group)


def _export(store: Store, session, args: argparse.Namespace, min_group: int) -> None:
    out = Path(args.out)
    if args.format == "pqmethod":
        if not args.research:
            raise ReviewError("export.research_only", fmt=args.format)
        dat, sta = exports.to_pqmethod(store, session, args.condition, args.lang)
        out = out.with_suffix(".dat")
        out.write_bytes(exports.latin1(dat))  # PQMethod is a DOS-era program
        out.with_suffix(".sta").write_bytes(exports.latin1(sta))
        print(f"wrote {out} and {out.with_suffix('.sta')}", file=sys.stderr)
        return
    if args.research:
        if args.format == "csv":
            out.write_text(exports.to_csv(store, session, args.lang), encoding="utf-8")
        elif args.format == "xlsx":
            out.write_bytes(exports.to_xlsx(store, session, args.lang))
        else:
            out.write_text(json.dumps(exports.to_json(store, session), ensure_ascii=False, indent=1), encoding="utf-8")
    elif args.format == "csv":
        out.write_text(group_export.to_csv(store, session, min_group, args.lang), encoding="utf-8")
    elif args.format == "xlsx":
        out.write_bytes(group_export.to_xlsx(store, session, min_group, args.lang))
    else:
        doc = group_export.to_json(store, session, min_group, args.lang)
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


def _read_study(args: argparse.Namespace):
    """The study in the named file(s), read as bytes: the readers decide the encoding (UTF-8,
    and Windows-1252 for PQMethod's DOS-era files) instead of replacing what they cannot read."""
    data, stem = Path(args.file).read_bytes(), Path(args.file).stem
    if args.command == "import-pqmethod":
        return read_pqmethod(data, Path(args.sta).read_bytes() if args.sta else None, args.title)
    if args.command == "import-csv":
        return read_qmethod_csv(data, args.title or stem)
    if args.command == "import-xlsx":
        return read_qmethod_xlsx(data, args.title or stem)
    study = read_json(data)
    return replace(study, title=args.title) if args.title else study


if __name__ == "__main__":
    sys.exit(main())
