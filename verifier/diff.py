"""What changed between two reports of the same article, e.g. after new sources were indexed.

    from verifier.diff import diff_reports
    changes = diff_reports(read_report("old.json"), read_report("new.json"))

Claims are matched by the sha256 of their text (ids shift when the article changes); a text
that occurs several times in a report is paired in order of appearance. A matched claim is
listed when its machine verdict changed, its confidence moved by at least
CONFIDENCE_THRESHOLD, or its evidence (the set of cited passages, `doc_id:start-end`)
changed. Claims found in only one report are listed as added or removed. Reviewer decisions
are carried along for the reader but are not compared: the diff is about what the machine said.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from verifier.models import ClaimResult, Label, Report
from verifier.review import text_hash

# Confidence is a heuristic score printed with two decimals; smaller moves are noise.
CONFIDENCE_THRESHOLD = 0.05

Change = Literal["verdict", "confidence", "evidence"]


class ClaimSide(BaseModel):
    """One claim as one report has it."""

    id: str
    verdict: Label
    confidence: float
    evidence: list[str] = Field(description="cited passages as doc_id:start-end")
    reviewer_verdict: Label | None = None


class ClaimChange(BaseModel):
    text: str
    text_hash: str
    changes: list[Change]
    old: ClaimSide
    new: ClaimSide
    evidence_added: list[str] = Field(default_factory=list)
    evidence_removed: list[str] = Field(default_factory=list)


class ClaimOnly(BaseModel):
    """A claim present in one report only."""

    text: str
    text_hash: str
    claim: ClaimSide


class ReportDiff(BaseModel):
    old_index_id: str
    new_index_id: str
    same_article: bool = Field(description="both reports are of the same article text")
    confidence_threshold: float = CONFIDENCE_THRESHOLD
    changed: list[ClaimChange] = Field(default_factory=list)
    added: list[ClaimOnly] = Field(default_factory=list, description="only in the new report")
    removed: list[ClaimOnly] = Field(default_factory=list, description="only in the old report")
    unchanged: int = 0

    def is_empty(self) -> bool:
        return not (self.changed or self.added or self.removed)


def _side(c: ClaimResult) -> ClaimSide:
    return ClaimSide(id=c.id, verdict=c.verdict, confidence=c.confidence,
                     evidence=[ev.key() for ev in c.evidence],
                     reviewer_verdict=c.review.verdict if c.review else None)


def _by_hash(report: Report) -> dict[str, list[ClaimResult]]:
    out: dict[str, list[ClaimResult]] = {}
    for c in report.claims:
        out.setdefault(text_hash(c.text), []).append(c)
    return out


def _compare(h: str, old: ClaimResult, new: ClaimResult, threshold: float) -> ClaimChange | None:
    a, b = _side(old), _side(new)
    changes: list[Change] = []
    if a.verdict != b.verdict:
        changes.append("verdict")
    # Rounded so that 0.80 -> 0.85 counts as a 0.05 move despite binary floating point.
    if round(abs(a.confidence - b.confidence), 6) >= threshold:
        changes.append("confidence")
    added = sorted(set(b.evidence) - set(a.evidence))
    removed = sorted(set(a.evidence) - set(b.evidence))
    if added or removed:
        changes.append("evidence")
    if not changes:
        return None
    return ClaimChange(text=new.text, text_hash=h, changes=changes, old=a, new=b,
                       evidence_added=added, evidence_removed=removed)


def diff_reports(old: Report, new: Report, *,
                 confidence_threshold: float = CONFIDENCE_THRESHOLD) -> ReportDiff:
    """Claims of `new` whose verdict, confidence or evidence differ from `old`, and the claims
    in only one of them; in the new report's order, removed claims in the old one's."""
    old_groups, new_groups = _by_hash(old), _by_hash(new)
    diff = ReportDiff(old_index_id=old.run.index_id, new_index_id=new.run.index_id,
                      same_article=old.article.sha256 == new.article.sha256,
                      confidence_threshold=confidence_threshold)
    taken: dict[str, int] = {}
    for c in new.claims:
        h = text_hash(c.text)
        n = taken.get(h, 0)
        taken[h] = n + 1
        before = old_groups.get(h, [])
        if n >= len(before):
            diff.added.append(ClaimOnly(text=c.text, text_hash=h, claim=_side(c)))
            continue
        change = _compare(h, before[n], c, confidence_threshold)
        if change is None:
            diff.unchanged += 1
        else:
            diff.changed.append(change)
    seen: dict[str, int] = {}
    for c in old.claims:
        h = text_hash(c.text)
        n = seen.get(h, 0)
        seen[h] = n + 1
        if n >= len(new_groups.get(h, [])):
            diff.removed.append(ClaimOnly(text=c.text, text_hash=h, claim=_side(c)))
    return diff


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _what(ch: ClaimChange) -> str:
    bits = []
    if "verdict" in ch.changes:
        bits.append(f"verdict {ch.old.verdict} -> {ch.new.verdict}")
    if "confidence" in ch.changes:
        bits.append(f"confidence {ch.old.confidence:.2f} -> {ch.new.confidence:.2f}")
    if "evidence" in ch.changes:
        bits.append(f"evidence +{len(ch.evidence_added)} -{len(ch.evidence_removed)}")
    return "; ".join(bits)


def _ids(ch: ClaimChange) -> str:
    return ch.new.id if ch.old.id == ch.new.id else f"{ch.old.id}->{ch.new.id}"


def _summary(diff: ReportDiff) -> str:
    return (f"{len(diff.changed)} changed, {len(diff.added)} added, {len(diff.removed)} removed, "
            f"{diff.unchanged} unchanged (confidence change threshold "
            f"{diff.confidence_threshold:.2f}).")


def to_table(diff: ReportDiff, width: int = 110) -> str:
    rows = []
    for ch in diff.changed:
        rows.append(f"changed  {_ids(ch):>8}  {_what(ch)}")
        rows.append(f"{'':>19}{_clip(ch.text, width - 19)}")
        rows += [f"{'':>19}+ {k}" for k in ch.evidence_added]
        rows += [f"{'':>19}- {k}" for k in ch.evidence_removed]
    for label, items in (("added", diff.added), ("removed", diff.removed)):
        for o in items:
            rows.append(f"{label:<8} {o.claim.id:>8}  {o.claim.verdict} {o.claim.confidence:.2f}")
            rows.append(f"{'':>19}{_clip(o.text, width - 19)}")
    if not diff.same_article:
        rows.append("note: the reports are of different article texts")
    rows.append(_summary(diff))
    return "\n".join(rows) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(diff: ReportDiff) -> str:
    lines = [f"# Report diff: index `{diff.old_index_id}` -> `{diff.new_index_id}`", "",
             _summary(diff), ""]
    if not diff.same_article:
        lines += ["The two reports are of different article texts.", ""]
    if diff.changed:
        lines += ["| Claim | Text | What changed | Evidence added | Evidence removed |",
                  "|---|---|---|---|---|"]
        lines += [
            f"| {_ids(ch)} | {_md(ch.text)} | {_what(ch)} | "
            f"{'<br>'.join(f'`{k}`' for k in ch.evidence_added) or '—'} | "
            f"{'<br>'.join(f'`{k}`' for k in ch.evidence_removed) or '—'} |"
            for ch in diff.changed
        ]
        lines.append("")
    for title, items in (("Only in the new report", diff.added),
                         ("Only in the old report", diff.removed)):
        if items:
            lines += [f"## {title}", "", "| Claim | Text | Verdict |", "|---|---|---|"]
            lines += [f"| {o.claim.id} | {_md(o.text)} | {o.claim.verdict} "
                      f"({o.claim.confidence:.2f}) |" for o in items]
            lines.append("")
    return "\n".join(lines)


def render(diff: ReportDiff, fmt: str) -> str:
    if fmt == "json":
        return diff.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        return to_markdown(diff)
    return to_table(diff)
