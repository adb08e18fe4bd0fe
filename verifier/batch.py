"""Verify many articles in one run: a folder of text/Markdown files or a JSONL file of
{"id", "text", ...} records, one report set (<id>.json, .md, .html) per article.

    from verifier import Verifier
    from verifier.batch import run_batch
    summary = run_batch(Verifier.load("index/reference"), "articles/", "reports/")

- Resumable: an article whose <id>.json records the same input sha256 and index id (and no
  judge errors) is skipped, so a run interrupted at any point picks up where it stopped.
- Atomic: every file is written to a temporary name, flushed to disk and renamed; the JSON
  report is written last, so its presence means the article's reports are complete.
- Bounded: the model and index are loaded once; articles are read one at a time (a JSONL file
  is streamed line by line), so memory does not grow with the number of articles.
- Nothing lost: an article that cannot be read or verified is listed as failed (with why) in
  the summary, `_summary.json` in the report folder, and the run goes on; only index, model and
  write faults stop it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from verifier.api import article_text
from verifier.errors import (
    EXIT_COMPLETED_WITH_ERRORS,
    EXIT_OK,
    IndexProblem,
    InputError,
    ModelLoadError,
    OutputError,
)
from verifier.models import Report
from verifier.textio import MAX_ARTICLE_BYTES, decode, read_text, sha256_text

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
# What a report set is made of; JSON last: its presence marks the set complete.
REPORT_FORMATS = ("md", "html", "json")
SUMMARY_FILE = "_summary.json"
# A JSONL line holds one article; JSON escaping can double its size, and a little more.
_MAX_LINE_BYTES = 3 * MAX_ARTICLE_BYTES
_UNSAFE = re.compile(r"[^\w.-]+")


def render(report: Report, fmt: str, article: str) -> str:
    """One report as `table`, `json`, `md`, `html` or `claimreview` text."""
    from verifier import report as plain

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
    renderers = {"json": plain.to_json, "md": plain.to_markdown, "table": plain.to_table}
    return renderers[fmt](report)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file, flushed to disk, then renamed: never half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        msg = f"cannot write {path} ({exc.strerror or exc})"
        raise OutputError(msg) from exc


def write_reports(report: Report, article: str, out_dir: Path, stem: str) -> list[Path]:
    """Write <stem>.md, .html and .json into `out_dir`, the JSON last; return the paths."""
    paths = []
    for fmt in REPORT_FORMATS:
        path = out_dir / f"{stem}.{fmt}"
        write_atomic(path, render(report, fmt, article))
        paths.append(path)
    return paths


def safe_stem(name: str) -> str:
    """A file name for an article id: letters, digits, '.', '-' and '_' only."""
    stem = _UNSAFE.sub("_", name).lstrip("._")  # no hidden files, no clash with _summary.json
    return stem[:150] or "article"


def is_batch_input(arg: str) -> bool:
    return arg != "-" and (Path(arg).is_dir() or arg.lower().endswith(".jsonl"))


@dataclass
class _Item:
    id: str
    source: str
    text: str | None = None  # None when `problem` says why there is no text
    problem: str | None = None


def _folder_items(root: Path, exclude: Path | None) -> tuple[int, Iterator[_Item]]:
    skip = exclude.resolve() if exclude else None
    files = sorted(
        p for p in root.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file() and not p.name.startswith(".")
        and not (skip and p.resolve().is_relative_to(skip))  # our own Markdown reports
    )
    if not files:
        msg = f"{root}: no articles ({', '.join(ARTICLE_SUFFIXES)} files) in this folder"
        raise InputError(msg)

    def items() -> Iterator[_Item]:
        resolved = root.resolve()
        for path in files:
            rel = path.relative_to(root).with_suffix("")
            item = _Item(id="__".join(rel.parts), source=str(path))
            if not path.resolve().is_relative_to(resolved):
                item.problem = f"{path}: links outside {root}; not read"
            else:
                try:
                    item.text = read_text(path)
                except InputError as exc:
                    item.problem = str(exc)
            yield item

    return len(files), items()


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            count += chunk.count(b"\n")
    return count


def _jsonl_items(path: Path) -> tuple[int, Iterator[_Item]]:
    try:
        total = _count_lines(path)
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc

    def items() -> Iterator[_Item]:
        with path.open("rb") as fh:
            lineno = 0
            while True:
                line = fh.readline(_MAX_LINE_BYTES + 1)
                if not line:
                    return
                lineno += 1
                where = f"{path}:{lineno}"
                if len(line) > _MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):  # skip the rest, never hold it
                        line = fh.readline(1 << 20)
                    yield _Item(id=f"line-{lineno}", source=where,
                                problem=f"{where}: record over the {_MAX_LINE_BYTES}-byte limit")
                    continue
                if line.strip():
                    yield _record_item(line, where, lineno)

    return total, items()


def _record_item(line: bytes, where: str, lineno: int) -> _Item:
    item = _Item(id=f"line-{lineno}", source=where)
    try:
        record = json.loads(decode(line, where))
    except InputError as exc:
        item.problem = str(exc)
        return item
    except json.JSONDecodeError as exc:
        item.problem = f"{where}: not valid JSON ({exc.msg})"
        return item
    if not isinstance(record, dict):
        item.problem = f"{where}: expected an object with \"id\" and \"text\""
        return item
    if record.get("id") not in (None, ""):
        item.id = str(record["id"])
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        item.problem = f"{where}: expected a non-empty \"text\" string"
    else:
        item.text = text
    return item


def batch_items(
    source: str | Path, *, exclude: Path | None = None
) -> tuple[int, Iterator[_Item]]:
    """(how many, the articles one at a time) of a folder (leaving out `exclude`) or JSONL."""
    path = Path(source)
    if path.is_dir():
        return _folder_items(path, exclude)
    if path.is_file():
        return _jsonl_items(path)
    msg = f"{path}: no such folder or JSONL file"
    raise InputError(msg)


@dataclass
class BatchSummary:
    input: str
    report_dir: str
    index_id: str
    articles: int = 0
    verified: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    with_claim_errors: list[str] = field(default_factory=list)
    claims: dict[str, int] = field(
        default_factory=lambda: {"supported": 0, "contradicted": 0, "unverified": 0}
    )
    interrupted: bool = False
    finished_at: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_COMPLETED_WITH_ERRORS if self.failed or self.with_claim_errors else EXIT_OK

    def line(self) -> str:
        c = self.claims
        done = "interrupted" if self.interrupted else "done"
        return (
            f"batch {done}: {self.articles} article(s): {self.verified} verified, "
            f"{self.skipped} skipped (report up to date), {len(self.failed)} failed; "
            f"claims: {c['supported']} supported, {c['contradicted']} contradicted, "
            f"{c['unverified']} unverified; {len(self.with_claim_errors)} article(s) with "
            f"claims that could not be judged"
        )


def _done_counts(json_path: Path, sha256: str, index_id: str) -> dict[str, int] | None:
    """Verdict counts of a complete earlier report of this same text and index, else None."""
    if not all(json_path.with_suffix(f".{fmt}").is_file() for fmt in REPORT_FORMATS):
        return None
    try:
        done = json.loads(json_path.read_text(encoding="utf-8"))
        if (done["article"]["sha256"] != sha256 or done["run"]["index_id"] != index_id
                or done["run"].get("errors")):
            return None
        counts = {"supported": 0, "contradicted": 0, "unverified": 0}
        for claim in done["claims"]:
            counts[claim["verdict"]] += 1
        return counts
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable, or written by something else: verify again


def run_batch(
    verifier, source: str | Path, report_dir: str | Path, *, force: bool = False,
    progress: bool = True, on_article: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Verify every article of `source` into `report_dir`; see the module docstring.

    `on_article(summary)` is called after each article (benchmarks read memory there).
    """
    out = Path(report_dir)
    total, items = batch_items(source, exclude=out)
    summary = BatchSummary(input=str(source), report_dir=str(out),
                           index_id=verifier.index.index_id)
    seen: dict[str, str] = {}
    try:
        with logging_redirect_tqdm(), tqdm(total=total, desc="verifying articles",
                                           unit="article", disable=not progress) as bar:
            for item in items:
                _one(verifier, item, out, seen, summary, force=force)
                bar.update(1)
                if on_article is not None:
                    on_article(summary)
    except KeyboardInterrupt:
        summary.interrupted = True
        log.warning("%s; run the same command again to resume", summary.line())
        raise
    finally:
        summary.finished_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if summary.articles:
            try:
                write_atomic(out / SUMMARY_FILE, json.dumps(asdict(summary), indent=2) + "\n")
            except OutputError as exc:
                log.error("%s", exc)
    return summary


