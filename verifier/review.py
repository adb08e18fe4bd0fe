"""Reviewer overrides: human decisions kept in a small YAML or JSON file, applied to a report.

    from verifier.report import read_report
    from verifier.review import apply_review, load_review, review_template, dump_review

    report = read_report("reports/article.json")
    open("review.yaml", "w").write(dump_review(review_template(report)))   # then edit it
    reviewed = apply_review(report, load_review("review.yaml"))

The file (what `factcheck review-template` writes; YAML is read with `yaml.safe_load` only):

    format: factcheck-review/1
    reviewer: Jane Doe               # default for the entries below
    claims:
    - id: c3
      text_hash: 9f2c...             # sha256 of the claim text (UTF-8): the claim's identity
      text: Chang'e-4 landed ...     # for the reader; matching uses the hash
      machine_verdict: contradicted  # the machine verdict the reviewer decided against
      verdict: supported             # supported | contradicted | unverified; empty: keep machine's
      note: The source was corrected on 4 January.
      strike: [cnsa-change4:0-84]    # evidence to reject: doc_id:start-end, or a doc id
      evidence: {...}                # the evidence keys and quotes, for the reader

Matching a review entry to a claim, in this order:

1. a claim with the entry's text hash AND its id;
2. else the one claim with the entry's text hash, whatever its id (ids shift when sentences are
   added to or removed from the article; the words are what the reviewer judged);
3. else the entry is orphaned: listed in `report.orphaned_reviews` with the reason (a claim
   with the same id but other words is never matched: the reviewer judged other words).

An entry with no verdict, note or strike (a template line left blank) decides nothing and is
ignored. A matched entry whose `machine_verdict` differs from the claim's verdict now is applied
and flagged (`review.machine_verdict_changed`) so a human looks again. The claim's `verdict`
always stays the machine's; the reviewer's is `claim.review.verdict` (`claim.final_verdict`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from verifier.errors import InputError
from verifier.models import ClaimResult, Label, OrphanedReview, Report, Review
from verifier.report import validation_detail
from verifier.textio import read_text, sha256_text

log = logging.getLogger(__name__)

REVIEW_FORMAT = "factcheck-review/1"
# One entry per claim, at most 500 claims: a few hundred KB; the limit only bounds memory.
MAX_REVIEW_BYTES = 16 * 1024 * 1024
_QUOTE_CHARS = 160


def text_hash(text: str) -> str:
    """The identity of a claim in review files and diffs: sha256 of its text."""
    return sha256_text(text)


class ReviewEntry(BaseModel):
    """One claim's decision in a review file."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(min_length=1)
    text_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the claim text")
    text: str = ""
    machine_verdict: Label = Field(description="the machine verdict the reviewer saw")
    verdict: Label | None = None
    note: str = ""
    strike: list[str] = Field(default_factory=list)
    reviewer: str | None = None
    evidence: dict[str, str] = Field(default_factory=dict, description="for the reader only")

    # A blank YAML value (`note:`) reads as null: treat it as "nothing written".
    @field_validator("note", "text", mode="before")
    @classmethod
    def _blank_text(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("strike", mode="before")
    @classmethod
    def _blank_list(cls, value: object) -> object:
        return [] if value is None else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _blank_map(cls, value: object) -> object:
        return {} if value is None else value

    def decides(self) -> bool:
        return bool(self.verdict or self.note.strip() or self.strike)


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["factcheck-review/1"] = REVIEW_FORMAT
    reviewer: str | None = None
    report: dict[str, str] = Field(
        default_factory=dict, description="the report the file was started from, for the reader")
    claims: list[ReviewEntry] = Field(default_factory=list)

    @field_validator("claims", mode="before")
    @classmethod
    def _blank_claims(cls, value: object) -> object:
        return [] if value is None else value


def _parse(text: str, name: str) -> object:
    if name.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            msg = f"{name}: not valid JSON ({exc.msg} at line {exc.lineno})"
            raise InputError(msg) from exc
    try:
        # Aliases (*name) can expand a few lines into gigabytes; a review file needs none.
        if any(isinstance(t, yaml.AliasToken) for t in yaml.scan(text)):
            msg = f"{name}: uses YAML aliases (*name), which are not accepted"
            raise InputError(msg)
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        msg = f"{name}: not valid YAML ({detail})"
        raise InputError(msg) from exc


def parse_review(text: str, name: str = "review") -> ReviewFile:
    """A review file's text (JSON when `name` ends in .json, else YAML); InputError if unusable."""
    data = _parse(text, name)
    if not isinstance(data, dict):
        msg = f"{name}: expected a mapping with a `claims` list (see `factcheck review-template`)"
        raise InputError(msg)
    try:
        review = ReviewFile.model_validate(data)
    except ValidationError as exc:
        msg = f"{name}: {validation_detail(exc)}"
        raise InputError(msg) from exc
    seen: set[tuple[str, str]] = set()
    for entry in review.claims:
        key = (entry.id, entry.text_hash)
        if key in seen:
            msg = f"{name}: claim {entry.id} (text hash {entry.text_hash[:12]}) appears twice"
            raise InputError(msg)
        seen.add(key)
    return review


def load_review(path: str | Path) -> ReviewFile:
    return parse_review(read_text(path, max_bytes=MAX_REVIEW_BYTES), str(path))


def _orphan(entry: ReviewEntry, reviewer: str | None, reason: str) -> OrphanedReview:
    return OrphanedReview(id=entry.id, text_hash=entry.text_hash, text=entry.text,
                          verdict=entry.verdict, note=entry.note,
                          reviewer=entry.reviewer or reviewer, reason=reason)


def _orphan_reason(entry: ReviewEntry, claims: list[ClaimResult], hashes: list[str]) -> str:
    same_hash = [c.id for c, h in zip(claims, hashes, strict=True) if h == entry.text_hash]
    if len(same_hash) > 1:
        return (f"its text is in claims {', '.join(same_hash)}, none with id {entry.id}: which "
                "one it is about is ambiguous")
    if same_hash:
        return f"claim {same_hash[0]} has this text and its own review entry"
    if any(c.id == entry.id for c in claims):
        return f"claim {entry.id} now reads differently (text hash changed): review it again"
    return "no claim with this text in the report (the article or the extraction changed)"


def _match(
    entries: list[ReviewEntry], claims: list[ClaimResult]
) -> tuple[dict[int, ReviewEntry], list[ReviewEntry]]:
    """Claim position -> its entry, and the entries that match no claim (see module doc)."""
    hashes = [text_hash(c.text) for c in claims]
    by_hash: dict[str, list[int]] = {}
    for i, h in enumerate(hashes):
        by_hash.setdefault(h, []).append(i)
    matched: dict[int, ReviewEntry] = {}
    rest: list[ReviewEntry] = []
    for entry in entries:  # first pass: text and id both agree
        exact = [i for i in by_hash.get(entry.text_hash, [])
                 if claims[i].id == entry.id and i not in matched]
        if exact:
            matched[exact[0]] = entry
        else:
            rest.append(entry)
    orphans: list[ReviewEntry] = []
    for entry in rest:  # second pass: the text alone, when it names one free claim
        free = [i for i in by_hash.get(entry.text_hash, []) if i not in matched]
        if len(by_hash.get(entry.text_hash, [])) == 1 and free:
            matched[free[0]] = entry
        else:
            orphans.append(entry)
    return matched, orphans


def apply_review(report: Report, review: ReviewFile) -> Report:
    """A copy of `report` with the review's decisions attached to their claims.

    Any earlier review on the report is replaced; the machine verdicts are never changed.
    """
    entries = [e for e in review.claims if e.decides()]
    claims = [c.model_copy(update={"review": None}) for c in report.claims]
    matched, orphaned = _match(entries, claims)
    hashes = [text_hash(c.text) for c in claims]
    for i, entry in sorted(matched.items()):
        claim = claims[i]
        changed = entry.machine_verdict != claim.verdict
        if changed:
            log.warning("claim %s: the machine verdict is now %s, the reviewer saw %s: re-check "
                        "the human decision", claim.id, claim.verdict, entry.machine_verdict)
        cited = {k for ev in claim.evidence for k in (ev.key(), ev.doc_id)}
        for key in entry.strike:
            if key not in cited:
                log.warning("claim %s: struck evidence %s is no longer cited", claim.id, key)
        claims[i] = claim.model_copy(update={"review": Review(
            verdict=entry.verdict, note=entry.note.strip(), struck_evidence=list(entry.strike),
            reviewer=entry.reviewer or review.reviewer, machine_verdict_seen=entry.machine_verdict,
            machine_verdict_changed=changed,
        )})
    orphans = [_orphan(e, review.reviewer, _orphan_reason(e, claims, hashes)) for e in orphaned]
    for o in orphans:
        log.warning("review entry for claim %s not applied: %s", o.id, o.reason)
    return report.model_copy(update={"claims": claims, "orphaned_reviews": orphans})


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def review_template(report: Report, *, reviewer: str | None = None) -> ReviewFile:
    """A review file for `report` with every claim listed and nothing decided yet."""
    return ReviewFile(
        reviewer=reviewer,
        report={"article_sha256": report.article.sha256, "index_id": report.run.index_id,
                "created_at": report.run.created_at, "source": report.article.source or ""},
        claims=[
            ReviewEntry(id=c.id, text_hash=text_hash(c.text), text=c.text,
                        machine_verdict=c.verdict,
                        evidence={ev.key(): _clip(ev.quote) for ev in c.evidence})
            for c in report.claims
        ],
    )


_YAML_HEAD = """\
# factcheck review file. Per claim, fill in any of:
#   verdict: supported | contradicted | unverified   (empty keeps the machine's verdict)
#   note:    why (shown in every report format)
#   strike:  evidence keys to reject, e.g. [doc-id:120-188], or a whole doc id
# Leave id, text_hash and machine_verdict as they are: they tie the decision to the claim's
# words and to the verdict you saw. Entries left blank are ignored.
# Apply: factcheck render REPORT.json --review THIS_FILE --format html --out report.html
"""


def dump_review(review: ReviewFile, fmt: Literal["yaml", "json"] = "yaml") -> str:
    data = review.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return _YAML_HEAD + body
