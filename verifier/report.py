"""Stage 4: render a Report for machines (JSON) and people (Markdown, terminal table)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from pydantic import ValidationError

from verifier import __version__
from verifier.errors import InputError
from verifier.models import (
    ArticleInfo,
    ClaimResult,
    DroppedSentence,
    Evidence,
    Report,
    RunInfo,
)
from verifier.textio import read_text, sha256_text

log = logging.getLogger(__name__)

# A report of 500 claims with their evidence is a few MB; this leaves room and bounds memory.
MAX_REPORT_BYTES = 64 * 1024 * 1024

_MARK = {
    "supported": "✅ supported",
    "contradicted": "❌ contradicted",
    "unverified": "❔ unverified",
}


def article_title(article: str, body_start: int, meta: dict) -> str | None:
    """The front-matter title, else the first non-empty line of the body."""
    if meta.get("title"):
        return str(meta["title"])
    for line in article[body_start:].splitlines():
        if line.strip():
            return line.strip("# ").strip()
    return None


def assemble_report(
    *,
    article: str,
    results: list[ClaimResult],
    dropped: list[DroppedSentence],
    index_id: str,
    embedding_model: str,
    judge: str,
    title: str | None = None,
    source: str | None = None,
    timings: dict[str, float] | None = None,
) -> Report:
    return Report(
        article=ArticleInfo(sha256=sha256_text(article), chars=len(article), title=title,
                            source=source),
        claims=results,
        dropped=dropped,
        run=RunInfo(
            tool_version=__version__,
            index_id=index_id,
            embedding_model=embedding_model,
            judge=judge,
            created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            timings=timings or {},
        ),
    )


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def result_json_line(result: ClaimResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)


def read_article_for(report: Report, path: str | Path | None) -> str | None:
    """The article text `report` was made from, to render it again: `path`, else the report's
    own source file when it still holds that text; None when there is none to read.

    InputError when `path` is not the article of the report (its sha256 differs).
    """
    from verifier.api import article_text  # the api module imports this one

    source = report.article.source
    if path is None and (not source or source == "stdin" or not Path(source).is_file()):
        return None
    name = str(path or source)
    text = article_text(read_text(name), name)
    if sha256_text(text) == report.article.sha256:
        return text
    if path is None:
        log.info("%s changed since the report was made; not using it", name)
        return None
    msg = (f"{name} is not the article this report was made from (its text sha256 differs "
           f"from the report's {report.article.sha256[:16]}...)")
    raise InputError(msg)


def validation_detail(exc: ValidationError) -> str:
    """The first problem of a pydantic error on one line: `claims[2].verdict: Input should...`."""
    first = exc.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
    got = f" (got {first['input']!r:.60})" if first["type"] not in ("missing",) else ""
    return f"{where or 'top level'}: {first['msg']}{got}{more}"


def read_report(path: str | Path) -> Report:
    """A report written by `factcheck verify --format json`; InputError when it is not one."""
    text = read_text(path, max_bytes=MAX_REPORT_BYTES)
    try:
        return Report.model_validate_json(text)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid":
            msg = f"{path}: not valid JSON ({exc.errors()[0]['ctx']['error']})"
        else:
            msg = f"{path}: not a factcheck JSON report: {validation_detail(exc)}"
        raise InputError(msg) from exc


def _md_cell(text: str) -> str:
    # Markdown passes raw HTML through, and tickets render it: article and source text must
    # not become markup there.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def _md_link(title: str, url: str | None) -> str:
    """A link only to a web address; anything else (javascript:, data:) is shown as text."""
    if url and url.startswith(("https://", "http://")):
        return f"[{_md_cell(title)}](<{_md_cell(url).replace(' ', '%20')}>)"
    return _md_cell(title)


def _md_verdict(c: ClaimResult) -> str:
    """Verdict cell: the reviewer's verdict first when there is one, the machine's beside it."""
    machine = f"{_MARK[c.verdict]} ({c.confidence:.2f})"
    r = c.review
    if r is None:
        return machine
    if r.verdict:
        cell = f"👤 {_MARK[r.verdict]} (reviewer; machine: {machine})"
    else:
        cell = f"{machine} 👤 reviewed"
    if r.machine_verdict_changed:
        cell += f" ⚠ **re-check**: machine said {r.machine_verdict_seen} when reviewed"
    return cell


def _md_review_lines(c: ClaimResult) -> list[str]:
    r = c.review
    if r is None:
        return []
    who = f" ({_md_cell(r.reviewer)})" if r.reviewer else ""
    decided = (f"verdict **{r.verdict}** (machine: {c.verdict})" if r.verdict
               else f"machine verdict {c.verdict} left as is")
    lines = [f"**Human decision**{who}: {decided}."]
    if r.machine_verdict_changed:
        lines.append(f"⚠ **Re-check**: the machine verdict was {r.machine_verdict_seen} when this "
                     f"was reviewed and is now {c.verdict}.")
    if r.note:
        lines.append(f"Reviewer note: {_md_cell(r.note)}")
    return ["", *lines, ""]


def _md_evidence(c: ClaimResult, ev: Evidence) -> str:
    line = (f"{_md_cell(ev.publisher)}, {ev.date}, {_md_link(ev.title, ev.url)} "
            f"(`{ev.doc_id}` chars {ev.span.start}–{ev.span.end}): “{_md_cell(ev.quote)}”")
    if c.review and c.review.strikes(ev):
        return f"- ~~{line}~~ **struck by reviewer**"
    return f"- {line}"


def _md_orphans(report: Report) -> list[str]:
    if not report.orphaned_reviews:
        return []
    lines = ["## Review entries not applied", "",
             "| Claim id | Claim | Reviewer verdict | Note | Why |", "|---|---|---|---|---|"]
    lines += [
        f"| {_md_cell(o.id)} | {_md_cell(o.text) or '`' + o.text_hash[:16] + '`'} | "
        f"{o.verdict or '—'} | {_md_cell(o.note) or '—'} | {_md_cell(o.reason)} |"
        for o in report.orphaned_reviews
    ]
    return [*lines, ""]


def to_markdown(report: Report) -> str:
    counts = report.counts()
    title = report.article.title or report.article.source or "article"
    lines = [
        f"# Fact-check report: {_md_cell(title)}",
        "",
        f"**{len(report.claims)} claims**: {counts['supported']} supported, "
        f"{counts['contradicted']} contradicted, {counts['unverified']} unverified.",
        "",
        "| # | Verdict | Claim | Best evidence | Why |",
        "|---|---|---|---|---|",
    ]
    for c in report.claims:
        ev = next((e for e in c.evidence if not (c.review and c.review.strikes(e))), None)
        cite = (f"{_md_link(ev.title, ev.url)} ({_md_cell(ev.publisher)}, {ev.date})" if ev
                else "—")
        lines.append(
            f"| {c.id} | {_md_verdict(c)} | {_md_cell(c.text)} | "
            f"{cite} | {_md_cell(c.reason)} |"
        )
    lines += ["", "## Evidence", ""]
    for c in report.claims:
        who = " (reviewer)" if c.review and c.review.verdict else ""
        lines.append(f"### {c.id}: {_MARK[c.final_verdict]}{who}")
        lines.append("")
        lines.append(f"> {_md_cell(c.text)}")
        lines.append("")
        context = [f"‘{_md_cell(r.text)}’ read as {_md_cell(r.name)}" for r in c.resolved]
        if c.attributed_to:
            context.append(f"attributed to {_md_cell(c.attributed_to)}")
        if context:
            lines += [f"_{'; '.join(context)}._", ""]
        lines.append(f"Article characters {c.span.start}–{c.span.end}. {_md_cell(c.reason)}")
        lines += _md_review_lines(c)
        for d in c.discrepancies:
            lines.append(f"- **{d.kind} mismatch**: article `{d.claim_value}`, "
                         f"source `{d.evidence_value}`" + (f" ({d.note})" if d.note else ""))
        lines += [_md_evidence(c, ev) for ev in c.evidence]
        lines.append("")
    lines += _md_orphans(report)
    if report.dropped:
        lines += ["## Sentences not checked", "", "| Sentence | Reason |", "|---|---|"]
        lines += [f"| {_md_cell(d.text)} | {d.reason} |" for d in report.dropped]
        lines.append("")
    r = report.run
    lines += [
        "---",
        f"factcheck {r.tool_version} · index `{r.index_id}` · embedding `{r.embedding_model}` · "
        f"judge `{r.judge}` · article sha256 `{report.article.sha256[:16]}` · {r.created_at}",
        "",
    ]
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(report: Report, width: int = 110) -> str:
    """A compact terminal summary: one line per claim, the reason under it."""
    rows = []
    for c in report.claims:
        rows.append(f"{c.id:>4}  {c.verdict.upper():<12} {c.confidence:4.2f}  "
                    f"{_clip(c.text, width - 25)}")
        rows.append(f"{'':>6}└ {_clip(c.reason, width - 8)}")
        if c.review:
            r = c.review
            said = f"{r.verdict.upper()} (machine {c.verdict})" if r.verdict else "machine kept"
            flag = "; RE-CHECK: machine verdict changed" if r.machine_verdict_changed else ""
            note = f"; {r.note}" if r.note else ""
            rows.append(f"{'':>6}└ reviewer: {_clip(said + flag + note, width - 18)}")
    counts = report.counts()
    rows.append(
        f"{len(report.claims)} claims: {counts['supported']} supported, "
        f"{counts['contradicted']} contradicted, {counts['unverified']} unverified; "
        f"{len(report.dropped)} sentences not checked."
    )
    if report.orphaned_reviews:
        rows.append("review entries not applied (they match no claim): "
                    + ", ".join(o.id for o in report.orphaned_reviews))
    return "\n".join(rows) + "\n"