def _one(verifier, item: _Item, out: Path, seen: dict[str, str], summary: BatchSummary, *,
         force: bool) -> None:
    summary.articles += 1
    stem = safe_stem(item.id)

    def fail(why: str) -> None:
        log.info("not verified: %s", why)
        summary.failed.append({"id": item.id, "source": item.source, "error": why})

    key = stem.lower()  # "A.md" and "a.md" are one file on some file systems
    if key in seen:
        fail(f"{item.source}: its report name {stem!r} is already used by {seen[key]}")
        return
    seen[key] = item.source
    if item.problem or item.text is None:
        fail(item.problem or "no text")
        return
    try:
        text = article_text(item.text, item.source)
    except InputError as exc:
        fail(str(exc))
        return
    done = None if force else _done_counts(
        out / f"{stem}.json", sha256_text(text), verifier.index.index_id
    )
    if done is not None:
        summary.skipped += 1
        for verdict, n in done.items():
            summary.claims[verdict] += n
        return
    try:
        report = verifier.verify(text, source=item.source)
    except (IndexProblem, ModelLoadError, OutputError):
        raise  # no article can be verified without its index and model
    except InputError as exc:
        fail(str(exc))
        return
    except Exception as exc:  # a bug on one article must not cost the others their reports
        log.debug("article %s", item.id, exc_info=True)
        fail(f"internal error: {type(exc).__name__}: {exc}")
        return
    write_reports(report, text, out, stem)
    summary.verified += 1
    for verdict, n in report.counts().items():
        summary.claims[verdict] += n
    if report.run.errors:
        summary.with_claim_errors.append(item.id)
