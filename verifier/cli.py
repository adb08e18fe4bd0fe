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
from verifier.errors import InputError, VerifierError

log = logging.getLogger("verifier")

FORMATS = ("table", "json", "md", "html", "claimreview")
# What --report-dir writes: JSON for machines, Markdown and HTML for people.
REPORT_FILES = (("json", "json"), ("md", "md"), ("html", "html"))


def _read_article(arg: str) -> tuple[str, str]:
    from verifier.textio import MAX_ARTICLE_BYTES, decode, read_text

    if arg == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            msg = f"stdin: more than the {MAX_ARTICLE_BYTES}-byte limit for one input"
            raise InputError(msg)
        return decode(data, "stdin"), "stdin"
    return read_text(arg), arg


def _write(path: Path, text: str) -> None:
    """Write via a temporary file so an interrupted run never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def cmd_index(args: argparse.Namespace) -> int:
    from verifier.corpus import load_documents
    from verifier.embed import Embedder
    from verifier.index import build_index, index_is_current

    start = time.perf_counter()
    docs = load_documents(args.sources)
    embedder = Embedder(args.model)
    why = index_is_current(args.out, docs, embedder)
    if not why and not args.force:
        log.info("index %s is up to date (%d documents)", args.out, len(docs))
        return 0
    if why:
        log.info("building index %s: %s", args.out, why)
    manifest = build_index(docs, args.out, embedder, progress=not args.quiet)
    took = time.perf_counter() - start
    log.info(
        "indexed %d documents, %d passages into %s in %.1f s (index id %s)",
        len(manifest.documents), manifest.passage_count, args.out, took, manifest.index_id,
    )
    return 0


def _render(report, fmt: str, article: str) -> str:
    from verifier import report as render

    if fmt == "html":
        from verifier.html_report import to_html

        return to_html(report, article)
    if fmt == "claimreview":
        from verifier.claimreview import to_claimreview_json
        from verifier.textio import split_front_matter

        meta, _ = split_front_matter(article, "article")
        date = meta.get("date")
        return to_claimreview_json(
            report, article_url=meta.get("url"), article_date=str(date) if date else None
        )
    return {"json": render.to_json, "md": render.to_markdown, "table": render.to_table}[fmt](
        report
    )


def cmd_verify(args: argparse.Namespace) -> int:
    from verifier.api import Verifier

    text, source = _read_article(args.article)
    verifier = Verifier.load(args.index, model_path=args.model)
    report = verifier.verify(text, source=source)
    if args.report_dir:
        stem = "stdin" if source == "stdin" else Path(source).stem
        for fmt, ext in REPORT_FILES:
            out = Path(args.report_dir) / f"{stem}.{ext}"
            _write(out, _render(report, fmt, text))
            log.info("wrote %s", out)
    if args.out:
        _write(Path(args.out), _render(report, args.format, text))
        log.info("wrote %s", args.out)
    elif not args.report_dir or args.format == "table":
        sys.stdout.write(_render(report, args.format, text))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from verifier.api import Verifier
    from verifier.models import Claim, Span
    from verifier.report import result_json_line
    from verifier.textio import read_text

    claims = []
    for lineno, line in enumerate(read_text(args.claims).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{args.claims}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: not valid JSON ({exc.msg})"
            raise InputError(msg) from exc
        if not isinstance(rec, dict) or not str(rec.get("claim") or "").strip():
            msg = f"{where}: expected an object with a non-empty \"claim\""
            raise InputError(msg)
        text = str(rec["claim"])
        claims.append(Claim(id=str(rec.get("id", lineno)), text=text,
                            span=Span(start=0, end=len(text))))
    if not claims:
        msg = f"{args.claims}: no claims in the file"
        raise InputError(msg)
    verifier = Verifier.load(args.index, model_path=args.model)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        batch = 256
        for start in range(0, len(claims), batch):
            for result in verifier.check(claims[start : start + batch]):
                out.write(result_json_line(result) + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from verifier.models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Verify the factual claims of an article against an index of trusted "
        "reference documents. Runs offline.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quiet", "-q", action="store_true", help="only warnings and errors")
    common.add_argument(
        "--model", metavar="DIR",
        help="local sentence-transformers model folder (default: the packaged all-MiniLM-L6-v2)",
    )

    p = sub.add_parser("index", parents=[common], help="build or update an index",
                       description="Index reference documents: folders of Markdown/text files "
                       "with front matter (id, title, publisher, date, url) or JSONL files of "
                       "{id, title, text, ...} records. Rebuilds only when documents or the "
                       "model changed.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="folder or .jsonl file")
    p.add_argument("--out", required=True, metavar="DIR", help="index folder to write")
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("verify", parents=[common], help="verify an article",
                       description="Extract the claims of ARTICLE and verify each against the "
                       "index. Prints a report (table by default).")
    p.add_argument("article", metavar="ARTICLE", help="text or Markdown file, or - for stdin")
    p.add_argument("--index", required=True, metavar="DIR", help="index folder")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format")
    p.add_argument("--out", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--report-dir", metavar="DIR",
                   help="also write <name>.json, <name>.md and <name>.html reports into DIR")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("check", parents=[common], help="verify given claims (JSONL)",
                       description="Verify claims given one per line as {\"id\", \"claim\"}; "
                       "prints one JSON result per line (the fields of a claim in the report).")
    p.add_argument("--claims", required=True, metavar="FILE", help="JSONL file of claims")
    p.add_argument("--index", required=True, metavar="DIR", help="index folder")
    p.add_argument("--out", metavar="FILE", help="write results here instead of stdout")
    p.set_defaults(func=cmd_check)

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
        return 130


if __name__ == "__main__":
    sys.exit(main())
