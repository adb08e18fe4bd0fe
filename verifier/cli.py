"""The `factcheck` command: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import verifier.offline  # noqa: F401
from verifier import __version__
from verifier.errors import (
    EXIT_COMPLETED_WITH_ERRORS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    InputError,
    VerifierError,
)

log = logging.getLogger("verifier")

FORMATS = ("table", "json", "md", "html", "claimreview")


def _read_article(arg: str) -> tuple[str, str]:
    from verifier.textio import MAX_ARTICLE_BYTES, decode, read_text

    if arg == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            msg = f"stdin: more than the {MAX_ARTICLE_BYTES}-byte limit for one input"
            raise InputError(msg)
        return decode(data, "stdin"), "stdin"
    return read_text(arg), arg


def _finish(errors: int) -> int:
    if errors:
        log.warning("completed with errors: %d claim(s) could not be judged; they are marked "
                    "unverified with a reason starting \"error:\"", errors)
        return EXIT_COMPLETED_WITH_ERRORS
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from verifier.api import update_index

    start = time.perf_counter()
    done = update_index(args.sources, args.out, model_path=args.model, skip_bad=args.skip_bad,
                        index_type=args.index_type, force=args.force, wait=args.wait,
                        progress=not args.quiet)
    manifest = done.manifest
    if done.built:
        log.info(
            "indexed %d documents, %d passages into %s in %.1f s (%s index, id %s)",
            len(manifest.documents), manifest.passage_count, args.out,
            time.perf_counter() - start, manifest.index_type, manifest.index_id,
        )
    if not done.skipped:
        return 0
    # The summary comes last, where a reader of the log looks first.
    log.warning("completed with errors: %d file(s) skipped, not in the index (listed under "
                "\"skipped\" in its manifest.json):", len(done.skipped))
    for s in done.skipped:
        log.warning("  skipped %s: %s", s.path, s.reason)
    return EXIT_COMPLETED_WITH_ERRORS


def cmd_verify(args: argparse.Namespace) -> int:
    from verifier.api import article_text
    from verifier.batch import is_batch_input, render, write_atomic, write_reports

    if is_batch_input(args.article):
        return _verify_batch(args)
    review = _load_review(args.review)  # a bad review file fails before the slow part
    raw, source = _read_article(args.article)
    text = article_text(raw, source)
    verifier = _load_verifier(args)
    report = verifier.verify(text, source=source)
    if review is not None:
        from verifier.review import apply_review

        report = apply_review(report, review)
    for warning in report.run.warnings:
        log.warning("%s", warning)
    if args.report_dir:
        stem = "stdin" if source == "stdin" else Path(source).stem
        for out in write_reports(report, text, Path(args.report_dir), stem):
            log.info("wrote %s", out)
    fmt = args.format or "table"
    if args.out:
        write_atomic(Path(args.out), render(report, fmt, text))
        log.info("wrote %s", args.out)
    elif not args.report_dir or fmt == "table":
        sys.stdout.write(render(report, fmt, text))
    return _finish(report.run.errors)


def _verify_batch(args: argparse.Namespace) -> int:
    from verifier.batch import SUMMARY_FILE, run_batch

    if not args.report_dir or args.out or args.format or args.review:
        msg = (f"{args.article} is a folder or JSONL file: verify it with --report-dir DIR "
               "(one report set per article), without --out, --format or --review")
        raise InputError(msg)
    verifier = _load_verifier(args)
    summary = run_batch(verifier, args.article, args.report_dir, force=args.force,
                        progress=not args.quiet)
    log.log(logging.WARNING if summary.exit_code else logging.INFO, "%s", summary.line())
    for failure in summary.failed:
        log.warning("not verified: %s", failure["error"])
    log.info("summary in %s", Path(args.report_dir) / SUMMARY_FILE)
    return summary.exit_code


def _read_claims(path: str) -> list:
    from verifier.models import Claim, Span
    from verifier.textio import MAX_CLAIMS_FILE_BYTES, MAX_SENTENCE_CHARS, read_text

    claims = []
    for lineno, line in enumerate(read_text(path, max_bytes=MAX_CLAIMS_FILE_BYTES).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: not valid JSON ({exc.msg})"
            raise InputError(msg) from exc
        if not isinstance(rec, dict) or not str(rec.get("claim") or "").strip():
            msg = f"{where}: expected an object with a non-empty \"claim\""
            raise InputError(msg)
        text = str(rec["claim"])
        if len(text) > MAX_SENTENCE_CHARS:
            msg = f"{where}: claim of {len(text)} characters, over the {MAX_SENTENCE_CHARS} limit"
            raise InputError(msg)
        claims.append(Claim(id=str(rec.get("id", lineno)), text=text,
                            span=Span(start=0, end=len(text))))
    if not claims:
        msg = f"{path}: no claims in the file"
        raise InputError(msg)
    return claims


def cmd_check(args: argparse.Namespace) -> int:
    from verifier.api import is_error
    from verifier.batch import write_atomic
    from verifier.report import result_json_line

    claims = _read_claims(args.claims)
    verifier = _load_verifier(args)
    errors, lines = 0, []
    batch = 256
    for start in range(0, len(claims), batch):
        for result in verifier.check(claims[start : start + batch]):
            errors += is_error(result)
            if args.out:
                lines.append(result_json_line(result) + "\n")
            else:
                sys.stdout.write(result_json_line(result) + "\n")
        sys.stdout.flush()
    if args.out:
        write_atomic(Path(args.out), "".join(lines))
        log.info("wrote %s", args.out)
    return _finish(errors)


def _load_review(path: str | None):
    if path is None:
        return None
    from verifier.review import load_review

    return load_review(path)


def _write_or_print(text: str, out: str | None) -> None:
    from verifier.batch import write_atomic

    if out:
        write_atomic(Path(out), text)
        log.info("wrote %s", out)
    else:
        sys.stdout.write(text)


def cmd_render(args: argparse.Namespace) -> int:
    from verifier.batch import render
    from verifier.report import read_article_for, read_report

    report = read_report(args.report)
    review = _load_review(args.review)
    if review is not None:
        from verifier.review import apply_review

        report = apply_review(report, review)
    fmt = args.format or "table"
    article = read_article_for(report, args.article) if fmt in ("html", "claimreview") else None
    if article is None and fmt == "html":
        msg = (f"the HTML report shows the article: pass --article FILE (the report's source "
               f"{report.article.source or '(none)'} is missing or has changed)")
        raise InputError(msg)
    _write_or_print(render(report, fmt, article or ""), args.out)
    return 0


def cmd_review_template(args: argparse.Namespace) -> int:
    from verifier.report import read_report
    from verifier.review import dump_review, review_template

    report = read_report(args.report)
    _write_or_print(dump_review(review_template(report, reviewer=args.reviewer), args.format),
                    args.out)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from verifier.diff import diff_reports
    from verifier.diff import render as render_diff
    from verifier.report import read_report

    diff = diff_reports(read_report(args.old), read_report(args.new))
    _write_or_print(render_diff(diff, args.format), args.out)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from verifier.models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")
    return 0


def _load_verifier(args: argparse.Namespace):
    from verifier.api import Verifier
    from verifier.retrieve import filter_from_args

    return Verifier.load(args.index, model_path=args.model, judge=args.judge,
                         stance_model=args.stance_model, retrieval=args.retrieval,
                         filters=filter_from_args(args))


def build_parser() -> argparse.ArgumentParser:
    from verifier.index import INDEX_TYPES
    from verifier.retrieve import add_retrieval_options

    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Verify the factual claims of an article against an index of trusted "
        "reference documents. Runs offline.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an internal error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("--quiet", "-q", action="store_true", help="only warnings and errors")
    common = argparse.ArgumentParser(add_help=False, parents=[quiet])
    common.add_argument(
        "--model", metavar="DIR",
        help="local sentence-transformers model folder (default: the packaged all-MiniLM-L6-v2)",
    )

    judging = argparse.ArgumentParser(add_help=False)
    judging.add_argument(
        "--judge", choices=("stance", "rules"), default="stance",
        help="stance (default): explicit date/number/name checks plus the shipped stance model "
        "(verifier/weights/stance) or --stance-model; rules: the explicit checks alone",
    )
    add_retrieval_options(judging)
    judging.add_argument("--stance-model", metavar="DIR",
                         help="local 3-way sequence-classification model folder for --judge stance")

    p = sub.add_parser("index", parents=[common], help="build or update an index",
                       description="Index reference documents: folders of Markdown/text files "
                       "with front matter (id, title, publisher, date, url) or JSONL files of "
                       "{id, title, text, ...} records. Rebuilds only when documents or the "
                       "model changed.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="folder or .jsonl file")
    p.add_argument("--out", required=True, metavar="DIR", help="index folder to write")
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.add_argument("--skip-bad", action="store_true",
                   help="index the good documents, skip bad ones (listed at the end and in the "
                   "manifest; exit 6); default: one bad document refuses the whole set")
    p.add_argument("--index-type", choices=INDEX_TYPES, default="auto",
                   help="flat (exact), hnsw (approximate) or auto (hnsw above 100k passages, "
                   "default); a change rebuilds the index")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another build of DIR is running, wait up to this long for it "
                   "(default 0: fail at once)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("verify", parents=[common, judging], help="verify an article or a batch",
                       description="Extract the claims of ARTICLE and verify each against the "
                       "index. Prints a report (table by default). ARTICLE may also be a folder "
                       "of .md/.txt/.html articles or a JSONL file of {\"id\", \"text\"} records: "
                       "then each article gets its reports in --report-dir, articles whose "
                       "reports are up to date are skipped (an interrupted batch resumes), and "
                       "a summary is written to DIR/_summary.json.")
    p.add_argument("article", metavar="ARTICLE",
                   help="text, Markdown or HTML file, - for stdin, or a folder or .jsonl file")
    p.add_argument("--index", required=True, metavar="DIR", help="index folder")
    p.add_argument("--format", choices=FORMATS, help="output format (default: table)")
    p.add_argument("--out", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--report-dir", metavar="DIR",
                   help="also write <name>.json, <name>.md and <name>.html reports into DIR")
    p.add_argument("--force", action="store_true",
                   help="batch: verify again even articles whose reports are up to date")
    p.add_argument("--review", metavar="FILE",
                   help="apply a reviewer's decisions (YAML/JSON review file) to the report")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("check", parents=[common, judging], help="verify given claims (JSONL)",
                       description="Verify claims given one per line as {\"id\", \"claim\"}; "
                       "prints one JSON result per line (the fields of a claim in the report).")
    p.add_argument("--claims", required=True, metavar="FILE", help="JSONL file of claims")
    p.add_argument("--index", required=True, metavar="DIR", help="index folder")
    p.add_argument("--out", metavar="FILE", help="write results here instead of stdout")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("render", parents=[quiet], help="render a JSON report again",
                       description="Render a JSON report written by `verify --format json` in "
                       "another format, optionally with a reviewer's decisions applied. html "
                       "needs the article: --article, or the report's source file if unchanged.")
    p.add_argument("report", metavar="REPORT.json")
    p.add_argument("--review", metavar="FILE", help="review file (YAML or JSON) to apply")
    p.add_argument("--format", choices=FORMATS, help="output format (default: table)")
    p.add_argument("--article", metavar="FILE", help="the article the report was made from")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("review-template", parents=[quiet], help="start a review file",
                       description="Write a review file listing every claim of REPORT.json (id, "
                       "text hash, text, machine verdict, evidence keys) with empty verdict, "
                       "note and strike fields to fill in.")
    p.add_argument("report", metavar="REPORT.json")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml",
                   help="file format (default: yaml)")
    p.add_argument("--reviewer", metavar="NAME", help="who reviews (recorded with each decision)")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_review_template)

    p = sub.add_parser("diff", parents=[quiet], help="what changed between two JSON reports",
                       description="List the claims whose verdict, confidence (by 0.05 or more) "
                       "or evidence changed between two JSON reports, and the claims in only one "
                       "of them. Claims are matched by their text. Exits 0 whether or not "
                       "anything changed.")
    p.add_argument("old", metavar="OLD.json")
    p.add_argument("new", metavar="NEW.json")
    p.add_argument("--format", choices=("table", "json", "md"), default="table",
                   help="output format (default: table)")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("schema", help="print the JSON schema of the report")
    p.set_defaults(func=cmd_schema, quiet=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,  # the CLI owns the process: replace whatever configured logging before
    )
    # Library chatter (model loading) is not the user's business unless it is a warning.
    for noisy in ("sentence_transformers", "transformers", "faiss", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.func(args)
    except VerifierError as exc:
        log.error("%s", exc)
        return exc.exit_code
    except KeyboardInterrupt:
        log.error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `factcheck ... | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_INTERNAL
    except Exception as exc:
        if args.debug:
            raise
        log.error("internal error: %s: %s (run `factcheck --debug %s ...` for the traceback)",
                  type(exc).__name__, " ".join(str(exc).split()), args.command)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
