"""Stage 4: render a Report for machines (JSON) and people (Markdown, terminal table)."""

from __future__ import annotations

import datetime as dt
import json

from verifier import __version__
from verifier.models import (
    ArticleInfo,
    ClaimResult,
    DroppedSentence,
    Report,
    RunInfo,
)
from verifier.textio import sha256_text

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


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        ev = c.evidence[0] if c.evidence else None
        cite = f"[{_md_cell(ev.title)}]({ev.url}) ({ev.publisher}, {ev.date})" if ev else "—"
        lines.append(
            f"| {c.id} | {_MARK[c.verdict]} ({c.confidence:.2f}) | {_md_cell(c.text)} | "
            f"{cite} | {_md_cell(c.reason)} |"
        )
    lines += ["", "## Evidence", ""]
    for c in report.claims:
        lines.append(f"### {c.id}: {_MARK[c.verdict]}")
        lines.append("")
        lines.append(f"> {_md_cell(c.text)}")
        lines.append("")
        lines.append(f"Article characters {c.span.start}–{c.span.end}. {c.reason}")
        for d in c.discrepancies:
            lines.append(f"- **{d.kind} mismatch**: article `{d.claim_value}`, "
                         f"source `{d.evidence_value}`" + (f" ({d.note})" if d.note else ""))
        for ev in c.evidence:
            lines.append(
                f"- {ev.publisher}, {ev.date}, [{_md_cell(ev.title)}]({ev.url}) "
                f"(`{ev.doc_id}` chars {ev.span.start}–{ev.span.end}): “{_md_cell(ev.quote)}”"
            )
        lines.append("")
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
    counts = report.counts()
    rows.append(
        f"{len(report.claims)} claims: {counts['supported']} supported, "
        f"{counts['contradicted']} contradicted, {counts['unverified']} unverified; "
        f"{len(report.dropped)} sentences not checked."
    )
    return "\n".join(rows) + "\n"
